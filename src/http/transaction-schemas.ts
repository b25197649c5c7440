import { Type } from 'typebox';
import { Nullable, PageQuery } from './schemas.js';

/** The schemas of cycle runs: the manual run, transactions and their step runs. */

const TRANSACTION_STATUSES = ['Queued', 'Running', 'Waiting', 'Success', 'Errored', 'Uncertain', 'Stopped'];
const STEP_RUN_STATUSES = ['Running', 'Success', 'Errored', 'Waiting', 'Uncertain'];

export const TransactionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const TransactionQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Enum(TRANSACTION_STATUSES)),
  after: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after this instant' })),
  before: Type.Optional(Type.String({ format: 'date-time', description: 'Created before this instant' })),
});

/** The manual run's body: the item a Webhook trigger starts with (any JSON); unused by a Method trigger. */
export const RunInput = Type.Unknown({ description: "A Webhook trigger's payload; a Method trigger is called instead" });

const TransactionStart = Type.Object({
  Id: Type.String({ format: 'uuid' }),
  Status: Type.Enum(TRANSACTION_STATUSES),
});

export const RunReply = Type.Object({ Transactions: Type.Array(TransactionStart) });
export const RetryReply = TransactionStart;

const transaction = {
  Id: Type.String({ format: 'uuid' }),
  CycleId: Type.Integer(),
  Status: Type.Enum(TRANSACTION_STATUSES, {
    description: 'Queued, Running, Waiting (a delay, a retry or a 429 wait), Success, Errored, Uncertain or Stopped',
  }),
  Message: Nullable(Type.String()),
  CreatedOnUtc: Type.String({ format: 'date-time' }),
  StartedOnUtc: Nullable(Type.String({ format: 'date-time' })),
  CompletedOnUtc: Nullable(Type.String({ format: 'date-time' })),
};

export const TransactionReply = Type.Object(transaction);

export const StepRunReply = Type.Object({
  StepId: Type.Integer(),
  StepName: Type.String(),
  Status: Type.Enum(STEP_RUN_STATUSES),
  Attempt: Type.Integer({ minimum: 1 }),
  StartedOnUtc: Type.String({ format: 'date-time' }),
  CompletedOnUtc: Nullable(Type.String({ format: 'date-time' })),
  Message: Nullable(Type.String({ description: 'Why the step errored, waits or is uncertain' })),
  Request: Type.Optional(Type.Unknown({ description: 'With LogStepDataRequests: what was sent, secrets masked' })),
  Response: Type.Optional(Type.Unknown({ description: 'With LogStepDataRequests: what came back, secrets masked' })),
});

export const TransactionDetailReply = Type.Object({ ...transaction, Steps: Type.Array(StepRunReply) });
