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
