import type { Clock } from '../clock.js';
import { hashToken, randomToken, sameHash } from '../crypto/tokens.js';
import { notFound, PatchbayError } from '../errors.js';
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
    await this.db
      .insertInto('api_clients')
      .values({ id, name, secret_hash: hashToken(secret), created_at: this.clock.nowIso(), revoked_at: null })
      .execute();
    return { ClientId: id, ClientSecret: secret, Name: name };
  }

  async list(): Promise<ApiClientSummary[]> {
    const rows = await this.db.selectFrom('api_clients').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ ClientId: r.id, Name: r.name, CreatedDate: r.created_at, Revoked: r.revoked_at !== null }));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('api_clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Revoking a client also ends every token it was given. */
  async revoke(id: string): Promise<void> {
    const result = await this.db
      .updateTable('api_clients')
      .set({ revoked_at: this.clock.nowIso() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound(`API client '${id}' not found or already revoked`);
    await this.tokens.revokeForClient(id);
  }

  /** Checks a client id and secret; the same error for an unknown id and a wrong secret. */
  async verify(id: string, secret: string): Promise<void> {
    const row = await this.db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined || row.revoked_at !== null || !sameHash(row.secret_hash, hashToken(secret))) {
      throw new PatchbayError('PB_ERR_INVALID_CLIENT', 'Invalid client credentials');
    }
  }
}
