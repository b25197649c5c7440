import type { Db } from './database.js';
import type { ConnectorSetupTable } from './schema.js';

/** The queries of the `connector_setups` table, the only place that writes it. Sensitive values arrive sealed. */

export function setupOf(db: Db, connectorId: number): Promise<ConnectorSetupTable | undefined> {
  return db.selectFrom('connector_setups').selectAll().where('connector_id', '=', connectorId).executeTakeFirst();
}

export async function saveSetup(db: Db, row: ConnectorSetupTable): Promise<void> {
  const { connector_id, ...values } = row;
  await db
    .insertInto('connector_setups')
    .values(row)
    .onConflict((oc) => oc.column('connector_id').doUpdateSet(values))
    .execute();
}
