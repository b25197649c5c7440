import { mappingShapeFault } from './mapping-rules.js';
import type { ActionType, Decision, Mapping, StepConfig, SyncResponse } from './model.js';
import { MAX_DELAY_SECONDS, MIN_DELAY_SECONDS, UNARY_CONDITIONS } from './model.js';

/** A step's kind-specific settings as given: absent leaves one as it is, null clears it. */
export interface StepSettingsInput {
  AccountConnectorId?: number;
  MethodId?: string;
  Decision?: Decision | null;
  DelaySeconds?: number | null;
  WaitUntil?: Mapping | null;
  Response?: SyncResponse | null;
  SamplePayload?: unknown;
  IdempotencyHeader?: string | null;
}

/** Which kind each setting belongs to: giving it to a step of another kind is a mistake worth naming. */
const OWNER: Record<keyof StepSettingsInput, ActionType> = {
  AccountConnectorId: 'Method',
  MethodId: 'Method',
  Decision: 'Decision',
  DelaySeconds: 'Delay',
  WaitUntil: 'WaitUntil',
  Response: 'SynchronousResponse',
  SamplePayload: 'Webhook',
  IdempotencyHeader: 'Webhook',
};

/** What is wrong with a step's settings for its kind, whatever cycle it is in; undefined when nothing is. */
export function stepSettingsFault(type: ActionType, input: StepSettingsInput): string | undefined {
  for (const [name, owner] of Object.entries(OWNER) as [keyof StepSettingsInput, ActionType][]) {
    if (input[name] !== undefined && owner !== type) return `${name} applies only to ${owner} steps, not to a ${type} step`;
  }
  if (input.DelaySeconds != null && (input.DelaySeconds < MIN_DELAY_SECONDS || input.DelaySeconds > MAX_DELAY_SECONDS)) {
    return `DelaySeconds must be from ${MIN_DELAY_SECONDS} to ${MAX_DELAY_SECONDS} (four weeks)`;
  }
  for (const [where, mapping] of operands(input)) {
    const fault = mappingShapeFault(mapping);
    if (fault !== undefined) return `${where}: ${fault}`;
  }
  const decision = input.Decision;
  if (decision != null) {
    const unary = UNARY_CONDITIONS.includes(decision.Condition);
    if (unary && decision.Right != null) return `Decision.Right: the ${decision.Condition} condition takes no right operand`;
    if (!unary && decision.Right == null) return `Decision.Right: the ${decision.Condition} condition needs a right operand`;
  }
  return undefined;
}

/** The mappings a step's settings hold, each with where it is. */
export function operands(config: Pick<StepConfig, 'Decision' | 'WaitUntil' | 'Response'> | StepSettingsInput): [string, Mapping][] {
  const found: [string, Mapping][] = [];
  if (config.Decision != null) {
    found.push(['Decision.Left', config.Decision.Left]);
    if (config.Decision.Right != null) found.push(['Decision.Right', config.Decision.Right]);
  }
  if (config.WaitUntil != null) found.push(['WaitUntil', config.WaitUntil]);
  if (config.Response != null) found.push(['Response.Body', config.Response.Body]);
  return found;
}
