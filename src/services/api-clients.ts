import type { Clock } from '../clock.js';
import { hashToken, randomToken, sameHash } from '../crypto/tokens.js';
import { notFound, PatchbayError } from '../errors.js';
import { allClients, clientCount, clientOf, insertClient, revokeClient } from '../store/clients.js';
import type { Db } from '../store/database.js';
import type { AccessTokens } from './access-tokens.js';

export interface ApiClientSummary {
  ClientId: string;
  Name: string;
  CreatedDate: string;
  Revoked: boolean;
}

/** API clients: the partner's backend credentials. Secrets are shown once, at creation, and stored hashed. */
export class ApiClients {
  constructor(
    private readonly db: Db,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<{ ClientId: string; ClientSecret: string; Name: string }> {
    const id = randomToken('', 16);
    const secret = randomToken('pbs_');
    await insertClient(this.db, { id, name, secret_hash: hashToken(secret), created_at: this.clock.nowIso(), revoked_at: null });
    return { ClientId: id, ClientSecret: secret, Name: name };
  }

  async list(): Promise<ApiClientSummary[]> {
    const rows = await allClients(this.db);
    return rows.map((r) => ({ ClientId: r.id, Name: r.name, CreatedDate: r.created_at, Revoked: r.revoked_at !== null }));
  }

  async count(): Promise<number> {
    return clientCount(this.db);
  }

  /** Revoking a client also ends every token it was given. */
  async revoke(id: string): Promise<void> {
    if (!(await revokeClient(this.db, id, this.clock.nowIso()))) throw notFound(`API client '${id}' not found or already revoked`);
    await this.tokens.revokeForClient(id);
  }

  /** Checks a client id and secret; the same error for an unknown id and a wrong secret. */
  async verify(id: string, secret: string): Promise<void> {
    const row = await clientOf(this.db, id);
    if (row === undefined || row.revoked_at !== null || !sameHash(row.secret_hash, hashToken(secret))) {
      throw new PatchbayError('PB_ERR_INVALID_CLIENT', 'Invalid client credentials');
    }
  }
}
