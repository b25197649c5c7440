import type { Insertable, Updateable } from 'kysely';
import type { Db } from './database.js';
import type {
  AccountConnectorRow,
  AccountConnectorTable,
  CustomCategoryRow,
  CustomCategoryTable,
  NewPropertyRow,
  PropertyRow,
} from './schema.js';

/**
 * The queries of the install aggregate: `account_connectors` and the rows that belong to one install
 * (`account_connector_properties`, `custom_categories`). The only place that writes those tables. Every
 * function takes the database or a transaction.
 */

/** An install as its views need it: with its credential's hint, whether it is a named one, and its last check. */
export type InstallRow = AccountConnectorRow & {
  hint: string | null;
  standalone: number | null;
  verified_status: string | null;
  verified_message: string | null;
};

function installRows(db: Db, accountId: string) {
  return db
    .selectFrom('account_connectors')
    .leftJoin('credentials', 'credentials.id', 'account_connectors.credential_id')
    .selectAll('account_connectors')
    .select(['credentials.hint', 'credentials.standalone', 'credentials.verified_status', 'credentials.verified_message'])
    .where('account_connectors.account_id', '=', accountId);
}

export function installOf(db: Db, accountId: string, id: number): Promise<InstallRow | undefined> {
  return installRows(db, accountId).where('account_connectors.id', '=', id).executeTakeFirst();
}

export function installPage(db: Db, accountId: string, limit: number, offset: number): Promise<InstallRow[]> {
  return installRows(db, accountId).orderBy('account_connectors.id').limit(limit).offset(offset).execute();
}

export async function installCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('account_connectors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function installIds(db: Db, accountId: string): Promise<number[]> {
  const rows = await db.selectFrom('account_connectors').select('id').where('account_id', '=', accountId).orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** An install with its credential's sealed secret and properties, for resolving it at run time. */
/** The account's installs of one connector: the authenticated first, then the oldest. */
export function installsOfConnector(db: Db, accountId: string, connectorId: number): Promise<{ id: number }[]> {
  return db
    .selectFrom('account_connectors')
    .select('id')
    .where('account_id', '=', accountId)
    .where('connector_id', '=', connectorId)
    .orderBy('authenticated', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function installWithSecret(db: Db, id: number) {
  return db
    .selectFrom('account_connectors')
    .leftJoin('credentials', 'credentials.id', 'account_connectors.credential_id')
    .selectAll('account_connectors')
    .select(['credentials.secret', 'credentials.properties'])
    .where('account_connectors.id', '=', id)
    .executeTakeFirst();
}

export async function insertInstall(db: Db, values: Insertable<AccountConnectorTable>): Promise<number> {
  const row = await db.insertInto('account_connectors').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateInstall(db: Db, id: number, changes: Updateable<AccountConnectorTable>): Promise<void> {
  await db.updateTable('account_connectors').set(changes).where('id', '=', id).execute();
}

/** Changes every install using a credential. */
export async function updateInstallsOf(db: Db, credentialId: number, changes: Updateable<AccountConnectorTable>): Promise<void> {
  await db.updateTable('account_connectors').set(changes).where('credential_id', '=', credentialId).execute();
}

export async function deleteInstall(db: Db, id: number): Promise<void> {
  await db.deleteFrom('account_connectors').where('id', '=', id).execute();
}

/** The installs using a credential, in id order. */
export function installsUsing(db: Db, credentialId: number) {
  return db
    .selectFrom('account_connectors')
    .select(['id', 'account_id', 'name', 'connector_id'])
    .where('credential_id', '=', credentialId)
    .orderBy('id')
    .execute();
}

export function propertiesOf(db: Db, installId: number): Promise<PropertyRow[]> {
  return db.selectFrom('account_connector_properties').selectAll().where('account_connector_id', '=', installId).orderBy('id').execute();
}

export function propertyOf(db: Db, installId: number, id: number): Promise<PropertyRow | undefined> {
  return db
    .selectFrom('account_connector_properties')
    .selectAll()
    .where('id', '=', id)
    .where('account_connector_id', '=', installId)
    .executeTakeFirst();
}

export async function insertProperties(db: Db, rows: NewPropertyRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('account_connector_properties').values(rows).execute();
}

/** Inserts a property unless the install already has one of that name (then undefined). */
export function insertNewProperty(db: Db, row: NewPropertyRow): Promise<PropertyRow | undefined> {
  return db
    .insertInto('account_connector_properties')
    .values(row)
    .onConflict((oc) => oc.columns(['account_connector_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updatePropertyValue(db: Db, id: number, value: string): Promise<void> {
  await db.updateTable('account_connector_properties').set({ value }).where('id', '=', id).execute();
}

export async function deleteProperty(db: Db, id: number): Promise<void> {
  await db.deleteFrom('account_connector_properties').where('id', '=', id).execute();
}

export function customCategoriesOf(db: Db, installId: number): Promise<CustomCategoryRow[]> {
  return db.selectFrom('custom_categories').selectAll().where('account_connector_id', '=', installId).orderBy('id').execute();
}

export function customCategoryOf(db: Db, installId: number, categoryId: string, id: number): Promise<CustomCategoryRow | undefined> {
  return db
    .selectFrom('custom_categories')
    .selectAll()
    .where('id', '=', id)
    .where('account_connector_id', '=', installId)
    .where('category_id', '=', categoryId)
    .executeTakeFirst();
}

/** Inserts a custom category unless the install has one for that object already (then undefined). */
export function insertCustomCategory(db: Db, row: Insertable<CustomCategoryTable>): Promise<CustomCategoryRow | undefined> {
  return db
    .insertInto('custom_categories')
    .values(row)
    .onConflict((oc) => oc.columns(['account_connector_id', 'category_id', 'object_name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCustomCategory(db: Db, id: number, changes: Updateable<CustomCategoryTable>): Promise<void> {
  await db.updateTable('custom_categories').set(changes).where('id', '=', id).execute();
}

export async function deleteCustomCategory(db: Db, id: number): Promise<void> {
  await db.deleteFrom('custom_categories').where('id', '=', id).execute();
}
