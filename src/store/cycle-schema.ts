import type { Generated, Selectable } from 'kysely';

/** The tables of cycles (see cycles/model.ts for the vocabulary). Booleans are 0/1; JSON columns are text. */

export interface CycleTable {
  id: Generated<number>;
  account_id: string;
  name: string;
  description: string | null;
  /** Paused, Active or Stopped. */
  status: string;
  /** The template it was made from, if any. */
  template_id: string | null;
  step_error_action: string;
  collection_split_type: string;
  log_step_data_requests: number;
  success_retention_hours: number;
  errored_retention_hours: number;
  /** The activation's settings: from when it runs, every how many minutes, or once. */
  start_time: string | null;
  interval_minutes: number | null;
  run_once: number;
  last_successful_run_at: string | null;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Deactivated without finishing its queued transactions: since when they are held. */
  holds_queued_since: string | null;
}

export interface CycleStepTable {
  id: Generated<number>;
  cycle_id: number;
  account_id: string;
  key: string;
  name: string;
  action_type: string;
  account_connector_id: number | null;
  method_id: string | null;
  method_unique_identifier: string | null;
  /** Overrides the cycle's, when set. */
  step_error_action: string | null;
  /** JSON of the kind's settings: Decision, DelaySeconds, WaitUntil, Response, SamplePayload. */
  config: string;
  /** A Webhook step's unguessable URL token. */
  webhook_token: string | null;
  created_at: string;
  updated_at: string;
}

export interface CycleEdgeTable {
  id: Generated<number>;
  cycle_id: number;
  account_id: string;
  head_step_id: number;
  tail_step_id: number;
  edge_type: string;
}

/** How one parameter or field of a Method step is filled. */
export interface StepMappingTable {
  id: Generated<number>;
  step_id: number;
  cycle_id: number;
  account_id: string;
  /** Parameter or Field. */
  target: string;
  name: string;
  mapping_type: string;
  /** JSON of the Value (a static value, or an Expression's source). */
  value: string | null;
  source_step_id: number | null;
  source_field_id: string | null;
  variable_name: string | null;
  updated_at: string;
}

export interface CycleVariableTable {
  id: Generated<number>;
  cycle_id: number;
  account_id: string;
  name: string;
  display_name: string;
  /** Plain, or sealed when sensitive. */
  value: string;
  sensitive: number;
  created_at: string;
  updated_at: string;
}

/** One run of a cycle for one trigger item. */
export interface CycleTransactionTable {
  id: string;
  cycle_id: number;
  account_id: string;
  /** Queued, Running, Waiting, Success, Errored, Uncertain or Stopped. */
  status: string;
  /** JSON of the trigger's output in this transaction. */
  trigger_item: string | null;
  message: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  /** The step the next job runs; null once no step follows. */
  next_step_id: number | null;
  /** That step's attempt number (1, then one more per Retry). */
  next_attempt: Generated<number>;
  /** The 429 waits of that step in a row, which set the next wait. */
  rate_limit_waits: Generated<number>;
  /** While Running: the node whose job runs it (a `nodes` id); null otherwise. */
  owner_node: string | null;
  /** While Waiting: the job that continues it when the wait is over; another job of it does nothing. */
  wake_job: string | null;
  /** Held because its cycle was deactivated without finishing queued transactions (see holds_queued_since). */
  held_at: string | null;
}

/** One attempt at one step of a transaction: recorded before it is sent, completed after. */
export interface StepRunTable {
  id: Generated<number>;
  transaction_id: string;
  account_id: string;
  step_id: number;
  step_name: string;
  /** Running, Success, Errored, Waiting (a delay, a retry or a 429 wait) or Uncertain. */
  status: string;
  attempt: number;
  started_at: string;
  completed_at: string | null;
  /** JSON, kept only when the cycle logs step data; secrets masked. */
  request: string | null;
  response: string | null;
  /** JSON of the step's output, kept while the transaction may need it. */
  output: string | null;
  error: string | null;
}

/** Something about a cycle a person should look at: Error (a stopped transaction or cycle) or Warning. */
export interface CycleIncidentTable {
  id: Generated<number>;
  account_id: string;
  cycle_id: number;
  level: string;
  short_message: string;
  full_message: string;
  step_id: number | null;
  step_name: string | null;
  transaction_id: string | null;
  created_at: string;
}

/** A polling cycle's cursor, its next poll, and the lease of the poll under way. */
export interface CyclePollTable {
  cycle_id: number;
  account_id: string;
  /** The cursor time (ISO 8601 UTC); null until the cycle has a start time. */
  since: string | null;
  /** JSON: the ids of the items seen at exactly the cursor time. */
  seen_ids: Generated<string>;
  next_poll_at: string;
  /** Set while a poll runs: only the poll holding it may commit. */
  lease_token: string | null;
  leased_until: string | null;
  /** The node that holds the lease: when it dies, the lease is free at once. */
  lease_node: string | null;
  /** Why the last poll failed; null after a successful one. */
  last_error: string | null;
  updated_at: string;
}

/** A webhook delivery's idempotency key, kept for a while (IDEMPOTENCY_KEY_DAYS) against repeats. */
export interface WebhookIdempotencyKeyTable {
  id: Generated<number>;
  cycle_id: number;
  idempotency_key: string;
  /** The transaction the first delivery with this key made. */
  transaction_id: string;
  received_at: string;
}

export type CycleRow = Selectable<CycleTable>;
export type CyclePollRow = Selectable<CyclePollTable>;
export type CycleStepRow = Selectable<CycleStepTable>;
export type CycleEdgeRow = Selectable<CycleEdgeTable>;
export type StepMappingRow = Selectable<StepMappingTable>;
export type CycleVariableRow = Selectable<CycleVariableTable>;
export type CycleTransactionRow = Selectable<CycleTransactionTable>;
export type StepRunRow = Selectable<StepRunTable>;
export type CycleIncidentRow = Selectable<CycleIncidentTable>;
