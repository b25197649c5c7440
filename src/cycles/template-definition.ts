import type { ActionType, Condition, EdgeType, StepErrorAction, TemplateFile, TemplateMapping, TemplateStep } from './template-schema.js';

/** A mapping of a cycle definition: the template's, with the source step still named by its Key. */
export type DefinitionMapping = TemplateMapping;

export interface DefinitionStep {
  Key: string;
  Name: string;
  ActionType: ActionType;
  /** Method steps: the connector's Slug and the method's readable Id; null otherwise. */
  Connector: string | null;
  MethodId: string | null;
  /** The object of a customisable category's method (a Caspio table), for which the install copies the category. */
  Object: string | null;
  StepErrorAction: StepErrorAction | null;
  Parameters: { Name: string; Mapping: DefinitionMapping }[];
  Fields: { Name: string; Mapping: DefinitionMapping }[];
  Decision: { Left: DefinitionMapping; Condition: Condition; Right: DefinitionMapping | null } | null;
  DelaySeconds: number | null;
  WaitUntil: DefinitionMapping | null;
  Response: { Status: number; Body: DefinitionMapping } | null;
  SamplePayload: unknown;
}

/**
 * A whole cycle, free of ids: steps by Key, connectors by Slug, edges by the Keys of their steps (Head: the
 * step the edge leaves, Tail: the one it leads to). What installing a template creates, settings defaulted.
 */
export interface CycleDefinition {
  Name: string;
  Description: string;
  TemplateId: string | null;
  StepErrorAction: StepErrorAction;
  CollectionSplitType: 'First' | 'All' | 'None';
  LogStepDataRequests: boolean;
  StepDataSuccessRetentionHours: number;
  StepDataErroredRetentionHours: number;
  Variables: { Name: string; DisplayName: string; Value: string | null; Sensitive: boolean }[];
  Steps: DefinitionStep[];
  Edges: { Head: string; Tail: string; EdgeType: EdgeType }[];
}

/** 31 days, as step data is kept by default. */
export const DEFAULT_RETENTION_HOURS = 744;

/** The cycle a (checked) template describes. Pure: the install resolves slugs and keys to ids. */
export function templateDefinition(template: TemplateFile): CycleDefinition {
  return {
    Name: template.Name,
    Description: template.Description,
    TemplateId: template.Id.toLowerCase(),
    StepErrorAction: template.StepErrorAction ?? 'Retry',
    CollectionSplitType: template.CollectionSplitType ?? 'First',
    LogStepDataRequests: template.LogStepDataRequests ?? false,
    StepDataSuccessRetentionHours: template.StepDataSuccessRetentionHours ?? DEFAULT_RETENTION_HOURS,
    StepDataErroredRetentionHours: template.StepDataErroredRetentionHours ?? DEFAULT_RETENTION_HOURS,
    Variables: (template.Variables ?? []).map((v) => ({
      Name: v.Name,
      DisplayName: v.DisplayName,
      Value: v.Value ?? null,
      Sensitive: v.Sensitive ?? false,
    })),
    Steps: template.Steps.map(stepDefinition),
    Edges: (template.Edges ?? []).map((e) => ({ Head: e.From, Tail: e.To, EdgeType: e.EdgeType ?? 'Forward' })),
  };
}

function stepDefinition(step: TemplateStep): DefinitionStep {
  const mappings = (map: Record<string, TemplateMapping> | undefined) =>
    Object.entries(map ?? {}).map(([Name, mapping]) => ({ Name, Mapping: { ...mapping } }));
  return {
    Key: step.Key,
    Name: step.Name,
    ActionType: step.ActionType,
    Connector: step.Connector ?? null,
    MethodId: step.Method ?? null,
    Object: step.Object ?? null,
    StepErrorAction: step.StepErrorAction ?? null,
    Parameters: mappings(step.Parameters),
    Fields: mappings(step.Fields),
    Decision:
      step.Decision === undefined
        ? null
        : {
            Left: { ...step.Decision.Left },
            Condition: step.Decision.Condition,
            Right: step.Decision.Right ? { ...step.Decision.Right } : null,
          },
    DelaySeconds: step.DelaySeconds ?? null,
    WaitUntil: step.WaitUntil ? { ...step.WaitUntil } : null,
    Response: step.Response === undefined ? null : { Status: step.Response.Status, Body: { ...step.Response.Body } },
    SamplePayload: step.SamplePayload ?? null,
  };
}
