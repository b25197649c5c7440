import { type Static, Type } from 'typebox';
import { HEADER_NAME_PATTERN } from './model.js';

/**
 * The cycle template file format. Templates are data, like connectors: this schema is the contract, the
 * TypeScript types are derived from it, and `templates/template.schema.json` is generated from it
 * (`npm run templates:schema`). What a schema cannot say (names that refer to connectors, methods, steps and
 * variables) is checked by `template-checks.ts`.
 */

const strict = { additionalProperties: false } as const;

export const STEP_KEY_PATTERN = '^[a-z][a-z0-9_]*$';
const StepKey = (description: string) => Type.String({ pattern: STEP_KEY_PATTERN, maxLength: 100, description });

export const MAPPING_TYPES = ['StaticValue', 'ValueList', 'StepField', 'Variable', 'Expression', 'Ignore'] as const;
export const ACTION_TYPES = ['Method', 'Webhook', 'Decision', 'Delay', 'WaitUntil', 'SynchronousResponse', 'Stop'] as const;
export const STEP_ERROR_ACTIONS = ['Ignore', 'Retry', 'StopTransaction', 'StopCycle'] as const;
export const CONDITIONS = ['Equals', 'NotEquals', 'Contains', 'GreaterThan', 'LessThan', 'Exists', 'NotExists'] as const;
export const EDGE_TYPES = ['Forward', 'True', 'False'] as const;

const literals = <const T extends string[]>(values: readonly [...T], description: string) => Type.Enum(values, { description });

export const MappingSchema = Type.Object(
  {
    MappingType: literals(
      MAPPING_TYPES,
      'StaticValue/ValueList: Value as given; StepField: SourceStep and SourceFieldId; Variable: VariableName; ' +
        'Expression: Value is a JSONata expression over {steps, variables, trigger}; Ignore: not sent',
    ),
    Value: Type.Optional(Type.Unknown({ description: 'The value (StaticValue, ValueList) or the JSONata expression (Expression)' })),
    SourceStep: Type.Optional(StepKey('StepField: the Key of an earlier step')),
    SourceFieldId: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "StepField: a dotted path into that step's output item, .0. for the first element of a list, e.g. emailAddresses.0.address",
      }),
    ),
    VariableName: Type.Optional(Type.String({ minLength: 1, description: 'Variable: the Name of a cycle variable' })),
  },
  { ...strict, description: 'Where a parameter, a field or an operand takes its value from' },
);

const MappingMap = (description: string) => Type.Record(Type.String({ minLength: 1 }), MappingSchema, { description });

export const VariableSchema = Type.Object(
  {
    Name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Identifier, as Expressions name it: variables.<Name>' }),
    DisplayName: Type.String({ minLength: 1, description: 'Label shown to people' }),
    Value: Type.Optional(Type.String({ description: 'The value a new cycle starts with' })),
    Sensitive: Type.Optional(Type.Boolean({ description: 'Sealed at rest and shown masked, like a credential' })),
  },
  strict,
);

export const StepSchema = Type.Object(
  {
    Key: StepKey('Stable name, unique in the template; Expressions name the step by it (steps.<Key>)'),
    Name: Type.String({ minLength: 1, description: 'Label shown to people' }),
    Description: Type.Optional(Type.String()),
    ActionType: literals(ACTION_TYPES, 'What the step does; the properties below that apply depend on it'),
    StepErrorAction: Type.Optional(literals(STEP_ERROR_ACTIONS, "What an error in this step does, instead of the cycle's setting")),
    Connector: Type.Optional(Type.String({ minLength: 1, description: 'Method: the connector, by Slug, e.g. pipedrive' })),
    Method: Type.Optional(Type.String({ minLength: 1, description: "Method: the method's readable Id, e.g. create-person" })),
    Object: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "Method of a customisable category: the object it works on (Caspio: a table's name); the install copies the category for it",
      }),
    ),
    Parameters: Type.Optional(MappingMap('Method: URL, query and header parameters, by name')),
    Fields: Type.Optional(MappingMap('Method: body fields, by name')),
    Decision: Type.Optional(
      Type.Object(
        {
          Left: MappingSchema,
          Condition: literals(CONDITIONS, 'How Left is compared with Right'),
          Right: Type.Optional(MappingSchema),
        },
        { ...strict, description: 'Decision: its True edges are followed when the condition holds, its False edges otherwise' },
      ),
    ),
    DelaySeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_419_200, description: 'Delay: 1 second to 4 weeks' })),
    WaitUntil: Type.Optional(MappingSchema),
    Response: Type.Optional(
      Type.Object(
        {
          Status: Type.Integer({ minimum: 200, maximum: 599, description: 'HTTP status answered' }),
          Body: MappingSchema,
        },
        { ...strict, description: "SynchronousResponse: what the webhook's caller is answered" },
      ),
    ),
    SamplePayload: Type.Optional(
      Type.Unknown({ description: 'Webhook: an example body (JSON); its fields are what later steps can map from' }),
    ),
    IdempotencyHeader: Type.Optional(
      Type.String({
        pattern: HEADER_NAME_PATTERN,
        maxLength: 100,
        description: "Webhook: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id",
      }),
    ),
  },
  strict,
);

export const EdgeSchema = Type.Object(
  {
    From: StepKey('The Key of the step the edge leaves'),
    To: StepKey('The Key of the step it leads to'),
    EdgeType: Type.Optional(literals(EDGE_TYPES, 'Forward (default); True or False out of a Decision')),
  },
  strict,
);

export const TemplateSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    Id: Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description: 'A GUID, stable across releases: cycles installed from the template keep it as TemplateId',
    }),
    Slug: Type.String({
      pattern: '^[a-z][a-z0-9_-]*$',
      maxLength: 100,
      description: 'Short stable name, e.g. capsule-party-to-pipedrive-person',
    }),
    Name: Type.String({ minLength: 1, maxLength: 200 }),
    Description: Type.String(),
    Version: Type.Optional(Type.String()),
    StepErrorAction: Type.Optional(literals(STEP_ERROR_ACTIONS, 'What a step error does (default Retry)')),
    CollectionSplitType: Type.Optional(
      Type.Union([Type.Literal('First'), Type.Literal('All'), Type.Literal('None')], {
        description: "First (default): one transaction per item of the trigger's list; All, None: one transaction with the whole list",
      }),
    ),
    LogStepDataRequests: Type.Optional(Type.Boolean({ description: 'Record each step request and response (default false)' })),
    StepDataSuccessRetentionHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 87_600, description: 'Default 744 (31 days)' })),
    StepDataErroredRetentionHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 87_600, description: 'Default 744 (31 days)' })),
    Variables: Type.Optional(Type.Array(VariableSchema)),
    Steps: Type.Array(StepSchema, { minItems: 1 }),
    Edges: Type.Optional(
      Type.Array(EdgeSchema, { description: 'How the steps follow each other; the trigger is the step no edge leads to' }),
    ),
  },
  strict,
);

export type TemplateFile = Static<typeof TemplateSchema>;
export type TemplateStep = Static<typeof StepSchema>;
export type TemplateMapping = Static<typeof MappingSchema>;
export type TemplateEdge = Static<typeof EdgeSchema>;
export type TemplateVariable = Static<typeof VariableSchema>;
export type ActionType = (typeof ACTION_TYPES)[number];
export type StepErrorAction = (typeof STEP_ERROR_ACTIONS)[number];
export type Condition = (typeof CONDITIONS)[number];
export type EdgeType = (typeof EDGE_TYPES)[number];
