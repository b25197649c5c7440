import { describe, expect, it } from 'vitest';
import type { Connector } from '../src/catalogue/catalogue.js';
import { FairShare } from '../src/runner/fair-share.js';
import type { ResolvedInstall } from '../src/runtime/resolved-install.js';

const install = (id: number, accountId: string, credentialId: number | null): ResolvedInstall => ({
  id,
  accountId,
  name: `install ${id}`,
  connector: {} as Connector,
  authenticated: true,
  authError: null,
  credentialId,
  secret: 'key',
  token: null,
  customMethods: new Map(),
  customObjects: new Map(),
  values: new Map(),
});

/** Whether `turn` has been granted once the microtasks queued so far have run. */
async function granted(turn: Promise<() => void>): Promise<boolean> {
  let done = false;
  void turn.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the fair share of outbound requests', () => {
  it('lets one install hold at most its share, and hands turns over in order as they end', async () => {
    const share = new FairShare(2);
    const one = install(1, 'a', 10);
    const [first, second] = await Promise.all([share.acquire(one), share.acquire(one)]);
    const third = share.acquire(one);
    const fourth = share.acquire(one);
    expect(await granted(third)).toBe(false);
    first();
    first();
    expect(await granted(third)).toBe(true);
    expect(await granted(fourth)).toBe(false);
    second();
    expect(await granted(fourth)).toBe(true);
  });

  it('gives every install, credential and account its own lane', async () => {
    const share = new FairShare(1);
    await share.acquire(install(1, 'a', 10));
    // Another install, a credential probed on its own, and keys of two accounts tried before they are stored.
    for (const other of [install(2, 'a', 10), install(0, 'a', 11), install(0, 'a', null), install(0, 'b', null)]) {
      expect(await granted(share.acquire(other)), `${other.id}/${other.credentialId}/${other.accountId}`).toBe(true);
    }
    expect(await granted(share.acquire(install(0, 'b', null)))).toBe(false);
  });
});

describe('the fair share when callers go away', () => {
  it('takes a waiter whose signal aborts out of the queue: it is refused with the reason and the turn goes to the next', async () => {
    const share = new FairShare(1);
    const one = install(1, 'a', 10);
    const first = await share.acquire(one);
    const leaving = new AbortController();
    const gone = share.acquire(one, leaving.signal);
    const next = share.acquire(one, new AbortController().signal);
    expect(share.figures()).toEqual({ active: 1, waiting: 2 });

    const reason = new Error('the client went away');
    leaving.abort(reason);
    await expect(gone).rejects.toBe(reason);
    expect(share.figures()).toEqual({ active: 1, waiting: 1 });
    first();
    expect(await granted(next)).toBe(true);
    (await next)();
    expect(share.figures()).toEqual({ active: 0, waiting: 0 });
  });

  it('gives no turn to a caller whose signal has already aborted, even with turns free', async () => {
    const share = new FairShare(1);
    const reason = new Error('gone before it asked');
    await expect(share.acquire(install(1, 'a', 10), AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(share.figures()).toEqual({ active: 0, waiting: 0 });
    expect(await granted(share.acquire(install(1, 'a', 10)))).toBe(true);
  });

  it('keeps a turn already handed over when the signal aborts afterwards: the holder ends it', async () => {
    const share = new FairShare(1);
    const one = install(1, 'a', 10);
    const first = await share.acquire(one);
    const late = new AbortController();
    const second = share.acquire(one, late.signal);
    first();
    late.abort(new Error('too late'));
    const done = await second;
    expect(share.figures()).toEqual({ active: 1, waiting: 0 });
    done();
    expect(share.figures()).toEqual({ active: 0, waiting: 0 });
  });
});
