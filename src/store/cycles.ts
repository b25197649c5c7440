import type { Insertable, Updateable } from 'kysely';
import type {
  CycleEdgeRow,
  CycleEdgeTable,
  CycleRow,
  CycleStepRow,
  CycleStepTable,
  CycleTable,
  CycleVariableRow,
  CycleVariableTable,
  StepMappingRow,
  StepMappingTable,
} from './cycle-schema.js';
import type { Db } from './database.js';

/**
 * The queries of the cycle aggregate: `cycles` and what belongs to one cycle (`cycle_steps`,
 * `cycle_edges`, `step_mappings`, `cycle_variables`). The only place that writes those tables. Every
 * query is scoped by the account; every function takes the database or a transaction.
 */

export async function insertCycle(db: Db, values: Insertable<CycleTable>): Promise<number> {
  const row = await db.insertInto('cycles').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function cycleOf(db: Db, accountId: string, id: number): Promise<CycleRow | undefined> {
  return db.selectFrom('cycles').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/**
 * Marks the cycle changed and answers it as it now is: the first statement of an edit, so that edits of
 * one cycle run one after another (a row lock on PostgreSQL, the write lock on SQLite).
 */
export function touchCycle(db: Db, accountId: string, id: number, now: string): Promise<CycleRow | undefined> {
  return db
    .updateTable('cycles')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}

export function cyclePage(db: Db, accountId: string, limit: number, offset: number): Promise<CycleRow[]> {
  return db.selectFrom('cycles').selectAll().where('account_id', '=', accountId).orderBy('id').limit(limit).offset(offset).execute();
}

export async function cycleCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('cycles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateCycle(db: Db, accountId: string, id: number, changes: Updateable<CycleTable>): Promise<void> {
  await db.updateTable('cycles').set(changes).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** Removes a cycle and everything of its own (its transactions are the transactions repository's). */
export async function deleteCycle(db: Db, accountId: string, id: number): Promise<void> {
  for (const table of ['step_mappings', 'cycle_edges', 'cycle_variables', 'cycle_steps', 'cycle_polls'] as const) {
    await db.deleteFrom(table).where('cycle_id', '=', id).where('account_id', '=', accountId).execute();
  }
  await db.deleteFrom('cycles').where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** Per cycle, the account connectors its steps use and how many steps use each. */
export function connectorsOfCycles(db: Db, accountId: string, cycleIds: number[]) {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cycle_steps')
    .innerJoin('account_connectors', 'account_connectors.id', 'cycle_steps.account_connector_id')
    .select(['cycle_steps.cycle_id', 'account_connectors.id', 'account_connectors.connector_id', 'account_connectors.authenticated'])
    .select((eb) => eb.fn.countAll<number>().as('steps'))
    .where('cycle_steps.account_id', '=', accountId)
    .where('cycle_steps.cycle_id', 'in', cycleIds)
    .groupBy(['cycle_steps.cycle_id', 'account_connectors.id', 'account_connectors.connector_id', 'account_connectors.authenticated'])
    .orderBy('account_connectors.id')
    .execute();
}

export async function insertStep(db: Db, values: Insertable<CycleStepTable>): Promise<number> {
  const row = await db.insertInto('cycle_steps').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function stepOf(db: Db, accountId: string, id: number): Promise<CycleStepRow | undefined> {
  return db.selectFrom('cycle_steps').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

export function stepsOf(db: Db, accountId: string, cycleId: number): Promise<CycleStepRow[]> {
  return db
    .selectFrom('cycle_steps')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export async function updateStep(db: Db, accountId: string, id: number, changes: Updateable<CycleStepTable>): Promise<void> {
  await db.updateTable('cycle_steps').set(changes).where('id', '=', id).where('account_id', '=', accountId).execute();
}

/** Removes a step with its edges and mappings, and the mappings of other steps that map from it. */
export async function deleteStep(db: Db, accountId: string, id: number): Promise<void> {
  await db
    .deleteFrom('step_mappings')
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('step_id', '=', id), eb('source_step_id', '=', id)]))
    .execute();
  await db
    .deleteFrom('cycle_edges')
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('head_step_id', '=', id), eb('tail_step_id', '=', id)]))
    .execute();
  await db.deleteFrom('cycle_steps').where('id', '=', id).where('account_id', '=', accountId).execute();
}

export function edgesOf(db: Db, accountId: string, cycleId: number): Promise<CycleEdgeRow[]> {
  return db
    .selectFrom('cycle_edges')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export async function insertEdge(db: Db, values: Insertable<CycleEdgeTable>): Promise<number> {
  const row = await db.insertInto('cycle_edges').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteEdge(db: Db, accountId: string, id: number): Promise<void> {
  await db.deleteFrom('cycle_edges').where('id', '=', id).where('account_id', '=', accountId).execute();
}

export function mappingsOfCycle(db: Db, accountId: string, cycleId: number): Promise<StepMappingRow[]> {
  return db
    .selectFrom('step_mappings')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export function mappingsOfStep(db: Db, accountId: string, stepId: number): Promise<StepMappingRow[]> {
  return db
    .selectFrom('step_mappings')
    .selectAll()
    .where('step_id', '=', stepId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

/** Sets the mapping of one parameter or field, replacing the one it had. */
export async function upsertMapping(db: Db, row: Insertable<StepMappingTable>): Promise<void> {
  const { mapping_type, value, source_step_id, source_field_id, variable_name, updated_at } = row;
  await db
    .insertInto('step_mappings')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['step_id', 'target', 'name'])
        .doUpdateSet({ mapping_type, value, source_step_id, source_field_id, variable_name, updated_at }),
    )
    .execute();
}

/** Removes a mapping; answers whether there was one. */
export async function deleteMapping(db: Db, accountId: string, stepId: number, target: string, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('step_mappings')
    .where('step_id', '=', stepId)
    .where('account_id', '=', accountId)
    .where('target', '=', target)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteMappingsOfStep(db: Db, accountId: string, stepId: number): Promise<void> {
  await db.deleteFrom('step_mappings').where('step_id', '=', stepId).where('account_id', '=', accountId).execute();
}

export function variablesOf(db: Db, accountId: string, cycleId: number): Promise<CycleVariableRow[]> {
  return db
    .selectFrom('cycle_variables')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export function variableOf(db: Db, accountId: string, cycleId: number, name: string): Promise<CycleVariableRow | undefined> {
  return db
    .selectFrom('cycle_variables')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Inserts a variable unless the cycle has one of that name (then undefined). */
export function insertVariable(db: Db, row: Insertable<CycleVariableTable>): Promise<CycleVariableRow | undefined> {
  return db
    .insertInto('cycle_variables')
    .values(row)
    .onConflict((oc) => oc.columns(['cycle_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateVariable(db: Db, id: number, changes: Updateable<CycleVariableTable>): Promise<void> {
  await db.updateTable('cycle_variables').set(changes).where('id', '=', id).execute();
}

export async function deleteVariable(db: Db, id: number): Promise<void> {
  await db.deleteFrom('cycle_variables').where('id', '=', id).execute();
}

/** Counts a finished transaction on its cycle: an error, or the time of its last success. */
export async function countTransactionOutcome(db: Db, accountId: string, id: number, errored: boolean, now: string): Promise<void> {
  await db
    .updateTable('cycles')
    .set((eb) => (errored ? { error_count: eb('error_count', '+', 1) } : { last_successful_run_at: now }))
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .execute();
}

/** The Active cycles of an account with a step using this account connector. */
export async function activeCyclesUsing(
  db: Db,
  accountId: string,
  installId: number,
): Promise<{ id: number; step_id: number; step_name: string }[]> {
  return db
    .selectFrom('cycles')
    .innerJoin('cycle_steps', 'cycle_steps.cycle_id', 'cycles.id')
    .select(['cycles.id', 'cycle_steps.id as step_id', 'cycle_steps.name as step_name'])
    .where('cycles.account_id', '=', accountId)
    .where('cycles.status', '=', 'Active')
    .where('cycle_steps.account_connector_id', '=', installId)
    .orderBy('cycles.id')
    .orderBy('cycle_steps.id')
    .execute();
}
