import type { MethodDefinition } from '../catalogue/schema.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import { ancestors } from '../cycles/graph.js';
import type { Mapping, MappingTarget } from '../cycles/model.js';
import { mappingColumns, toEdge, toMapping, variableContext } from '../cycles/rows.js';
import { badRequest, isMissing, notFound, PatchbayError } from '../errors.js';
import { inTransaction } from '../store/commits.js';
import type { CycleStepRow, CycleVariableRow } from '../store/cycle-schema.js';
import {
  cycleOf,
  deleteMapping,
  deleteVariable,
  edgesOf,
  insertVariable,
  mappingsOfStep,
  stepOf,
  stepsOf,
  updateVariable,
  upsertMapping,
  variableOf,
  variablesOf,
} from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { checkMapping } from './cycle-checks.js';
import type { InstallLookup } from './cycle-graph.js';
import { cycleNotFound, editableCycle, installMethod, stepNotFound } from './cycle-parts.js';

export interface VariableInput {
  Name: string;
  DisplayName?: string;
  Value: string;
  Sensitive?: boolean;
}

export type VariableUpdate = Partial<Omit<VariableInput, 'Name'>>;

const WORD: Record<MappingTarget, string> = { Parameter: 'parameter', Field: 'field' };

/**
 * What fills each parameter and field of a cycle's Method steps, and the cycle's variables (sensitive
 * ones sealed, shown masked). Every write checks what it names exists: the parameter or field on the
 * step's method, the source step before the step, the variable in the cycle.
 */
export class CycleMappings {
  constructor(
    private readonly db: Db,
    private readonly installs: InstallLookup,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** Every parameter (or field) of the step's method, each with its mapping or null. */
  async list(accountId: string, stepId: number, target: MappingTarget) {
    const step = await this.step(accountId, stepId);
    const method = await this.methodOf(accountId, step);
    const mappings = (await mappingsOfStep(this.db, accountId, stepId)).map(toMapping).filter((m) => m.Target === target);
    const declared = method === undefined ? [] : declaredOf(method, target);
    const views = declared.map((d) =>
      mappingView(
        d,
        mappings.find((m) => m.Name === d.Name),
      ),
    );
    // Mappings the method no longer declares stay visible, so that they can be cleared.
    for (const mapping of mappings) if (!declared.some((d) => d.Name === mapping.Name)) views.push(mappingView(undefined, mapping));
    return views;
  }

  async get(accountId: string, stepId: number, target: MappingTarget, name: string) {
    const found = (await this.list(accountId, stepId, target)).find((m) => m.Name === name);
    if (found === undefined) throw notFound(`Step ${stepId} has no ${WORD[target]} '${name}'`);
    return found;
  }

  async set(accountId: string, stepId: number, target: MappingTarget, name: string, mapping: Mapping) {
    const step = await this.step(accountId, stepId);
    const method = await this.methodOf(accountId, step);
    if (method === undefined) {
      throw new PatchbayError('PB_ERR_CONFLICT', `Step ${stepId}'s account connector or method is gone: choose its method again`);
    }
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, step.cycle_id, now);
      const [steps, edges, variables] = await Promise.all([
        stepsOf(trx, accountId, step.cycle_id),
        edgesOf(trx, accountId, step.cycle_id),
        variablesOf(trx, accountId, step.cycle_id),
      ]);
      const names = new Map(steps.map((s) => [s.id, s.name]));
      checkMapping(method, target, name, mapping, {
        before: ancestors(edges.map(toEdge), stepId),
        variables: new Set(variables.map((v) => v.name)),
        stepName: (id) => names.get(id),
      });
      await upsertMapping(trx, {
        step_id: stepId,
        cycle_id: step.cycle_id,
        account_id: accountId,
        target,
        name,
        ...mappingColumns(mapping),
        updated_at: now,
      });
    });
    return this.get(accountId, stepId, target, name);
  }

  async clear(accountId: string, stepId: number, target: MappingTarget, name: string): Promise<void> {
    const step = await this.step(accountId, stepId);
    await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, step.cycle_id, this.clock.nowIso());
      if (!(await deleteMapping(trx, accountId, stepId, target, name))) {
        throw notFound(`The ${WORD[target]} '${name}' of step ${stepId} is not mapped`);
      }
    });
  }

  async variables(accountId: string, cycleId: number) {
    await this.cycle(accountId, cycleId);
    return (await variablesOf(this.db, accountId, cycleId)).map((row) => this.variableView(row));
  }

  async variable(accountId: string, cycleId: number, name: string) {
    await this.cycle(accountId, cycleId);
    const row = await variableOf(this.db, accountId, cycleId, name);
    if (row === undefined) throw notFound(`Cycle ${cycleId} has no variable '${name}'`);
    return this.variableView(row);
  }

  async createVariable(accountId: string, cycleId: number, input: VariableInput) {
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, cycleId, now);
      const sensitive = input.Sensitive === true;
      const inserted = await insertVariable(trx, {
        cycle_id: cycleId,
        account_id: accountId,
        name: input.Name,
        display_name: input.DisplayName ?? input.Name,
        value: sensitive ? this.box.seal(input.Value, variableContext(accountId, cycleId, input.Name)) : input.Value,
        sensitive: sensitive ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
      if (inserted === undefined) throw new PatchbayError('PB_ERR_CONFLICT', `Cycle ${cycleId} has a variable '${input.Name}' already`);
    });
    return this.variable(accountId, cycleId, input.Name);
  }

  async updateVariable(accountId: string, cycleId: number, name: string, input: VariableUpdate) {
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, cycleId, now);
      const row = await variableOf(trx, accountId, cycleId, name);
      if (row === undefined) throw notFound(`Cycle ${cycleId} has no variable '${name}'`);
      const sensitive = input.Sensitive ?? row.sensitive === 1;
      if (!sensitive && row.sensitive === 1 && input.Value === undefined) {
        throw badRequest('A sensitive variable becomes an ordinary one only with a new Value: its old one is not shown');
      }
      const value = input.Value ?? (row.sensitive === 1 ? this.open(row) : row.value);
      await updateVariable(trx, row.id, {
        display_name: input.DisplayName ?? row.display_name,
        value: sensitive ? this.box.seal(value, variableContext(accountId, cycleId, name)) : value,
        sensitive: sensitive ? 1 : 0,
        updated_at: now,
      });
    });
    return this.variable(accountId, cycleId, name);
  }

  /** Removes a variable; mappings still naming it show up in the prerequisites. */
  async deleteVariable(accountId: string, cycleId: number, name: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, cycleId, this.clock.nowIso());
      const row = await variableOf(trx, accountId, cycleId, name);
      if (row === undefined) throw notFound(`Cycle ${cycleId} has no variable '${name}'`);
      await deleteVariable(trx, row.id);
    });
  }

  private open(row: CycleVariableRow): string {
    return this.box.open(row.value, variableContext(row.account_id, row.cycle_id, row.name));
  }

  private variableView(row: CycleVariableRow) {
    return {
      Name: row.name,
      DisplayName: row.display_name,
      Value: row.sensitive === 1 ? maskSecret(this.open(row)) : row.value,
      Sensitive: row.sensitive === 1,
    };
  }

  private async cycle(accountId: string, cycleId: number) {
    if ((await cycleOf(this.db, accountId, cycleId)) === undefined) throw cycleNotFound(cycleId);
  }

  private async step(accountId: string, stepId: number): Promise<CycleStepRow> {
    const step = await stepOf(this.db, accountId, stepId);
    if (step === undefined) throw stepNotFound(stepId);
    if (step.action_type !== 'Method')
      throw badRequest(`Step ${stepId} is a ${step.action_type} step: only Method steps have parameters and fields`);
    return step;
  }

  /** The step's method as its install now offers it; undefined when the install or the method is gone. */
  private async methodOf(accountId: string, step: CycleStepRow): Promise<MethodDefinition | undefined> {
    if (step.account_connector_id === null || step.method_id === null) return undefined;
    try {
      return installMethod(await this.installs.resolve(accountId, step.account_connector_id), step.method_id);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}

interface Declared {
  Name: string;
  Type: string;
  Required?: boolean;
  Description?: string;
  In?: string;
  Default?: unknown;
}

function declaredOf(method: MethodDefinition, target: MappingTarget): Declared[] {
  if (target === 'Parameter') return method.Parameters ?? [];
  return (method.Fields ?? []).filter((f) => f.ReadOnly !== true);
}

function mappingView(declared: Declared | undefined, mapping: Mapping | undefined) {
  return {
    Name: declared?.Name ?? (mapping as { Name: string } | undefined)?.Name ?? '',
    DataType: declared?.Type ?? null,
    // Required as the prerequisites see it: a default fills a parameter that is not mapped.
    IsRequired: declared !== undefined && (declared.Required === true || declared.In === 'path') && declared.Default === undefined,
    Description: declared?.Description ?? '',
    Mapping:
      mapping === undefined
        ? null
        : {
            MappingType: mapping.MappingType,
            ...(mapping.Value !== undefined ? { Value: mapping.Value } : {}),
            ...(mapping.SourceStepId !== undefined ? { SourceStepId: mapping.SourceStepId } : {}),
            ...(mapping.SourceFieldId !== undefined ? { SourceFieldId: mapping.SourceFieldId } : {}),
            ...(mapping.VariableName !== undefined ? { VariableName: mapping.VariableName } : {}),
          },
  };
}
