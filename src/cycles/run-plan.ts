import type { Transaction } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.js';
import { afterCommit } from '../store/commits.js';
import type { CycleRow, CycleTransactionRow, StepRunRow } from '../store/cycle-schema.js';
import { cycleOf, edgesOf, mappingsOfCycle, stepsOf, variablesOf } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import type { Invalidations } from '../store/invalidations.js';
import type { Database } from '../store/schema.js';
import type { Edge, EdgeType, Step, StepErrorAction, StepMapping } from './model.js';
import type { RunContext } from './operands.js';
import { toEdge, toMapping, toStep, variableContext } from './rows.js';

/** A cycle as a run needs it: its steps, edges, mappings and variables (sensitive ones unsealed). */
export interface RunPlan {
  cycle: CycleRow;
  steps: Map<number, Step>;
  edges: Edge[];
  mappings: Map<number, StepMapping[]>;
  variables: Record<string, string>;
  /** The unsealed values of sensitive variables: masked wherever a run's data is shown. */
  secrets: string[];
  /** The Webhook steps' URL tokens, to their step ids. */
  webhookTokens: Map<string, number>;
}

export async function loadRunPlan(db: Db, box: SecretBox, accountId: string, cycleId: number): Promise<RunPlan | undefined> {
  const cycle = await cycleOf(db, accountId, cycleId);
  if (cycle === undefined) return undefined;
  const [stepRows, edgeRows, mappingRows, variableRows] = await Promise.all([
    stepsOf(db, accountId, cycleId),
    edgesOf(db, accountId, cycleId),
    mappingsOfCycle(db, accountId, cycleId),
    variablesOf(db, accountId, cycleId),
  ]);
  const mappings = new Map<number, StepMapping[]>();
  for (const mapping of mappingRows.map(toMapping)) mappings.set(mapping.StepId, [...(mappings.get(mapping.StepId) ?? []), mapping]);
  const variables: Record<string, string> = {};
  const secrets: string[] = [];
  for (const row of variableRows) {
    const value = row.sensitive === 1 ? box.open(row.value, variableContext(row.account_id, row.cycle_id, row.name)) : row.value;
    variables[row.name] = value;
    if (row.sensitive === 1 && value !== '') secrets.push(value);
  }
  const webhookTokens = new Map(stepRows.flatMap((r) => (r.webhook_token === null ? [] : [[r.webhook_token, r.id] as const])));
  const steps = new Map(stepRows.map((r) => [r.id, toStep(r)]));
  return { cycle, steps, edges: edgeRows.map(toEdge), mappings, variables, secrets, webhookTokens };
}

/**
 * What a job of the transaction resolves its mappings in: the outputs of the steps run so far (their last
 * successful runs'; for a transaction not run yet, `runs` is null and the trigger's output is its item).
 */
export function runContextOf(plan: RunPlan, tx: CycleTransactionRow, runs: readonly StepRunRow[] | null): RunContext {
  const trigger = tx.trigger_item === null ? null : JSON.parse(tx.trigger_item);
  const outputs = new Map<number, unknown>();
  const first = runs === null ? triggerOf(plan) : undefined;
  if (first !== undefined) outputs.set(first.Id, trigger);
  for (const run of runs ?? []) if (run.status === 'Success' && run.output !== null) outputs.set(run.step_id, JSON.parse(run.output));
  return { outputs, keys: new Map([...plan.steps.values()].map((s) => [s.Id, s.Key])), variables: plan.variables, trigger };
}

/** The step an edge of this type leads to from `stepId` (the first one made, if several), or null. */
export function nextStepId(plan: RunPlan, stepId: number, type: EdgeType = 'Forward'): number | null {
  return plan.edges.find((e) => e.HeadStepId === stepId && e.EdgeType === type)?.TailStepId ?? null;
}

/** The trigger: the first step no edge leads to and that leads somewhere. */
export function triggerOf(plan: RunPlan): Step | undefined {
  const entered = new Set(plan.edges.map((e) => e.TailStepId));
  return [...plan.steps.values()].find((s) => !entered.has(s.Id) && plan.edges.some((e) => e.HeadStepId === s.Id));
}

export const errorActionOf = (plan: RunPlan, step: Step): StepErrorAction =>
  step.StepErrorAction ?? (plan.cycle.step_error_action as StepErrorAction);

/** A run's data as it may be stored for display: every sensitive variable's value masked. */
export function masked(plan: RunPlan, value: unknown): string {
  let text = JSON.stringify(value ?? null);
  for (const secret of plan.secrets) text = text.split(JSON.stringify(secret).slice(1, -1)).join('********');
  return text;
}

/** Plans kept per node: a few thousand active cycles' definitions. */
const PLAN_LIMIT = 10_000;

/**
 * Keeps the plans of Active cycles in memory, so that a webhook or a job does not read five tables.
 * An Active cycle cannot be edited (409), so its plan changes only when its status does, and every
 * change of status (deactivated, paused, stopped, deleted) is published on the bus with `forget`:
 * this node drops the plan at once, others when the message reaches them. A plan of a cycle that is
 * not Active is read afresh every time.
 */
export class RunPlans {
  private readonly plans = new Map<number, RunPlan>();
  /** The webhook URL tokens of the plans kept, to their cycles. */
  private readonly tokens = new Map<string, number>();
  /** Bumped by every invalidation, so a load that raced one is not kept. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly bus: Invalidations,
  ) {
    bus.on((invalidation) => {
      if (invalidation.kind !== 'cycle' && invalidation.kind !== 'everything') return;
      this.generation++;
      if (invalidation.kind === 'cycle') this.drop(invalidation.id);
      else {
        this.plans.clear();
        this.tokens.clear();
      }
    });
  }

  /** The kept plan of the Active cycle whose Webhook step has this URL token; undefined when none is kept. */
  byWebhookToken(token: string): RunPlan | undefined {
    const cycleId = this.tokens.get(token);
    return cycleId === undefined || !this.bus.healthy ? undefined : this.plans.get(cycleId);
  }

  async get(accountId: string, cycleId: number): Promise<RunPlan | undefined> {
    const hit = this.plans.get(cycleId);
    if (hit !== undefined && hit.cycle.account_id === accountId && this.bus.healthy) return hit;
    const generation = this.generation;
    const plan = await loadRunPlan(this.db, this.box, accountId, cycleId);
    if (plan?.cycle.status === 'Active' && generation === this.generation) {
      if (this.plans.size >= PLAN_LIMIT) this.drop(this.plans.keys().next().value as number);
      this.plans.set(cycleId, plan);
      for (const token of plan.webhookTokens.keys()) this.tokens.set(token, cycleId);
    }
    return plan;
  }

  private drop(cycleId: number): void {
    for (const token of this.plans.get(cycleId)?.webhookTokens.keys() ?? []) this.tokens.delete(token);
    this.plans.delete(cycleId);
  }

  /** The cycle's status changed or it was deleted, written with `db`: published once that commits. */
  forget(cycleId: number, db: Db): void {
    const publish = () => this.bus.publish({ kind: 'cycle', id: cycleId });
    if (!db.isTransaction || !afterCommit(db as Transaction<Database>, publish)) publish();
  }
}
