import type { Db } from './database.js';
import type { AccessTokenTable, ApiClientTable } from './schema.js';

/** The queries of API clients and the bearer tokens they are given (kept as hashes), the only place that writes them. */

export async function insertClient(db: Db, row: ApiClientTable): Promise<void> {
  await db.insertInto('api_clients').values(row).execute();
}

export function allClients(db: Db): Promise<ApiClientTable[]> {
  return db.selectFrom('api_clients').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** One page of clients, oldest first; the id breaks ties, so that pages neither repeat nor skip one. */
export function clientPage(db: Db, limit: number, offset: number): Promise<ApiClientTable[]> {
  return db.selectFrom('api_clients').selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
}

export async function clientCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('api_clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function clientOf(db: Db, id: string): Promise<ApiClientTable | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a client revoked at `at`; false when there is no such client or it was revoked already. */
export async function revokeClient(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_clients')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Gives a client a new secret; the one it replaces stays accepted until `previousUntil` (the one before
 * that, from an earlier rotation, stops). False when there is no such client or it was revoked.
 */
export async function rotateClientSecret(
  db: Db,
  id: string,
  secret: { hash: string; hint: string; previousUntil: string },
): Promise<boolean> {
  const result = await db
    .updateTable('api_clients')
    .set((eb) => ({
      previous_secret_hash: eb.ref('secret_hash'),
      previous_secret_expires_at: secret.previousUntil,
      secret_hash: secret.hash,
      secret_hint: secret.hint,
    }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertAccessToken(db: Db, row: AccessTokenTable): Promise<void> {
  await db.insertInto('access_tokens').values(row).execute();
}

/** A token by its hash, with whether its client was revoked. */
export function accessTokenOf(db: Db, tokenHash: string) {
  return db
    .selectFrom('access_tokens')
    .innerJoin('api_clients', 'api_clients.id', 'access_tokens.client_id')
    .select(['access_tokens.client_id', 'access_tokens.account_id', 'access_tokens.expires_at', 'api_clients.revoked_at'])
    .where('access_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteTokensOf(db: Db, clientId: string): Promise<void> {
  await db.deleteFrom('access_tokens').where('client_id', '=', clientId).execute();
}

export async function deleteExpiredTokens(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('access_tokens').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
