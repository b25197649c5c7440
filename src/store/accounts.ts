import type { Updateable } from 'kysely';
import type { Db } from './database.js';
import type { AccountTable } from './schema.js';

/** The queries of the `accounts` table, the only place that writes it. */

/** Inserts the account unless its id is taken; false when it was. */
export async function insertAccount(db: Db, row: AccountTable): Promise<boolean> {
  const inserted = await db
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function accountPage(db: Db, limit: number, offset: number): Promise<AccountTable[]> {
  return db.selectFrom('accounts').selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
}

export async function accountCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function accountOf(db: Db, id: string): Promise<AccountTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function accountExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** False when there is no such account. */
export async function updateAccount(db: Db, id: string, changes: Updateable<AccountTable>): Promise<boolean> {
  const result = await db.updateTable('accounts').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the account and, through the foreign keys, everything it owns; false when there was none. */
export async function deleteAccount(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
