import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table row types. Timestamps are ISO 8601 UTC strings; booleans are 0/1 integers (portable across SQLite and Postgres). */
export interface Database {
  api_clients: ApiClientTable;
  access_tokens: AccessTokenTable;
  accounts: AccountTable;
  credentials: CredentialTable;
  account_connectors: AccountConnectorTable;
  account_connector_properties: PropertyTable;
}

export interface ApiClientTable {
  id: string;
  name: string;
  secret_hash: string;
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

export type AccountConnectorRow = Selectable<AccountConnectorTable>;
export type AccountConnectorUpdate = Updateable<AccountConnectorTable>;
export type PropertyRow = Selectable<PropertyTable>;
export type NewPropertyRow = Insertable<PropertyTable>;
