import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** The events a partner's webhooks can receive. */
export const EVENT_TYPES = [
  'AccountConnector.Authenticated',
  'AccountConnector.Deauthenticated',
  'AccountConnector.RefreshFailed',
  'Credential.ProbeFailed',
  'Transaction.Error',
] as const;

/** Sent only by a webhook's test call. */
export const TEST_EVENT = 'Webhook.Test';

export type EventType = (typeof EVENT_TYPES)[number] | typeof TEST_EVENT;

export interface PartnerEvent {
  type: EventType;
  accountId: string | null;
  data: Record<string, unknown>;
}

/**
 * Where services report events. `emit` runs in the caller's transaction when given one, so an event is
 * recorded (and its delivery queued) if and only if the change it reports is committed.
 */
export interface PartnerEvents {
  emit(db: Kysely<Database>, event: PartnerEvent): Promise<void>;
}

/** An event about one account connector: who, which connector, and what happened. */
export function installEvent(
  type: EventType,
  install: { id: number; account_id: string; name: string; connector_id: number },
  connectorName: string | undefined,
  extra: Record<string, unknown> = {},
): PartnerEvent {
  return {
    type,
    accountId: install.account_id,
    data: {
      AccountConnectorId: install.id,
      Name: install.name,
      ConnectorId: install.connector_id,
      ConnectorName: connectorName ?? null,
      ...extra,
    },
  };
}

/** A credential's probe failed, where the one before did not. */
export function probeFailedEvent(
  credential: { id: number; account_id: string; name: string; connector_id: number | null },
  connectorName: string,
  message: string | null,
): PartnerEvent {
  return {
    type: 'Credential.ProbeFailed',
    accountId: credential.account_id,
    data: {
      CredentialId: credential.id,
      Name: credential.name,
      ConnectorId: credential.connector_id,
      ConnectorName: connectorName,
      Message: message,
    },
  };
}

/** A cycle step that errored: which transaction, which step, the error, and what follows from it. */
export function transactionErrorEvent(
  error: { accountId: string; cycleId: number; stepId: number; transactionId: string; message: string; detail: string },
  now: string,
): PartnerEvent {
  return {
    type: 'Transaction.Error',
    accountId: error.accountId,
    data: {
      Timestamp: now,
      AccountId: error.accountId,
      CycleId: error.cycleId,
      StepId: error.stepId,
      TransactionId: error.transactionId,
      Message: error.message,
      Detail: error.detail,
    },
  };
}
