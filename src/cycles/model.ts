/**
 * The cycle vocabulary: the same words in the API, the store and template files. A cycle belongs to one
 * account; its steps form a directed acyclic graph from one trigger (the step with no incoming edge).
 */

export const CYCLE_STATUSES = ['Paused', 'Active', 'Stopped'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const STEP_ERROR_ACTIONS = ['Ignore', 'Retry', 'StopTransaction', 'StopCycle'] as const;
export type StepErrorAction = (typeof STEP_ERROR_ACTIONS)[number];

export const COLLECTION_SPLIT_TYPES = ['First', 'All', 'None'] as const;
export type CollectionSplitType = (typeof COLLECTION_SPLIT_TYPES)[number];

export const ACTION_TYPES = ['Method', 'Webhook', 'Decision', 'Delay', 'WaitUntil', 'SynchronousResponse', 'Stop'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const EDGE_TYPES = ['Forward', 'True', 'False'] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

export const MAPPING_TYPES = ['StaticValue', 'ValueList', 'StepField', 'Variable', 'Expression', 'Ignore'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

export const CONDITIONS = ['Equals', 'NotEquals', 'Contains', 'GreaterThan', 'LessThan', 'Exists', 'NotExists'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** The conditions that look at the left operand alone. */
export const UNARY_CONDITIONS: readonly Condition[] = ['Exists', 'NotExists'];

/** The polling intervals activation accepts, in minutes. */
export const INTERVALS = [1, 5, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 10080] as const;

/** A step's Key, the name Expressions use for it. */
export const STEP_KEY_PATTERN = '^[a-z][a-z0-9_]*$';
/** A variable's Name, usable as `variables.<Name>` in an Expression. */
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
/** An HTTP header name (RFC 9110's token). */
export const HEADER_NAME_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

export const MIN_DELAY_SECONDS = 1;
export const MAX_DELAY_SECONDS = 4 * 7 * 24 * 3600;
export const DEFAULT_RETENTION_HOURS = 744;

/** Where a value comes from, at run time, for one parameter, field or operand. */
export interface Mapping {
  MappingType: MappingType;
  /** StaticValue/ValueList: the value; Expression: the JSONata source. */
  Value?: unknown;
  /** StepField: an earlier step of the same cycle. */
  SourceStepId?: number;
  /** StepField: a dotted path into that step's output item, e.g. `owner.id`, `emailAddresses.0.address`. */
  SourceFieldId?: string;
  /** Variable: a variable of the cycle. */
  VariableName?: string;
}

export interface Decision {
  Left: Mapping;
  Condition: Condition;
  /** Absent or null for Exists and NotExists. */
  Right?: Mapping | null;
}

/** What a SynchronousResponse step answers the webhook caller. */
export interface SyncResponse {
  Status: number;
  Body: Mapping;
}

/** A cycle's settings, as created and updated. */
export interface CycleSettings {
  Name: string;
  Description: string | null;
  StepErrorAction: StepErrorAction;
  CollectionSplitType: CollectionSplitType;
  LogStepDataRequests: boolean;
  StepDataSuccessRetentionHours: number;
  StepDataErroredRetentionHours: number;
}

export const DEFAULT_SETTINGS: Omit<CycleSettings, 'Name'> = {
  Description: null,
  StepErrorAction: 'Retry',
  CollectionSplitType: 'First',
  LogStepDataRequests: false,
  StepDataSuccessRetentionHours: DEFAULT_RETENTION_HOURS,
  StepDataErroredRetentionHours: DEFAULT_RETENTION_HOURS,
};

/** The kind-specific settings of a step, as stored. */
export interface StepConfig {
  StepErrorAction: StepErrorAction | null;
  Decision: Decision | null;
  DelaySeconds: number | null;
  WaitUntil: Mapping | null;
  Response: SyncResponse | null;
  SamplePayload: unknown;
  /** Webhook steps: the request header whose value makes a repeated delivery one transaction (default `Idempotency-Key`). */
  IdempotencyHeader: string | null;
  /**
   * A Method step on a customisable category's method (Caspio's `list-records`) whose object (a table)
   * is not bound yet: its install had no custom category for it (not authenticated, when the template was
   * installed). It is bound to the object's custom category (`list-records@{id}`) once the install is
   * authenticated; absent once bound.
   */
  PendingObject?: string;
}

/** A step as the graph rules see it. */
export interface Step extends StepConfig {
  Id: number;
  Key: string;
  Name: string;
  ActionType: ActionType;
  AccountConnectorId: number | null;
  MethodId: string | null;
}

export interface Edge {
  Id: number;
  HeadStepId: number;
  TailStepId: number;
  EdgeType: EdgeType;
}

/** A parameter (URL, query, header) or a field (body) of a Method step. */
export type MappingTarget = 'Parameter' | 'Field';

export interface StepMapping extends Mapping {
  StepId: number;
  Target: MappingTarget;
  Name: string;
}

export interface Prerequisite {
  ReasonCode: number;
  Reason: string;
  /** Cycle, Step, AccountConnector, StepParameter or StepField. */
  ObjectType: 'Cycle' | 'Step' | 'AccountConnector' | 'StepParameter' | 'StepField';
  /** The cycle's, step's or account connector's id (for StepParameter and StepField: the step's). */
  ObjectId: string;
  /** The step at fault, when one is. */
  StepId: number | null;
  /** The parameter or field at fault, when one is. */
  FieldName: string | null;
}

export interface Activation {
  StartTime?: string;
  Interval?: number;
  RunOnce?: boolean;
}

/*
 * A whole cycle as data, free of ids (a template's content): steps are named by their Key, Method steps
 * by their connector's slug and method id, and the caller chooses which install each connector uses.
 */

/** A mapping whose StepField source names a step by its Key. */
export interface DefinitionMapping {
  MappingType: MappingType;
  Value?: unknown;
  SourceStep?: string;
  SourceFieldId?: string;
  VariableName?: string;
}

export interface DefinitionStep {
  Key: string;
  Name: string;
  ActionType: ActionType;
  /** Method steps: the connector's slug, e.g. `capsule`. */
  Connector?: string;
  /** Method steps: the method's id, e.g. `create-party`, or a customisable category's method, e.g. `list-records`. */
  MethodId?: string;
  /** For a customisable category's method: the object (e.g. a Caspio table) whose custom category the method is bound to. */
  Object?: string;
  StepErrorAction?: StepErrorAction;
  Decision?: { Left: DefinitionMapping; Condition: Condition; Right?: DefinitionMapping | null };
  DelaySeconds?: number;
  WaitUntil?: DefinitionMapping;
  Response?: { Status: number; Body: DefinitionMapping };
  SamplePayload?: unknown;
  IdempotencyHeader?: string;
  Parameters?: Record<string, DefinitionMapping>;
  Fields?: Record<string, DefinitionMapping>;
}

export interface CycleDefinition {
  Name: string;
  Description?: string | null;
  StepErrorAction?: StepErrorAction;
  CollectionSplitType?: CollectionSplitType;
  LogStepDataRequests?: boolean;
  StepDataSuccessRetentionHours?: number;
  StepDataErroredRetentionHours?: number;
  Variables?: { Name: string; DisplayName?: string; Value: string; Sensitive?: boolean }[];
  Steps: DefinitionStep[];
  /** From head to tail, by step Key. */
  Edges: { Head: string; Tail: string; EdgeType?: EdgeType }[];
}
