import type { Clock } from '../clock.js';
import type { RunPlans } from '../cycles/run-plan.js';
import { activeCyclesUsing, updateCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { recordIncident } from './incidents.js';
import type { InstallGone, InstallWatchers } from './install-watchers.js';

const WHAT: Record<InstallGone, string> = {
  deauthenticated: 'was deauthenticated',
  deleted: 'was deleted',
  refused: 'lost its authorization (the provider refused to refresh it)',
};

/**
 * Pauses the Active cycles that use an account connector once it is deauthenticated, deleted or refused by its provider, each
 * with a Warning incident naming it: their steps would only error until someone reconnects it.
 * Prerequisite 20 then names the steps, and activating again is refused until it is fixed.
 */
export class CyclePauses implements InstallWatchers {
  constructor(
    private readonly clock: Clock,
    private readonly plans: RunPlans,
  ) {}

  async installGone(db: Db, accountId: string, install: { id: number; name: string }, why: InstallGone): Promise<void> {
    const now = this.clock.nowIso();
    const uses = await activeCyclesUsing(db, accountId, install.id);
    const firstStepOf = new Map<number, (typeof uses)[number]>();
    for (const use of uses) if (!firstStepOf.has(use.id)) firstStepOf.set(use.id, use);
    for (const [cycleId, step] of firstStepOf) {
      await updateCycle(db, accountId, cycleId, { status: 'Paused', updated_at: now });
      this.plans.forget(cycleId, db);
      await recordIncident(db, now, {
        accountId,
        cycleId,
        level: 'Warning',
        shortMessage: `Paused: the connector '${install.name}' ${WHAT[why]}`,
        fullMessage: `The cycle was paused because the account connector '${install.name}' (${install.id}) it uses ${WHAT[why]}; authenticate it again${why === 'deleted' ? ' (install it and choose it in its steps)' : ''}, then activate the cycle.`,
        stepId: step.step_id,
        stepName: step.step_name,
      });
    }
  }
}
