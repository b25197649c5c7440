import type { Clock } from '../clock.js';
import { hashToken, randomToken } from '../crypto/tokens.js';
import { PatchbayError } from '../errors.js';
import { accessTokenOf, deleteTokensOf, insertAccessToken } from '../store/clients.js';
import type { Db } from '../store/database.js';
import type { Invalidation, Invalidations } from '../store/invalidations.js';

/** Who a bearer token speaks for. `accountId` is set when the token is restricted to one account. */
export interface Principal {
  clientId: string;
  accountId: string | null;
  expiresAt: number;
}

/** Cyclr's lifetime: 14 days less a second. */
export const TOKEN_LIFETIME_SECONDS = 1209599;
const CACHE_LIMIT = 10_000;

const unauthenticated = () => new PatchbayError('PB_ERR_UNAUTHENTICATED', 'Authorization has been denied for this request.');

/**
 * Bearer tokens, stored as hashes. Verified tokens are cached in memory (bounded) so a warm API call does
 * not touch the database. The cache is keyed by the token itself, which the process holds during every
 * call anyway: a warm call then needs no sha256, the largest part of checking it. Revoking a client, or
 * deleting an account, removes them from the cache of every node (through the invalidation bus).
 */
export class AccessTokens {
  private readonly cache = new Map<string, Principal & { checkedAt: number }>();

  constructor(
    private readonly db: Db,
    /** How long a verified token is trusted without a query. */
    private readonly ttlMs: number,
    private readonly bus: Invalidations,
    private readonly clock: Clock,
  ) {
    bus.on((invalidation) => this.apply(invalidation));
  }

  async issue(clientId: string, accountId: string | null): Promise<{ token: string; expiresIn: number }> {
    const token = randomToken('pbt_');
    const expiresAt = this.clock.isoIn(TOKEN_LIFETIME_SECONDS * 1000);
    await insertAccessToken(this.db, {
      token_hash: hashToken(token),
      client_id: clientId,
      account_id: accountId,
      expires_at: expiresAt,
      created_at: this.clock.nowIso(),
    });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  async authenticate(token: string): Promise<Principal> {
    const trusted = this.trusted(token);
    if (trusted !== undefined) {
      if (trusted.expiresAt > this.clock.now()) return trusted;
      this.cache.delete(token);
      throw unauthenticated();
    }
    const row = await accessTokenOf(this.db, hashToken(token));
    if (row === undefined || row.revoked_at !== null) {
      this.cache.delete(token);
      throw unauthenticated();
    }
    const principal: Principal = { clientId: row.client_id, accountId: row.account_id, expiresAt: Date.parse(row.expires_at) };
    if (principal.expiresAt <= this.clock.now()) throw unauthenticated();
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { ...principal, checkedAt: this.clock.now() });
    return principal;
  }

  /** The cache entry for a token, when it may be used without asking the database. */
  private trusted(token: string): Principal | undefined {
    const entry = this.cache.get(token);
    return entry !== undefined && this.bus.healthy && this.clock.now() - entry.checkedAt < this.ttlMs ? entry : undefined;
  }

  async revokeForClient(clientId: string): Promise<void> {
    await deleteTokensOf(this.db, clientId);
    this.bus.publish({ kind: 'client', id: clientId });
  }

  private apply(invalidation: Invalidation): void {
    // Tokens restricted to a deleted account went with it (the foreign key deleted the rows).
    const match =
      invalidation.kind === 'client'
        ? (p: Principal) => p.clientId === invalidation.id
        : invalidation.kind === 'account'
          ? (p: Principal) => p.accountId === invalidation.id
          : invalidation.kind === 'everything'
            ? () => true
            : undefined;
    if (match === undefined) return;
    for (const [token, principal] of this.cache) if (match(principal)) this.cache.delete(token);
  }
}
