import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { hashToken, maskSecret, randomToken, sameHash } from '../crypto/tokens.js';
import { notFound, PatchbayError } from '../errors.js';
import { allClients, clientCount, clientOf, clientPage, insertClient, revokeClient, rotateClientSecret } from '../store/clients.js';
import type { Db } from '../store/database.js';
import type { ApiClientTable } from '../store/schema.js';
import type { AccessTokens } from './access-tokens.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';

export interface ApiClientSummary {
  ClientId: string;
  Name: string;
  CreatedDate: string;
  RevokedDate: string | null;
  /** The secret masked; null for a client made before hints were kept. */
  SecretHint: string | null;
}

export interface ApiClientWithSecret extends ApiClientSummary {
  ClientSecret: string;
}

export interface RotatedSecret extends ApiClientWithSecret {
  /** Until when the secret it replaced is still accepted. */
  PreviousSecretValidUntil: string;
}

const summary = (row: ApiClientTable): ApiClientSummary => ({
  ClientId: row.id,
  Name: row.name,
  CreatedDate: row.created_at,
  RevokedDate: row.revoked_at,
  SecretHint: row.secret_hint,
});

const missing = (id: string) => notFound(`API client '${id}' not found or revoked`);

/**
 * API clients: the partner's backend credentials. Secrets are shown once, at creation and at rotation,
 * and stored hashed. A rotated secret stays accepted for an overlap, so the partner can roll it out.
 */
export class ApiClients {
  constructor(
    private readonly db: Db,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    /** How long a rotated-out secret keeps working. */
    private readonly overlapSeconds: number,
  ) {}

  async create(name: string): Promise<ApiClientWithSecret> {
    // Hex, so that an id never starts with a dash that a command line would read as an option.
    const id = randomBytes(16).toString('hex');
    const secret = randomToken('pbs_');
    const row: ApiClientTable = {
      id,
      name,
      secret_hash: hashToken(secret),
      secret_hint: maskSecret(secret),
      previous_secret_hash: null,
      previous_secret_expires_at: null,
      created_at: this.clock.nowIso(),
      revoked_at: null,
    };
    await insertClient(this.db, row);
    return { ...summary(row), ClientSecret: secret };
  }

  /** Every client, oldest first (the CLI's list). */
  async list(): Promise<ApiClientSummary[]> {
    return (await allClients(this.db)).map(summary);
  }

  /** One page of clients, oldest first, revoked ones included, with how many there are in all. */
  async page(page: PageRequest): Promise<Page<ApiClientSummary>> {
    const [rows, total] = await Promise.all([clientPage(this.db, page.pageSize, offsetOf(page)), clientCount(this.db)]);
    return { items: rows.map(summary), total };
  }

  async count(): Promise<number> {
    return clientCount(this.db);
  }

  /** Revoking a client also ends every token it was given, on every node. */
  async revoke(id: string): Promise<void> {
    if (!(await revokeClient(this.db, id, this.clock.nowIso()))) throw missing(id);
    await this.tokens.revokeForClient(id);
  }

  /** A new secret, working at once; the old one keeps working for the overlap. Tokens already given stay valid. */
  async rotate(id: string): Promise<RotatedSecret> {
    const secret = randomToken('pbs_');
    const previousUntil = this.clock.isoIn(this.overlapSeconds * 1000);
    if (!(await rotateClientSecret(this.db, id, { hash: hashToken(secret), hint: maskSecret(secret), previousUntil }))) throw missing(id);
    const row = (await clientOf(this.db, id)) as ApiClientTable;
    return { ...summary(row), ClientSecret: secret, PreviousSecretValidUntil: previousUntil };
  }

  /** Checks a client id and secret; the same error for an unknown id and a wrong secret. */
  async verify(id: string, secret: string): Promise<void> {
    const row = await clientOf(this.db, id);
    const hash = hashToken(secret);
    const current = row !== undefined && sameHash(row.secret_hash, hash);
    const previous =
      row?.previous_secret_hash != null &&
      row.previous_secret_expires_at != null &&
      Date.parse(row.previous_secret_expires_at) > this.clock.now() &&
      sameHash(row.previous_secret_hash, hash);
    if (row === undefined || row.revoked_at !== null || !(current || previous)) {
      throw new PatchbayError('PB_ERR_INVALID_CLIENT', 'Invalid client credentials');
    }
  }
}
