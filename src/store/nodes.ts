import { type SqlBool, sql } from 'kysely';
import type { Db } from './database.js';
import type { NodeTable } from './schema.js';

/** The queries of the `nodes` table, the only place that writes it. */

export async function insertNode(db: Db, node: NodeTable): Promise<void> {
  await db.insertInto('nodes').values(node).execute();
}

/** Records a heartbeat; false when the row is gone (other nodes took this one for dead). */
export async function touchNode(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('nodes').set({ last_seen: now }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteNode(db: Db, id: string): Promise<void> {
  await db.deleteFrom('nodes').where('id', '=', id).execute();
}

/** Removes the nodes whose last heartbeat is older than `before`. */
export async function deleteNodesSeenBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('nodes').where('last_seen', '<', before).execute();
}

/** The other nodes that said they run on `host`, with their process ids. */
export function nodesOnHost(db: Db, host: string, except: string) {
  return db.selectFrom('nodes').select(['id', 'pid']).where('host', '=', host).where('id', '<>', except).execute();
}

export async function deleteNodes(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('nodes').where('id', 'in', ids).execute();
}

/**
 * The node named in `column` (a transaction's owner, a poll's lease holder) has no heartbeat since
 * `aliveSince`, or no row: it died, and what it held is free.
 */
export function holderDead(column: 'cycle_transactions.owner_node' | 'cycle_polls.lease_node', aliveSince: string) {
  return sql<SqlBool>`not exists (select 1 from nodes where nodes.id = ${sql.ref(column)} and nodes.last_seen >= ${aliveSince})`;
}
