import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../src/errors.js';
import { InFlight } from '../src/services/in-flight.js';

describe('in-flight counts', () => {
  it('refuses the request over a cap with PB_ERR_TOO_MANY_IN_FLIGHT and Retry-After, and takes one again once another ends', () => {
    const counts = new InFlight({ perClient: 3, perAccount: 2 });
    const first = counts.enter('client', 'acme');
    counts.enter('client', 'acme');
    let refusal: unknown;
    try {
      counts.enter('client', 'acme');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(PatchbayError);
    expect(refusal).toMatchObject({ code: 'PB_ERR_TOO_MANY_IN_FLIGHT', status: 429, headers: { 'retry-after': '1' } });
    // The account's cap does not hold back the client's partner-level calls; then the client's own cap is reached.
    counts.enter('client', null);
    expect(() => counts.enter('client', 'other')).toThrow(PatchbayError);
    first();
    counts.enter('client', 'acme');
    expect(counts.figures()).toEqual({ requests: 3, busiestClient: 3, busiestAccount: 2, refusedClient: 1, refusedAccount: 1 });
  });

  it('ends a count once however often its release is called, and forgets a caller with nothing in flight', () => {
    const counts = new InFlight({ perClient: 2, perAccount: 2 });
    const release = counts.enter('client', 'acme');
    const other = counts.enter('client', 'acme');
    release();
    release();
    expect(counts.figures()).toMatchObject({ requests: 1, busiestClient: 1, busiestAccount: 1 });
    other();
    expect(counts.figures()).toMatchObject({ requests: 0, busiestClient: 0, busiestAccount: 0 });
  });
});
