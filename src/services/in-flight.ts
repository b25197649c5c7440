import { PatchbayError } from '../errors.js';

export interface InFlightLimits {
  perClient: number;
  perAccount: number;
}

/** What /metrics shows: totals and the busiest caller, never which client or account it is. */
export interface InFlightFigures {
  requests: number;
  busiestClient: number;
  busiestAccount: number;
  refusedClient: number;
  refusedAccount: number;
}

/** A refused caller is asked to come back this many seconds later: in-flight requests usually end well within it. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Counts the requests each API client and each account has in flight on this node, and refuses one more
 * over the cap, so that one busy caller cannot occupy the whole server. Memory only: two Map updates per
 * request, and a caller's entry is gone once it has nothing in flight.
 */
export class InFlight {
  private readonly clients = new Map<string, number>();
  private readonly accounts = new Map<string, number>();
  private requests = 0;
  private refusedClient = 0;
  private refusedAccount = 0;

  constructor(private readonly limits: InFlightLimits) {}

  /**
   * Counts one request of `clientId` (acting on `accountId`, for an account-level call), or throws 429
   * when either is at its cap. The returned function ends the count; calling it again does nothing.
   */
  enter(clientId: string, accountId: string | null): () => void {
    const client = this.clients.get(clientId) ?? 0;
    if (client >= this.limits.perClient) {
      this.refusedClient++;
      throw tooMany(`This API client already has ${client} requests in flight, the most allowed`);
    }
    const account = accountId === null ? 0 : (this.accounts.get(accountId) ?? 0);
    if (accountId !== null && account >= this.limits.perAccount) {
      this.refusedAccount++;
      throw tooMany(`Account ${accountId} already has ${account} requests in flight, the most allowed`);
    }
    this.clients.set(clientId, client + 1);
    if (accountId !== null) this.accounts.set(accountId, account + 1);
    this.requests++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.requests--;
      leave(this.clients, clientId);
      if (accountId !== null) leave(this.accounts, accountId);
    };
  }

  figures(): InFlightFigures {
    return {
      requests: this.requests,
      busiestClient: largest(this.clients),
      busiestAccount: largest(this.accounts),
      refusedClient: this.refusedClient,
      refusedAccount: this.refusedAccount,
    };
  }
}

function leave(counts: Map<string, number>, key: string): void {
  const count = counts.get(key) ?? 0;
  if (count <= 1) counts.delete(key);
  else counts.set(key, count - 1);
}

function largest(counts: Map<string, number>): number {
  let most = 0;
  for (const count of counts.values()) if (count > most) most = count;
  return most;
}

const tooMany = (message: string) =>
  new PatchbayError('PB_ERR_TOO_MANY_IN_FLIGHT', `${message}; retry later`, undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
