/** A Synchronous Response step the transaction passed (committed), and what it answers. */
export interface Answered {
  stepId: number;
  output: unknown;
}

/**
 * Wakes, on this node, whoever waits for a transaction to move on: a webhook request waiting for its
 * Synchronous Response. The executor notifies once the response step has committed, with what it
 * answers, and when a job of the transaction ends. A transaction run by another node is not signalled
 * here; the waiter also reads the store now and then.
 */
export class TransactionSignals {
  private readonly waiting = new Map<string, Set<(answered: Answered | undefined) => void>>();

  notify(transactionId: string, answered?: Answered): void {
    for (const wake of this.waiting.get(transactionId) ?? []) wake(answered);
  }

  /** Resolves at the next notify of this transaction (with its answer, if any), or when `cancel` is called. */
  next(transactionId: string): { woken: Promise<Answered | undefined>; cancel(): void } {
    let wake: (answered: Answered | undefined) => void = () => {};
    const woken = new Promise<Answered | undefined>((resolve) => {
      wake = resolve;
    });
    const set = this.waiting.get(transactionId) ?? new Set();
    set.add(wake);
    this.waiting.set(transactionId, set);
    return {
      woken,
      cancel: () => {
        wake(undefined);
        set.delete(wake);
        if (set.size === 0 && this.waiting.get(transactionId) === set) this.waiting.delete(transactionId);
      },
    };
  }
}
