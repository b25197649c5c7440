/**
 * How many transactions of each account this node has started at once on receipt: one account may hold
 * at most `limit`, so that its burst leaves room for the others' webhooks. (Queued transactions run in
 * the queue's order: refusing one account's jobs there would only send them round again and again.)
 */
export class AccountSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a slot for one of the account's transactions; false when the account holds its limit. */
  take(accountId: string): boolean {
    const held = this.held.get(accountId) ?? 0;
    if (held >= this.limit) return false;
    this.held.set(accountId, held + 1);
    return true;
  }

  give(accountId: string): void {
    const held = this.held.get(accountId) ?? 0;
    if (held <= 1) this.held.delete(accountId);
    else this.held.set(accountId, held - 1);
  }
}
