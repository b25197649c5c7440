import { type Migration, sql } from 'kysely';
import { withId } from './with-id.js';

/** The migrations of cycles, their steps and mappings, transactions, polls, webhook deliveries and incidents, in order. */
export const cycleMigrations: Record<string, Migration> = {
  '0015_cycles': {
    async up(db) {
      // Steps, edges, mappings and variables carry their account as well as their cycle: each query is
      // scoped by it directly, without a join back to the cycle.
      await withId(db, db.schema.createTable('cycles'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text')
        .addColumn('step_error_action', 'text', (c) => c.notNull())
        .addColumn('collection_split_type', 'text', (c) => c.notNull())
        .addColumn('log_step_data_requests', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('success_retention_hours', 'integer', (c) => c.notNull())
        .addColumn('errored_retention_hours', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'text')
        .addColumn('interval_minutes', 'integer')
        .addColumn('run_once', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_successful_run_at', 'text')
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cycles_account').on('cycles').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('cycles_status').on('cycles').columns(['status', 'id']).execute();
      await withId(db, db.schema.createTable('cycle_steps'))
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('action_type', 'text', (c) => c.notNull())
        // An uninstalled connector leaves its steps without one: prerequisite 20 then names them.
        .addColumn('account_connector_id', 'integer', (c) => c.references('account_connectors.id').onDelete('set null'))
        .addColumn('method_id', 'text')
        .addColumn('method_unique_identifier', 'text')
        .addColumn('step_error_action', 'text')
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('webhook_token', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cycle_steps_key', ['cycle_id', 'key'])
        .execute();
      await db.schema.createIndex('cycle_steps_account').on('cycle_steps').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('cycle_steps_install').on('cycle_steps').column('account_connector_id').execute();
      await withId(db, db.schema.createTable('cycle_edges'))
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('head_step_id', 'integer', (c) => c.notNull().references('cycle_steps.id').onDelete('cascade'))
        .addColumn('tail_step_id', 'integer', (c) => c.notNull().references('cycle_steps.id').onDelete('cascade'))
        .addColumn('edge_type', 'text', (c) => c.notNull())
        .addUniqueConstraint('cycle_edges_pair', ['head_step_id', 'tail_step_id'])
        .execute();
      await db.schema.createIndex('cycle_edges_cycle').on('cycle_edges').column('cycle_id').execute();
      await db.schema.createIndex('cycle_edges_tail').on('cycle_edges').column('tail_step_id').execute();
      await withId(db, db.schema.createTable('step_mappings'))
        .addColumn('step_id', 'integer', (c) => c.notNull().references('cycle_steps.id').onDelete('cascade'))
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mapping_type', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        // A mapping from a step goes with that step.
        .addColumn('source_step_id', 'integer', (c) => c.references('cycle_steps.id').onDelete('cascade'))
        .addColumn('source_field_id', 'text')
        .addColumn('variable_name', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('step_mappings_target', ['step_id', 'target', 'name'])
        .execute();
      await db.schema.createIndex('step_mappings_cycle').on('step_mappings').column('cycle_id').execute();
      await db.schema.createIndex('step_mappings_source').on('step_mappings').column('source_step_id').execute();
      await withId(db, db.schema.createTable('cycle_variables'))
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cycle_variables_name', ['cycle_id', 'name'])
        .execute();
      await db.schema
        .createTable('cycle_transactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger_item', 'text')
        .addColumn('message', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('cycle_transactions_cycle').on('cycle_transactions').columns(['cycle_id', 'created_at']).execute();
      await db.schema
        .createIndex('cycle_transactions_account')
        .on('cycle_transactions')
        .columns(['account_id', 'status', 'created_at'])
        .execute();
      await db.schema.createIndex('cycle_transactions_status').on('cycle_transactions').columns(['status', 'created_at']).execute();
      await withId(db, db.schema.createTable('step_runs'))
        .addColumn('transaction_id', 'text', (c) => c.notNull().references('cycle_transactions.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        // No reference: a run outlives an edit that removes its step, and keeps the step's name.
        .addColumn('step_id', 'integer', (c) => c.notNull())
        .addColumn('step_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('request', 'text')
        .addColumn('response', 'text')
        .addColumn('output', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('step_runs_transaction').on('step_runs').columns(['transaction_id', 'id']).execute();
    },
  },
  '0016_cycle_runs': {
    async up(db) {
      // A transaction's cursor: the step its next job starts at, that step's attempt, and how many 429
      // waits it has had in a row. Written with each step's outcome, so a restarted worker resumes there.
      await db.schema.alterTable('cycle_transactions').addColumn('next_step_id', 'integer').execute();
      await db.schema
        .alterTable('cycle_transactions')
        .addColumn('next_attempt', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('cycle_transactions')
        .addColumn('rate_limit_waits', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0017_cycle_polls': {
    async up(db) {
      // A polling cycle's cursor and schedule, one row per cycle: written in the database transaction that
      // creates a poll's transactions, so a poll counts entirely or not at all.
      await db.schema
        .createTable('cycle_polls')
        .addColumn('cycle_id', 'integer', (c) => c.primaryKey().references('cycles.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('since', 'text')
        .addColumn('seen_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('next_poll_at', 'text', (c) => c.notNull())
        .addColumn('lease_token', 'text')
        .addColumn('leased_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0018_webhook_deliveries': {
    async up(db) {
      // A webhook delivery's idempotency key, claimed once per cycle: a repeat finds the transaction the
      // first made. No reference to that transaction: a key outlives a transaction removed before it expires.
      await withId(db, db.schema.createTable('webhook_idempotency_keys'))
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('transaction_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('webhook_idempotency_keys_key', ['cycle_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('webhook_idempotency_keys_received').on('webhook_idempotency_keys').column('received_at').execute();
    },
  },
  '0019_cycle_incidents': {
    async up(db) {
      // What a person should look at: a transaction stopped on an error or an uncertain step, a cycle
      // stopped or paused by what happened to it. Kept with the cycle; the transaction id stays as text.
      await withId(db, db.schema.createTable('cycle_incidents'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('short_message', 'text', (c) => c.notNull())
        .addColumn('full_message', 'text', (c) => c.notNull())
        .addColumn('step_id', 'integer')
        .addColumn('step_name', 'text')
        .addColumn('transaction_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cycle_incidents_account').on('cycle_incidents').columns(['account_id', 'created_at']).execute();
      await db.schema.createIndex('cycle_incidents_cycle').on('cycle_incidents').column('cycle_id').execute();
    },
  },
  '0020_cycle_retention': {
    async up(db) {
      // The sweep finds finished transactions past their retention by status and completion time.
      await db.schema.createIndex('cycle_transactions_completed').on('cycle_transactions').columns(['status', 'completed_at']).execute();
    },
  },
  '0021_transaction_owner': {
    async up(db) {
      // The node whose job runs a transaction now: a transaction left Running by a dead node is found and
      // queued again at once, rather than when the killed job comes back from the queue.
      await db.schema.alterTable('cycle_transactions').addColumn('owner_node', 'text').execute();
      // Partial: only transactions being run carry an owner, so the nodes' frequent look stays small.
      await db.schema
        .createIndex('cycle_transactions_owner')
        .on('cycle_transactions')
        .column('owner_node')
        .where(sql.ref('owner_node'), 'is not', null)
        .execute();
    },
  },
  '0022_transaction_wake_job': {
    async up(db) {
      // While Waiting: the job scheduled to continue the transaction. Any other job of it (one left over
      // from a retry or a take-over) finds it waiting for another and does nothing.
      await db.schema.alterTable('cycle_transactions').addColumn('wake_job', 'text').execute();
    },
  },
  '0023_cycle_holds': {
    async up(db) {
      // Deactivated with finishQueuedTransactions=false: from when its queued transactions are held.
      await db.schema.alterTable('cycles').addColumn('holds_queued_since', 'text').execute();
      // A transaction held so: it resumes when its cycle is activated again, or stops after 24 hours.
      await db.schema.alterTable('cycle_transactions').addColumn('held_at', 'text').execute();
    },
  },
  '0024_poll_lease_node': {
    async up(db) {
      // The node running a poll: a poll whose node died is taken over at the next heartbeat, rather than
      // when its lease runs out minutes later.
      await db.schema.alterTable('cycle_polls').addColumn('lease_node', 'text').execute();
      // Partial: only polls under way carry a node, so the heartbeat's look stays small.
      await db.schema
        .createIndex('cycle_polls_lease_node')
        .on('cycle_polls')
        .column('lease_node')
        .where(sql.ref('lease_node'), 'is not', null)
        .execute();
    },
  },
};
