import type { Connector } from '../catalogue/catalogue.js';
import { maskSecret } from '../crypto/tokens.js';
import type { CredentialRow, CredentialTable } from '../store/schema.js';
import type { PropertyInput } from './property-rules.js';

/** OAuth 2.0 with the user's consent: its credentials are authorized in the popup. */
export const isAuthorisationCode = (connector: Connector) =>
  connector.definition.Auth.Type === 'OAuth2' && connector.definition.Auth.Flow === 'AuthorisationCode';

/** Where an authorization-code credential stands: no token yet, a token, or none after a refusal. */
export type AuthorizationStatus = 'AwaitingAuthorization' | 'Authorized' | 'Failed';

export interface CredentialInput {
  Name: string;
  Description?: string | null;
  /** The connector (Id or Name) whose authentication this is. */
  Connector: string;
  /**
   * The secret, as at install; a client-credentials connector gets its token from Properties instead, and
   * an authorization-code connector's is left out: the credential then awaits authorization in the popup.
   */
  AuthValue?: string;
  /**
   * Property values that belong to the authentication: a client-credentials connector's subdomain and
   * client, an authorization-code connector's own app (ClientId, ClientSecret) and Scope.
   */
  Properties?: PropertyInput[];
}

export interface CredentialUpdate {
  Name?: string;
  Description?: string | null;
  AuthValue?: string;
}

/** A new credential's row, with nothing sealed yet. */
export function newCredentialRow(accountId: string, connector: Connector, name: string, now: string) {
  return {
    account_id: accountId,
    connector_id: connector.definition.Id,
    name,
    description: null,
    auth_type: connector.definition.Auth.Type,
    secret: null,
    hint: null,
    created_at: now,
    updated_at: now,
  } satisfies Partial<CredentialTable>;
}

export type CredentialView = ReturnType<typeof credentialView>;

/** A credential as the API shows it: never its secret, a sensitive property masked. */
export function credentialView(row: CredentialRow, usedBy: number, connector: Connector | undefined, properties: [string, string][]) {
  const consented = connector !== undefined && isAuthorisationCode(connector);
  const definitions = [...(connector?.definition.PartnerProperties ?? []), ...(connector?.definition.AccountProperties ?? [])];
  return {
    Id: row.id,
    Name: row.name,
    Description: row.description,
    ConnectorId: row.connector_id,
    ConnectorName: connector?.definition.Name ?? null,
    AuthType: row.auth_type,
    // Never the secret: a masked hint only.
    AuthValue: row.hint,
    Properties: properties.map(([Name, Value]) => ({
      Name,
      Value: definitions.find((p) => p.Name === Name)?.Sensitive ? maskSecret(Value) : Value,
    })),
    Standalone: row.standalone === 1,
    UsageCount: usedBy,
    VerifiedStatus: row.verified_status,
    VerifiedAt: row.verified_at,
    VerifiedMessage: row.verified_message,
    AuthorizationStatus: consented ? authorizationStatus(row) : null,
    AuthorizationError: consented ? row.authorization_error : null,
    CreatedDate: row.created_at,
    UpdatedDate: row.updated_at,
  };
}

/** Derived, not kept: a token means authorized; without one, a recorded failure means failed. */
function authorizationStatus(row: CredentialRow): AuthorizationStatus {
  if (row.secret !== null) return 'Authorized';
  return row.authorization_error === null ? 'AwaitingAuthorization' : 'Failed';
}
