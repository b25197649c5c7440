import { customMethodId } from '../catalogue/custom-methods.js';
import type { Clock } from '../clock.js';
import type { Step } from '../cycles/model.js';
import { stepConfig, toStep } from '../cycles/rows.js';
import { PatchbayError } from '../errors.js';
import { inTransaction } from '../store/commits.js';
import { stepOf, stepsOf, updateStep } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import type { InstallLookup } from './cycle-graph.js';
import { editableCycle, installMethod } from './cycle-parts.js';

/** What binding needs of custom categories: the install's category copy for an object, made when missing. */
export interface ObjectCategories {
  ensure(accountId: string, installId: number, categoryId: string, objectName: string): Promise<number>;
}

/**
 * Binds the Method steps a template left waiting for an object (its install was not authenticated at
 * install time) to the object's custom category, once the install is authenticated. Run before a cycle's
 * prerequisites are judged and before it is activated, so the first look after authenticating finds the
 * step bound. A step that cannot be bound yet (the provider unreachable, no such object) keeps waiting,
 * and its prerequisite (20) says so.
 */
export class StepBindings {
  constructor(
    private readonly db: Db,
    private readonly installs: InstallLookup,
    private readonly categories: ObjectCategories,
    private readonly clock: Clock,
  ) {}

  async bindPending(accountId: string, cycleId: number): Promise<void> {
    const waiting = (await stepsOf(this.db, accountId, cycleId)).map(toStep).filter((s) => s.PendingObject !== undefined);
    for (const step of waiting) {
      try {
        await this.bind(accountId, cycleId, step);
      } catch (error) {
        if (!(error instanceof PatchbayError)) throw error;
      }
    }
  }

  private async bind(accountId: string, cycleId: number, step: Step): Promise<void> {
    if (step.AccountConnectorId === null || step.MethodId === null || step.PendingObject === undefined) return;
    const install = await this.installs.resolve(accountId, step.AccountConnectorId);
    const method = install.connector.methods.get(step.MethodId);
    if (!install.authenticated || method?.Category === undefined) return;
    const customId = await this.categories.ensure(accountId, install.id, method.Category, step.PendingObject);
    const bound = installMethod(await this.installs.resolve(accountId, install.id), customMethodId(method.Id, customId));
    if (bound === undefined) return;
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, cycleId, now);
      const row = await stepOf(trx, accountId, step.Id);
      // Changed meanwhile (another method chosen, or bound by a concurrent request): left as it is.
      if (row === undefined || row.method_id !== step.MethodId || toStep(row).PendingObject !== step.PendingObject) return;
      await updateStep(trx, accountId, step.Id, {
        method_id: bound.Id,
        method_unique_identifier: bound.MethodUniqueIdentifier,
        config: stepConfig({ ...toStep(row), PendingObject: undefined }),
        updated_at: now,
      });
    });
  }
}
