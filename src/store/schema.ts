import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  CycleEdgeTable,
  CycleIncidentTable,
  CyclePollTable,
  CycleStepTable,
  CycleTable,
  CycleTransactionTable,
  CycleVariableTable,
  StepMappingTable,
  StepRunTable,
  WebhookIdempotencyKeyTable,
} from './cycle-schema.js';

/** Table row types. Timestamps are ISO 8601 UTC strings; booleans are 0/1 integers (portable across SQLite and Postgres). */
export interface Database {
  api_clients: ApiClientTable;
  changes: ChangeTable;
  access_tokens: AccessTokenTable;
  accounts: AccountTable;
  credentials: CredentialTable;
  account_connectors: AccountConnectorTable;
  account_connector_properties: PropertyTable;
  connector_setups: ConnectorSetupTable;
  signin_tokens: SigninTokenTable;
  connect_sessions: ConnectSessionTable;
  oauth_sessions: OAuthSessionTable;
  custom_categories: CustomCategoryTable;
  jobs: JobTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  nodes: NodeTable;
  cycles: CycleTable;
  cycle_steps: CycleStepTable;
  cycle_edges: CycleEdgeTable;
  step_mappings: StepMappingTable;
  cycle_variables: CycleVariableTable;
  cycle_transactions: CycleTransactionTable;
  step_runs: StepRunTable;
  cycle_incidents: CycleIncidentTable;
  cycle_polls: CyclePollTable;
  webhook_idempotency_keys: WebhookIdempotencyKeyTable;
}

/** A running Patchbay process: what its leases name, and the heartbeat that says it is alive. */
export interface NodeTable {
  id: string;
  /** The machine and process namespace it runs in: its pid means something only there. */
  host: string;
  pid: number;
  started_at: string;
  last_seen: string;
}

/** A browser's session on the end user's connect page, opened with a sign-in token. */
export interface ConnectSessionTable {
  session_hash: string;
  account_id: string;
  expires_at: string;
  created_at: string;
}

export interface ApiClientTable {
  id: string;
  name: string;
  secret_hash: string;
  /** The secret masked (null for clients made before hints were kept). */
  secret_hint: string | null;
  /** The secret a rotation replaced, still accepted until `previous_secret_expires_at`. */
  previous_secret_hash: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface AccessTokenTable {
  token_hash: string;
  client_id: string;
  account_id: string | null;
  expires_at: string;
  created_at: string;
}

export interface AccountTable {
  id: string;
  name: string;
  description: string | null;
  timezone: string | null;
  created_at: string;
}

export interface CredentialTable {
  id: Generated<number>;
  account_id: string;
  name: string;
  description: string | null;
  auth_type: string;
  /** The sealed secret (API key, user:password, tokens); see crypto/secret-box. */
  secret: string | null;
  /** A masked hint of the secret for display. */
  hint: string | null;
  /** When the access token in an OAuth secret expires (not secret itself; lets refresh be planned). */
  expires_at: string | null;
  /** The connector whose authentication this is. */
  connector_id: number | null;
  /** Sealed JSON of the property values that belong to the authentication (Caspio's subdomain, client id and secret). */
  properties: string | null;
  /** 1 for a named credential made on its own (kept when its installs go), 0 for one an install made for itself. */
  standalone: Generated<number>;
  /** Outcome of the last probe: Verified or Failed. */
  verified_status: string | null;
  verified_at: string | null;
  verified_message: string | null;
  /** The node (`nodes.id`) refreshing the token now, and until when its claim holds (single flight across nodes). */
  refresh_owner: string | null;
  refresh_lease_until: string | null;
  /** Why the last authorization in the consent popup, or the last refresh, failed; cleared by a new token. */
  authorization_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountConnectorTable {
  id: Generated<number>;
  account_id: string;
  connector_id: number;
  name: string;
  description: string | null;
  credential_id: number | null;
  authenticated: number;
  auth_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface PropertyTable {
  id: Generated<number>;
  account_connector_id: number;
  name: string;
  /** Plain for ordinary properties, sealed for sensitive ones. */
  value: string;
  sensitive: number;
}

/** The partner's values for a connector's partner properties. */
export interface ConnectorSetupTable {
  connector_id: number;
  /** JSON object of the ordinary values. */
  plain_values: string;
  /** The sealed JSON object of the sensitive values. */
  sealed_values: string | null;
  updated_at: string;
}

/** Single-use tokens that let a browser act for one account. Only the hash is kept. */
export interface SigninTokenTable {
  token_hash: string;
  account_id: string;
  username: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** One authorization attempt, from the redirect to the provider until its callback. */
export interface OAuthSessionTable {
  state_hash: string;
  account_id: string;
  /** What the session authorizes: an install, or a credential on its own (exactly one is set). */
  account_connector_id: number | null;
  credential_id: number | null;
  /** The sealed PKCE verifier, or null when the connector turns PKCE off. */
  code_verifier: string | null;
  redirect_uri: string;
  target_origin: string;
  callback_message: string | null;
  /** The hash of the secret the starting browser keeps, for providers without PKCE; null when not bound. */
  browser_hash: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** A customisable category copied for one object (a table) of one install. */
export interface CustomCategoryTable {
  id: Generated<number>;
  account_connector_id: number;
  category_id: string;
  object_name: string;
  /** JSON array of the object's fields, as last read from the provider. */
  fields: string;
  fields_refreshed_at: string;
  created_at: string;
}

/** A job of the embedded queue (SQLite). */
export interface JobTable {
  id: string;
  name: string;
  /** JSON of the job's data. */
  data: string;
  /** created, retry, active, completed or failed. */
  state: string;
  attempts: number;
  retry_limit: number;
  /** Seconds before the first retry; doubled for each later one. */
  retry_delay: number;
  start_after: string;
  singleton_key: string | null;
  /** The start of the singleton window the job was sent in. */
  singleton_on: string | null;
  last_error: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
}

/** A partner's endpoint for events. */
export interface WebhookTable {
  id: Generated<number>;
  url: string;
  description: string | null;
  /** JSON array of the event types it receives. */
  events: string;
  /** The sealed signing secret (it must be read back to sign, so it is sealed, not hashed). */
  secret: string;
  secret_hint: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** One event sent (or being sent) to one webhook: the delivery log. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  /** The event's id: the same in the deliveries of one event to several webhooks. */
  event_id: string;
  event: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  /** Pending, Retrying, Delivered or Failed. */
  state: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/**
 * What a process of a SQLite store changed, for the other processes on the same file to forget (the
 * embedded store's stand-in for PostgreSQL NOTIFY). Kept a minute.
 */
export interface ChangeTable {
  id: Generated<number>;
  /** The process that made the change, which has applied it already. */
  origin: string;
  /** The invalidation, as JSON. */
  invalidation: string;
  created_at: string;
}

export type WebhookRow = Selectable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type CustomCategoryRow = Selectable<CustomCategoryTable>;
export type CredentialRow = Selectable<CredentialTable>;
export type AccountConnectorRow = Selectable<AccountConnectorTable>;
export type AccountConnectorUpdate = Updateable<AccountConnectorTable>;
export type PropertyRow = Selectable<PropertyTable>;
export type NewPropertyRow = Insertable<PropertyTable>;
