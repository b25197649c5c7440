import type { ResolvedInstall } from '../runtime/resolved-install.js';

interface Lane {
  active: number;
  waiting: (() => void)[];
}

/**
 * Outbound requests per account connector: at most `limit` in flight at once, the rest waiting their
 * turn in order, never refused. A provider's pooled connections are shared by every account; this way
 * one account's calls (slow uploads, a burst) hold at most `limit` of them, and the others still find one.
 */
export class FairShare {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: number) {}

  /** Waits for a turn; the function returned ends it (calling it again does nothing). */
  async acquire(install: ResolvedInstall): Promise<() => void> {
    // A credential probed on its own is an install of id 0: its lane is its credential's; a key tried before
    // it is stored has neither, and takes its account's lane, so no account shares one with another.
    const key =
      install.id !== 0
        ? `install:${install.id}`
        : install.credentialId !== null
          ? `credential:${install.credentialId}`
          : `account:${install.accountId}`;
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    const mine = lane;
    if (mine.active < this.limit) mine.active++;
    // The turn is handed over by the request that ends, so `active` already counts this one.
    else await new Promise<void>((resolve) => mine.waiting.push(resolve));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = mine.waiting.shift();
      if (next !== undefined) return next();
      mine.active--;
      if (mine.active === 0) this.lanes.delete(key);
    };
  }
}
