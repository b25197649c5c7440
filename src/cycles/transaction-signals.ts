/**
 * Wakes, on this node, whoever waits for a transaction to move on: a webhook request waiting for its
 * Synchronous Response. The executor notifies after the response step and when a job of the transaction
 * ends. A transaction run by another node is not signalled here; the waiter also reads the store now and then.
 */
export class TransactionSignals {
  private readonly waiting = new Map<string, Set<() => void>>();

  notify(transactionId: string): void {
    for (const wake of this.waiting.get(transactionId) ?? []) wake();
  }

  /** Resolves at the next notify of this transaction, or when `cancel` is called. */
  next(transactionId: string): { woken: Promise<void>; cancel(): void } {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const set = this.waiting.get(transactionId) ?? new Set();
    set.add(wake);
    this.waiting.set(transactionId, set);
    return {
      woken,
      cancel: () => {
        wake();
        set.delete(wake);
        if (set.size === 0 && this.waiting.get(transactionId) === set) this.waiting.delete(transactionId);
      },
    };
  }
}
