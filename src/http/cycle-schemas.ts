import { type TSchema, Type } from 'typebox';
import {
  ACTION_TYPES,
  COLLECTION_SPLIT_TYPES,
  CONDITIONS,
  CYCLE_STATUSES,
  EDGE_TYPES,
  HEADER_NAME_PATTERN,
  INTERVALS,
  MAPPING_TYPES,
  MAX_DELAY_SECONDS,
  MIN_DELAY_SECONDS,
  STEP_ERROR_ACTIONS,
  STEP_KEY_PATTERN,
  VARIABLE_NAME_PATTERN,
} from '../cycles/model.js';
import { IdParam, Nullable } from './schemas.js';

/** The cycle routes' input and reply schemas, in the cycle vocabulary (cycles/model.ts). */

const oneOf = <T extends string[]>(values: readonly [...T], description?: string) =>
  Type.Enum(values, description === undefined ? {} : { description });
const strict = { additionalProperties: false } as const;

const MAX_RETENTION_HOURS = 24 * 366 * 10;
const Retention = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_RETENTION_HOURS, description });

const settings = {
  Name: Type.String({ minLength: 1, maxLength: 200 }),
  Description: Nullable(Type.String({ maxLength: 2000 })),
  StepErrorAction: oneOf(STEP_ERROR_ACTIONS, 'What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle'),
  CollectionSplitType: oneOf(COLLECTION_SPLIT_TYPES, "First (default): one transaction per item of the trigger's list; All, None: one"),
  LogStepDataRequests: Type.Boolean({ description: "Keep each step's request and response (secrets masked)" }),
  StepDataSuccessRetentionHours: Retention('How long step data of successful transactions is kept (default 744, 31 days)'),
  StepDataErroredRetentionHours: Retention('How long step data of errored transactions is kept (default 744, 31 days)'),
};

export const CycleInput = Type.Object(
  {
    Name: settings.Name,
    Description: Type.Optional(settings.Description),
    StepErrorAction: Type.Optional(settings.StepErrorAction),
    CollectionSplitType: Type.Optional(settings.CollectionSplitType),
    LogStepDataRequests: Type.Optional(settings.LogStepDataRequests),
    StepDataSuccessRetentionHours: Type.Optional(settings.StepDataSuccessRetentionHours),
    StepDataErroredRetentionHours: Type.Optional(settings.StepDataErroredRetentionHours),
  },
  strict,
);

export const CycleUpdate = Type.Partial(CycleInput, strict);

export const CycleReply = Type.Object({
  Id: Type.Integer(),
  ...settings,
  Status: oneOf(CYCLE_STATUSES),
  TemplateId: Nullable(Type.String()),
  StartTime: Nullable(Type.String({ description: 'From when an active cycle runs' })),
  Interval: Nullable(Type.Integer({ description: 'Minutes between polls of an active cycle' })),
  RunOnce: Type.Boolean(),
  CreatedOnUtc: Type.String(),
  LastSuccessfulRunDate: Nullable(Type.String()),
  ErrorCount: Type.Integer(),
  WarningCount: Type.Integer(),
  InProgressTransactionCount: Type.Integer(),
  Connectors: Type.Array(
    Type.Object({
      Id: Type.Integer({ description: "The connector's id" }),
      AccountConnectorId: Type.Integer(),
      Name: Type.String(),
      Version: Type.String(),
      Authenticated: Type.Boolean(),
      StepCount: Type.Integer(),
      Icon: Type.String(),
    }),
    { description: 'The account connectors its steps use' },
  ),
});

export const ActivationInput = Type.Object(
  {
    StartTime: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
        description: 'From when it runs, ISO 8601 with a zone (default: now)',
      }),
    ),
    Interval: Type.Optional(
      Type.Integer({
        description: `Minutes between polls, one of ${INTERVALS.join(', ')}; ignored for webhook-triggered or RunOnce cycles`,
      }),
    ),
    RunOnce: Type.Optional(Type.Boolean()),
  },
  strict,
);

export const DeactivationQuery = Type.Object({
  finishQueuedTransactions: Type.Optional(
    Type.Boolean({
      description:
        'true (default): queued and waiting transactions finish; false: they are held until the cycle is activated again, ' +
        'and stopped if it stays deactivated for 24 hours',
    }),
  ),
});

/** Inputs and replies share one shape: a reply never holds more than was given. */
const mapping = (description: string) =>
  Type.Object(
    {
      MappingType: oneOf(MAPPING_TYPES),
      Value: Type.Optional(Type.Unknown({ description: 'StaticValue/ValueList: the value; Expression: a JSONata expression' })),
      SourceStepId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'StepField: an earlier step' })),
      SourceFieldId: Type.Optional(
        Type.String({ minLength: 1, maxLength: 500, description: "StepField: a dotted path in that step's output item, e.g. owner.id" }),
      ),
      VariableName: Type.Optional(Type.String({ pattern: VARIABLE_NAME_PATTERN, maxLength: 100, description: 'Variable: its name' })),
    },
    { ...strict, description },
  );

export const Mapping = mapping('Where a value comes from at run time');

const Decision = Type.Object(
  { Left: Mapping, Condition: oneOf(CONDITIONS), Right: Type.Optional(Nullable(Mapping)) },
  { ...strict, description: 'The left operand, a condition, and the right operand (none for Exists and NotExists)' },
);
const SyncResponse = Type.Object(
  { Status: Type.Integer({ minimum: 100, maximum: 599 }), Body: Mapping },
  { ...strict, description: 'What a synchronous webhook is answered' },
);

const stepFields = {
  Name: Type.String({ minLength: 1, maxLength: 200 }),
  Key: Type.String({
    pattern: STEP_KEY_PATTERN,
    maxLength: 100,
    description: 'Unique in the cycle; Expressions name the step by it (default step_{Id})',
  }),
  AccountConnectorId: IdParam,
  MethodId: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Method steps: a method id (list-records@3 for a custom category) or MethodUniqueIdentifier',
  }),
  StepErrorAction: Nullable(oneOf(STEP_ERROR_ACTIONS, "Overrides the cycle's; null: the cycle's")),
  Decision: Nullable(Decision),
  DelaySeconds: Nullable(Type.Integer({ minimum: MIN_DELAY_SECONDS, maximum: MAX_DELAY_SECONDS })),
  WaitUntil: Nullable(mapping('Wait Until steps: the date and time to wait for')),
  Response: Nullable(SyncResponse),
  SamplePayload: Type.Unknown({ description: 'Webhook steps: an example body whose fields the mapping pickers offer' }),
  IdempotencyHeader: Nullable(
    Type.String({
      pattern: HEADER_NAME_PATTERN,
      maxLength: 100,
      description:
        "Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id " +
        '(null: Idempotency-Key)',
    }),
  ),
};

const optional = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>>;
  };

const { Name: _name, ...optionalStepFields } = stepFields;
export const StepInput = Type.Object({ Name: stepFields.Name, ActionType: oneOf(ACTION_TYPES), ...optional(optionalStepFields) }, strict);
export const StepUpdate = Type.Object(optional(stepFields), strict);

export const StepReply = Type.Object({
  Id: Type.Integer(),
  CycleId: Type.Integer(),
  Key: Type.String(),
  Name: Type.String(),
  ActionType: oneOf(ACTION_TYPES),
  AccountConnectorId: Nullable(Type.Integer()),
  MethodId: Nullable(Type.String()),
  MethodUniqueIdentifier: Nullable(Type.String()),
  StepErrorAction: stepFields.StepErrorAction,
  Decision: Nullable(Type.Object({ Left: Mapping, Condition: oneOf(CONDITIONS), Right: Nullable(Mapping) })),
  DelaySeconds: Nullable(Type.Integer()),
  WaitUntil: Nullable(Mapping),
  Response: Nullable(SyncResponse),
  WebhookUrl: Nullable(Type.String({ description: 'Webhook steps: the URL that starts a transaction' })),
  SamplePayload: stepFields.SamplePayload,
  IdempotencyHeader: stepFields.IdempotencyHeader,
  PendingObject: Nullable(
    Type.String({
      description:
        'Installed from a template before its connector was authenticated: the object (a Caspio table) whose custom category ' +
        'the step is bound to once it is (prerequisite 20 until then)',
    }),
  ),
});

export const EdgeInput = Type.Object(
  {
    HeadStepId: IdParam,
    TailStepId: IdParam,
    EdgeType: Type.Optional(oneOf(EDGE_TYPES, 'Forward (default); True or False out of a Decision')),
  },
  strict,
);
export const EdgeEnds = Type.Object({ HeadStepId: IdParam, TailStepId: IdParam }, strict);
export const EdgeReply = Type.Object({
  Id: Type.Integer(),
  HeadStepId: Type.Integer(),
  TailStepId: Type.Integer(),
  EdgeType: oneOf(EDGE_TYPES),
});

export const MappingReply = Type.Object({
  Name: Type.String(),
  DataType: Nullable(Type.String({ description: "The method's type for it; null when the method no longer declares it" })),
  IsRequired: Type.Boolean(),
  Description: Type.String(),
  Mapping: Nullable(Mapping),
});

export const FieldsForMappingReply = Type.Array(
  Type.Object({
    StepId: Type.Integer(),
    StepKey: Type.String(),
    StepName: Type.String(),
    ActionType: oneOf(ACTION_TYPES),
    Fields: Type.Array(
      Type.Object({
        Field: Type.String({ description: 'Dotted path in one item; [] marks each element of a list (map one with .0.)' }),
        DataType: Type.String(),
        IsNullable: Type.Boolean(),
        Format: Nullable(Type.String()),
        Description: Type.String(),
      }),
    ),
  }),
);

export const PrerequisiteReply = Type.Object({
  ReasonCode: Type.Integer({ description: '10, 11, 20, 30, 31, 32, 33, 40, 41, 50 or 51' }),
  Reason: Type.String(),
  ObjectType: Type.String({ description: 'Cycle, Step, AccountConnector, StepParameter or StepField' }),
  ObjectId: Type.String(),
  StepId: Nullable(Type.Integer()),
  FieldName: Nullable(Type.String({ description: 'The parameter or field at fault' })),
});

const VariableName = Type.String({ pattern: VARIABLE_NAME_PATTERN, maxLength: 100 });
export const VariableInput = Type.Object(
  {
    Name: VariableName,
    DisplayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    Value: Type.String({ maxLength: 10_000 }),
    Sensitive: Type.Optional(Type.Boolean({ description: 'Sealed at rest and shown masked' })),
  },
  strict,
);
export const VariableUpdate = Type.Object(
  {
    DisplayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    Value: Type.Optional(Type.String({ maxLength: 10_000 })),
    Sensitive: Type.Optional(Type.Boolean()),
  },
  strict,
);
export const VariableReply = Type.Object({
  Name: Type.String(),
  DisplayName: Type.String(),
  Value: Type.String({ description: 'Masked when sensitive' }),
  Sensitive: Type.Boolean(),
});

export const CycleParams = Type.Object({ id: IdParam });
export const EdgeParams = Type.Object({ id: IdParam, edgeId: IdParam });
export const MappingParams = Type.Object({ id: IdParam, name: Type.String({ minLength: 1, maxLength: 200 }) });
export const VariableParams = Type.Object({ id: IdParam, name: VariableName });
