import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { fieldsForMapping } from '../cycles/fields-for-mapping.js';
import { ancestors } from '../cycles/graph.js';
import type { ActionType, EdgeType, Step, StepErrorAction } from '../cycles/model.js';
import { stepConfig, toEdge, toStep } from '../cycles/rows.js';
import type { StepSettingsInput } from '../cycles/step-rules.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import { inTransaction } from '../store/commits.js';
import type { CycleStepRow } from '../store/cycle-schema.js';
import {
  cycleOf,
  deleteEdge,
  deleteMappingsOfStep,
  deleteStep,
  edgesOf,
  insertEdge,
  insertStep,
  stepOf,
  stepsOf,
  updateStep,
  variablesOf,
} from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { checkEdge, checkStepSettings, defaultKey, methodOf, type Surroundings } from './cycle-checks.js';
import { type InstallLookup, loadCycleGraph } from './cycle-graph.js';
import { cycleNotFound, editableCycle, stepNotFound } from './cycle-parts.js';

export interface StepInput extends StepSettingsInput {
  Name: string;
  ActionType: ActionType;
  Key?: string;
  StepErrorAction?: StepErrorAction | null;
}

export type StepUpdate = Partial<Omit<StepInput, 'ActionType'>>;

export interface EdgeInput {
  HeadStepId: number;
  TailStepId: number;
  EdgeType?: EdgeType;
}

/**
 * The steps and edges of cycles. A Method step calls a method of one of the account's installs; the
 * edges keep the graph acyclic with True/False branches only out of Decisions. Each edit is one database
 * transaction that first locks its cycle, and none is allowed on an active cycle.
 */
export class CycleSteps {
  constructor(
    private readonly db: Db,
    private readonly installs: InstallLookup,
    private readonly clock: Clock,
    /** Where Patchbay is reached: webhook URLs are under it. */
    private readonly publicUrl: string,
  ) {}

  async list(accountId: string, cycleId: number) {
    if ((await cycleOf(this.db, accountId, cycleId)) === undefined) throw cycleNotFound(cycleId);
    return (await stepsOf(this.db, accountId, cycleId)).map((row) => this.view(row));
  }

  async get(accountId: string, id: number) {
    return this.view(await this.row(accountId, id));
  }

  async add(accountId: string, cycleId: number, input: StepInput) {
    const method = input.ActionType === 'Method' ? await this.method(accountId, input.AccountConnectorId, input.MethodId) : undefined;
    const id = await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, cycleId, now);
      const steps = await stepsOf(trx, accountId, cycleId);
      // A new step has nothing before it: its operands can name variables, not steps, until edges lead to it.
      checkStepSettings(input.ActionType, input, await this.surroundings(trx, accountId, cycleId, steps, new Set()));
      const keys = new Set(steps.map((s) => s.key));
      if (input.Key !== undefined && keys.has(input.Key)) throw keyTaken(input.Key);
      const stepId = await insertStep(trx, {
        cycle_id: cycleId,
        account_id: accountId,
        // A placeholder until the id, which the default Key is made of, is known.
        key: input.Key ?? `new_${randomBytes(9).toString('hex')}`,
        name: input.Name,
        action_type: input.ActionType,
        account_connector_id: input.AccountConnectorId ?? null,
        method_id: method?.Id ?? null,
        method_unique_identifier: method?.MethodUniqueIdentifier ?? null,
        step_error_action: input.StepErrorAction ?? null,
        config: stepConfig({
          Decision: input.Decision ?? null,
          DelaySeconds: input.DelaySeconds ?? null,
          WaitUntil: input.WaitUntil ?? null,
          Response: input.Response ?? null,
          SamplePayload: input.SamplePayload ?? null,
          IdempotencyHeader: input.IdempotencyHeader ?? null,
        }),
        webhook_token: input.ActionType === 'Webhook' ? webhookToken() : null,
        created_at: now,
        updated_at: now,
      });
      if (input.Key === undefined) await updateStep(trx, accountId, stepId, { key: defaultKey(stepId, keys) });
      return stepId;
    });
    return this.get(accountId, id);
  }

  /** Changes a step; a Method step given another method or install loses the mappings it had. */
  async update(accountId: string, id: number, input: StepUpdate) {
    const row = await this.row(accountId, id);
    const current = toStep(row);
    const type = current.ActionType;
    const installId = input.AccountConnectorId ?? current.AccountConnectorId ?? undefined;
    const methodId = input.MethodId ?? current.MethodId ?? undefined;
    const changesMethod = type === 'Method' && (input.AccountConnectorId !== undefined || input.MethodId !== undefined);
    const method = changesMethod ? await this.method(accountId, installId, methodId) : undefined;
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, row.cycle_id, now);
      const steps = await stepsOf(trx, accountId, row.cycle_id);
      const edges = (await edgesOf(trx, accountId, row.cycle_id)).map(toEdge);
      checkStepSettings(type, input, await this.surroundings(trx, accountId, row.cycle_id, steps, ancestors(edges, id)));
      if (input.Key !== undefined && steps.some((s) => s.key === input.Key && s.id !== id)) throw keyTaken(input.Key);
      const merged = { ...current, ...withoutUndefined(input) } as Step;
      await updateStep(trx, accountId, id, {
        ...(input.Name !== undefined ? { name: input.Name } : {}),
        ...(input.Key !== undefined ? { key: input.Key } : {}),
        ...(input.StepErrorAction !== undefined ? { step_error_action: input.StepErrorAction } : {}),
        ...(method !== undefined
          ? { account_connector_id: installId ?? null, method_id: method.Id, method_unique_identifier: method.MethodUniqueIdentifier }
          : {}),
        // A step given another method is no longer waiting to be bound to an object.
        config: stepConfig(method === undefined ? merged : { ...merged, PendingObject: undefined }),
        updated_at: now,
      });
      if (method !== undefined && (method.Id !== current.MethodId || installId !== current.AccountConnectorId)) {
        await deleteMappingsOfStep(trx, accountId, id);
      }
    });
    return this.get(accountId, id);
  }

  /** Removes a step with its edges, its mappings and the mappings of later steps that read it. */
  async delete(accountId: string, id: number): Promise<void> {
    const row = await this.row(accountId, id);
    await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, row.cycle_id, this.clock.nowIso());
      await deleteStep(trx, accountId, id);
    });
  }

  async edges(accountId: string, cycleId: number) {
    if ((await cycleOf(this.db, accountId, cycleId)) === undefined) throw cycleNotFound(cycleId);
    return (await edgesOf(this.db, accountId, cycleId)).map(toEdge);
  }

  async addEdge(accountId: string, cycleId: number, input: EdgeInput) {
    const type = input.EdgeType ?? 'Forward';
    const id = await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, cycleId, this.clock.nowIso());
      const steps = await stepsOf(trx, accountId, cycleId);
      const edges = (await edgesOf(trx, accountId, cycleId)).map(toEdge);
      const types = new Map(steps.map((s) => [s.id, s.action_type as ActionType]));
      checkEdge(types, edges, input.HeadStepId, input.TailStepId, type, cycleId);
      return insertEdge(trx, {
        cycle_id: cycleId,
        account_id: accountId,
        head_step_id: input.HeadStepId,
        tail_step_id: input.TailStepId,
        edge_type: type,
      });
    });
    return { Id: id, HeadStepId: input.HeadStepId, TailStepId: input.TailStepId, EdgeType: type };
  }

  /** Removes an edge, named by its id or by the steps it joins. */
  async deleteEdge(accountId: string, cycleId: number, which: number | { HeadStepId: number; TailStepId: number }): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, cycleId, this.clock.nowIso());
      const edges = (await edgesOf(trx, accountId, cycleId)).map(toEdge);
      const edge =
        typeof which === 'number'
          ? edges.find((e) => e.Id === which)
          : edges.find((e) => e.HeadStepId === which.HeadStepId && e.TailStepId === which.TailStepId);
      if (edge === undefined) {
        throw notFound(
          typeof which === 'number'
            ? `Edge ${which} not found in cycle ${cycleId}`
            : `No edge from step ${which.HeadStepId} to step ${which.TailStepId} in cycle ${cycleId}`,
        );
      }
      await deleteEdge(trx, accountId, edge.Id);
    });
  }

  /** The steps before this one, each with the fields of its output a mapping can pick. */
  async fieldsForMapping(accountId: string, id: number) {
    const row = await this.row(accountId, id);
    const graph = await loadCycleGraph(this.db, this.installs, accountId, row.cycle_id);
    return fieldsForMapping(graph.steps, graph.edges, id, graph.methods);
  }

  /** Throws 404 unless the step exists in this account. */
  async row(accountId: string, id: number): Promise<CycleStepRow> {
    const row = await stepOf(this.db, accountId, id);
    if (row === undefined) throw stepNotFound(id);
    return row;
  }

  private async method(accountId: string, installId: number | undefined, methodId: string | undefined) {
    if (installId === undefined) throw badRequest('A Method step needs an AccountConnectorId');
    if (methodId === undefined) throw badRequest('A Method step needs a MethodId');
    return (await methodOf(this.installs, accountId, installId, methodId)).method;
  }

  private async surroundings(
    trx: Db,
    accountId: string,
    cycleId: number,
    steps: CycleStepRow[],
    before: ReadonlySet<number>,
  ): Promise<Surroundings> {
    const names = new Map(steps.map((s) => [s.id, s.name]));
    const variables = new Set((await variablesOf(trx, accountId, cycleId)).map((v) => v.name));
    return { before, variables, stepName: (stepId) => names.get(stepId) };
  }

  private view(row: CycleStepRow) {
    const step = toStep(row);
    return {
      Id: step.Id,
      CycleId: row.cycle_id,
      Key: step.Key,
      Name: step.Name,
      ActionType: step.ActionType,
      AccountConnectorId: step.AccountConnectorId,
      MethodId: step.MethodId,
      MethodUniqueIdentifier: row.method_unique_identifier,
      StepErrorAction: step.StepErrorAction,
      Decision: step.Decision === null ? null : { ...step.Decision, Right: step.Decision.Right ?? null },
      DelaySeconds: step.DelaySeconds,
      WaitUntil: step.WaitUntil,
      Response: step.Response,
      WebhookUrl: row.webhook_token === null ? null : `${this.publicUrl}/api/webhook/${row.webhook_token}`,
      SamplePayload: step.SamplePayload,
      IdempotencyHeader: step.IdempotencyHeader,
      PendingObject: step.PendingObject ?? null,
    };
  }
}

const keyTaken = (key: string) => new PatchbayError('PB_ERR_CONFLICT', `Another step of this cycle has the Key '${key}'`);

/** A webhook URL's secret part: 128 bits and more, unguessable. */
export const webhookToken = () => randomBytes(24).toString('base64url');

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
