import type { ResolvedInstall } from '../runtime/resolved-install.js';

interface Lane {
  active: number;
  waiting: (() => void)[];
}

/** How many outbound requests hold a turn now, and how many wait for one. */
export interface FairShareFigures {
  active: number;
  waiting: number;
}

/**
 * Outbound requests per account connector: at most `limit` in flight at once, the rest waiting their
 * turn in order, never refused. A provider's pooled connections are shared by every account; this way
 * one account's calls (slow uploads, a burst) hold at most `limit` of them, and the others still find one.
 * A waiter whose caller went away (its signal aborted) leaves the queue and never gets a turn.
 */
export class FairShare {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: number) {}

  /**
   * Waits for a turn; the function returned ends it (calling it again does nothing). Rejects with the
   * signal's reason, holding no turn, when `signal` aborts first.
   */
  async acquire(install: ResolvedInstall, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
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
    else await (signal === undefined ? new Promise<void>((resolve) => mine.waiting.push(resolve)) : waitOrLeave(mine, signal));
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

  figures(): FairShareFigures {
    let active = 0;
    let waiting = 0;
    for (const lane of this.lanes.values()) {
      active += lane.active;
      waiting += lane.waiting.length;
    }
    return { active, waiting };
  }
}

/**
 * Waits in the lane's queue until handed a turn, or leaves it when the signal aborts. A lane full enough
 * to queue is full of turns that will end, so leaving never has to hand anything on.
 */
function waitOrLeave(lane: Lane, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      signal.removeEventListener('abort', leave);
      resolve();
    };
    const leave = () => {
      // The queue is short (callers are capped in flight), so finding the waiter is cheap.
      const at = lane.waiting.indexOf(turn);
      if (at !== -1) lane.waiting.splice(at, 1);
      reject(signal.reason);
    };
    lane.waiting.push(turn);
    signal.addEventListener('abort', leave, { once: true });
  });
}
