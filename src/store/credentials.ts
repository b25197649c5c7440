import type { Insertable, Updateable } from 'kysely';
import type { Db } from './database.js';
import type { CredentialRow, CredentialTable } from './schema.js';

/**
 * The queries of the `credentials` table, the only place that writes it. Secrets arrive sealed and leave
 * sealed: sealing binds a secret to its account, a rule the credentials service keeps. Every function
 * takes the database or a transaction, so a service can put several of them in one commit.
 */

export function insertCredential(db: Db, values: Insertable<CredentialTable>): Promise<CredentialRow> {
  return db.insertInto('credentials').values(values).returningAll().executeTakeFirstOrThrow();
}

export function credentialOf(db: Db, accountId: string, id: number): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** One page of an account's credentials, each with the number of installs using it. */
export function credentialPage(db: Db, accountId: string, limit: number, offset: number) {
  return db
    .selectFrom('credentials')
    .selectAll('credentials')
    .select((eb) =>
      eb
        .selectFrom('account_connectors')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('account_connectors.credential_id', '=', 'credentials.id')
        .as('users'),
    )
    .where('account_id', '=', accountId)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function credentialCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('credentials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateCredential(db: Db, id: number, changes: Updateable<CredentialTable>): Promise<void> {
  await db.updateTable('credentials').set(changes).where('id', '=', id).execute();
}

export async function deleteCredential(db: Db, id: number): Promise<void> {
  await db.deleteFrom('credentials').where('id', '=', id).execute();
}

/** The sealed secret of an account's credential: undefined when there is no such credential. */
export async function sealedSecretOf(db: Db, accountId: string, id: number): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select('secret')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.secret;
}

/**
 * Takes the refresh lease unless a live holder has it: one conditional update, so one caller wins. A lease
 * is free when it has lapsed, or when its owner has no row in `nodes` or a heartbeat from before
 * `aliveSince` (the owner died).
 */
export async function claimLease(db: Db, id: number, owner: string, now: string, until: string, aliveSince: string): Promise<boolean> {
  const claimed = await db
    .updateTable('credentials')
    .set({ refresh_owner: owner, refresh_lease_until: until })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('refresh_lease_until', 'is', null),
        eb('refresh_lease_until', '<', now),
        eb.not(
          eb.exists(
            eb
              .selectFrom('nodes')
              .select('nodes.id')
              .whereRef('nodes.id', '=', 'credentials.refresh_owner')
              .where('nodes.last_seen', '>=', aliveSince),
          ),
        ),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function releaseLease(db: Db, id: number, owner: string): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ refresh_owner: null, refresh_lease_until: null })
    .where('id', '=', id)
    .where('refresh_owner', '=', owner)
    .execute();
}

/** OAuth credentials holding a token that expires before `before`, soonest first. */
export function expiringTokens(db: Db, before: string) {
  return db
    .selectFrom('credentials')
    .select(['id', 'account_id'])
    .where('auth_type', '=', 'OAuth2')
    .where('secret', 'is not', null)
    .where('expires_at', 'is not', null)
    .where('expires_at', '<', before)
    .orderBy('expires_at')
    .execute();
}

/** API-key and Basic credentials holding a secret, not probed since `since`. */
export function unprobedSince(db: Db, since: string) {
  return db
    .selectFrom('credentials')
    .select(['id', 'account_id', 'connector_id'])
    .where('auth_type', 'in', ['ApiKey', 'Basic'])
    .where('secret', 'is not', null)
    .where((eb) => eb.or([eb('verified_at', 'is', null), eb('verified_at', '<', since)]))
    .orderBy('id')
    .execute();
}
