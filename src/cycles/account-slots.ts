import type { Clock } from '../clock.js';

/**
 * How many transactions of each account this node has started at once on receipt: one account may hold
 * at most `limit`, so that its burst leaves room for the others' webhooks. One past its limit waits a
 * moment for the account's next free slot, first come first served, before it is queued. (Queued
 * transactions run in the queue's order: refusing one account's jobs there would only send them round
 * again and again.)
 */
export class AccountSlots {
  private readonly held = new Map<string, number>();
  /** Per account, those waiting for one of its slots, in order. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
  ) {}

  /** Takes a slot for one of the account's transactions, waiting up to `waitMs` for one; false when none came. */
  take(accountId: string, waitMs: number): Promise<boolean> {
    const held = this.held.get(accountId) ?? 0;
    if (held < this.limit) {
      this.held.set(accountId, held + 1);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(accountId) ?? [];
      this.waiting.set(accountId, queue);
      const granted = () => resolve(true);
      queue.push(granted);
      void this.clock.sleep(waitMs).then(() => {
        const at = queue.indexOf(granted);
        if (at === -1) return;
        queue.splice(at, 1);
        if (queue.length === 0 && this.waiting.get(accountId) === queue) this.waiting.delete(accountId);
        resolve(false);
      });
    });
  }

  /** Gives a slot back: to the account's first waiter, if any, else free. */
  give(accountId: string): void {
    const queue = this.waiting.get(accountId);
    const next = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.waiting.delete(accountId);
    if (next !== undefined) {
      next();
      return;
    }
    const held = this.held.get(accountId) ?? 0;
    if (held <= 1) this.held.delete(accountId);
    else this.held.set(accountId, held - 1);
  }
}
