import type { CycleDefinition, DefinitionMapping, DefinitionStep } from './model.js';
import type { TemplateFile, TemplateMapping, TemplateStep } from './template-schema.js';

/**
 * The cycle a (checked) template describes, free of ids: steps by Key, connectors by Slug, edges by the
 * Keys of their steps (Head: the step the edge leaves). Pure: installing resolves slugs and keys to ids;
 * the settings a template leaves out are the cycle defaults.
 */
export function templateDefinition(template: TemplateFile): CycleDefinition {
  return {
    Name: template.Name,
    Description: template.Description,
    StepErrorAction: template.StepErrorAction,
    CollectionSplitType: template.CollectionSplitType,
    LogStepDataRequests: template.LogStepDataRequests,
    StepDataSuccessRetentionHours: template.StepDataSuccessRetentionHours,
    StepDataErroredRetentionHours: template.StepDataErroredRetentionHours,
    Variables: (template.Variables ?? []).map((v) => ({
      Name: v.Name,
      DisplayName: v.DisplayName,
      Value: v.Value ?? '',
      Sensitive: v.Sensitive ?? false,
    })),
    Steps: template.Steps.map(stepDefinition),
    Edges: (template.Edges ?? []).map((e) => ({ Head: e.From, Tail: e.To, EdgeType: e.EdgeType ?? 'Forward' })),
  };
}

const copy = (mapping: TemplateMapping): DefinitionMapping => ({ ...mapping });
const copies = (map: Record<string, TemplateMapping> | undefined) =>
  map === undefined ? undefined : Object.fromEntries(Object.entries(map).map(([name, mapping]) => [name, copy(mapping)]));

function stepDefinition(step: TemplateStep): DefinitionStep {
  return {
    Key: step.Key,
    Name: step.Name,
    ActionType: step.ActionType,
    Connector: step.Connector,
    MethodId: step.Method,
    Object: step.Object,
    StepErrorAction: step.StepErrorAction,
    Parameters: copies(step.Parameters),
    Fields: copies(step.Fields),
    Decision:
      step.Decision === undefined
        ? undefined
        : { Left: copy(step.Decision.Left), Condition: step.Decision.Condition, Right: step.Decision.Right && copy(step.Decision.Right) },
    DelaySeconds: step.DelaySeconds,
    WaitUntil: step.WaitUntil && copy(step.WaitUntil),
    Response: step.Response && { Status: step.Response.Status, Body: copy(step.Response.Body) },
    SamplePayload: step.SamplePayload,
    IdempotencyHeader: step.IdempotencyHeader,
  };
}
