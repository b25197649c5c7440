import type { AppContext } from './context.js';
import { POLL_QUEUE, type PollJob } from './cycles/polling.js';
import { TRANSACTION_QUEUE, type TransactionJob } from './cycles/transaction-job.js';
import type { JobHandler } from './jobs/job-queue.js';
import type { CredentialRef } from './services/credential-sweeps.js';
import { pruneTransactions, stopLongHeld } from './services/cycle-retention.js';
import { removeExpired } from './services/housekeeping.js';
import { TransactionRecovery } from './services/transaction-recovery.js';
import { WebhookSender } from './services/webhook-sender.js';
import { DELIVER_QUEUE, type DeliveryJob } from './services/webhooks.js';

const SWEEP_QUEUE = 'sweep';
const REFRESH_QUEUE = 'credential-refresh';
const PROBE_QUEUE = 'credential-probe';

/** How late a poll must be before the sweep sends its job again (a due poll's job runs within moments). */
const MIN_OVERDUE_SECONDS = 60;
/** Deliveries to slow receivers should not hold up the others. */
const DELIVERY_CONCURRENCY = 5;

/**
 * A node's background work: it runs jobs of every queue, and every sweep interval it asks for a sweep.
 * Every node asks; the queue creates one sweep job per interval, which any node may run, and the sweep
 * spreads the credentials due for care over per-credential jobs that any node may run.
 */
export function startBackground(ctx: AppContext): { stop(): void } {
  const { config, queue, metrics } = ctx;
  const interval = config.sweepIntervalSeconds;
  const counted =
    <T>(name: string, handler: JobHandler<T>): JobHandler<T> =>
    async (job) => {
      try {
        await handler(job);
        metrics.inc('patchbay_jobs_total', { queue: name, result: 'completed' });
      } catch (error) {
        metrics.inc('patchbay_jobs_total', { queue: name, result: 'failed' });
        throw error;
      }
    };

  const sender = new WebhookSender(ctx.webhooks, metrics, ctx.webhookEgress, config.webhookTimeoutMs);
  queue.work<DeliveryJob>(DELIVER_QUEUE, counted(DELIVER_QUEUE, sender.handle), { concurrency: DELIVERY_CONCURRENCY });

  queue.work<TransactionJob>(TRANSACTION_QUEUE, counted(TRANSACTION_QUEUE, ctx.executor.handle), { concurrency: config.cycleQueueWorkers });
  // A webhook's transaction runs at once on the node that received it, when it has room, as a job would.
  ctx.immediateRuns.open(config.cycleWorkers, config.cycleAccountLimit);
  queue.work<PollJob>(POLL_QUEUE, counted(POLL_QUEUE, ctx.cyclePolls.handle), { concurrency: config.cycleQueueWorkers });
  // At start and after every heartbeat: a transaction or a poll whose node died is taken over within seconds.
  const transactions = new TransactionRecovery(ctx.db, queue, ctx.node, ctx.logger);
  const recover = async () => {
    await transactions.run();
    await ctx.cyclePolls.recoverOrphaned();
  };
  recover().catch((error: unknown) => ctx.logger.error({ err: error }, 'could not take over the work of dead nodes'));
  const stopRecovery = ctx.node.onBeat(recover);

  // A token is refreshed when it would expire before the next sweep comes round.
  const lookahead = interval + config.tokenRefreshMarginSeconds;
  queue.work<CredentialRef>(
    REFRESH_QUEUE,
    counted(REFRESH_QUEUE, (job) => ctx.sweeps.refresh(job.data, lookahead)),
  );
  queue.work<CredentialRef>(
    PROBE_QUEUE,
    counted(PROBE_QUEUE, (job) => ctx.sweeps.probeOne(job.data)),
  );
  queue.work(
    SWEEP_QUEUE,
    counted(SWEEP_QUEUE, async () => {
      const once = { singletonSeconds: interval };
      for (const ref of await ctx.sweeps.expiring(lookahead)) {
        await queue.send(REFRESH_QUEUE, ref, { ...once, singletonKey: `credential:${ref.credentialId}` });
      }
      if (config.probeIntervalSeconds > 0) {
        // One probe per credential per probe interval: a probe still waiting in the queue when the next
        // sweep finds the credential due again is not sent twice.
        const probeOnce = { singletonSeconds: config.probeIntervalSeconds };
        for (const ref of await ctx.sweeps.dueForProbe(config.probeIntervalSeconds)) {
          await queue.send(PROBE_QUEUE, ref, { ...probeOnce, singletonKey: `credential:${ref.credentialId}` });
        }
      }
      const removed = await removeExpired(ctx.db, ctx.clock);
      ctx.logger.debug({ removed }, 'removed expired records');
      const pruned = await pruneTransactions(ctx.db, ctx.clock);
      ctx.logger.debug({ pruned }, 'pruned cycle transactions past their retention');
      const stopped = await stopLongHeld(ctx.db, ctx.clock);
      if (stopped > 0) ctx.logger.info({ stopped }, 'stopped transactions held by a deactivation for 24 hours');
      // A poll job that failed for good would end its cycle's polling: one sweep interval late, it is sent again.
      await ctx.cyclePolls.requeueOverdue(Math.max(interval, MIN_OVERDUE_SECONDS));
    }),
  );

  if (interval === 0) return { stop: stopRecovery };
  const stopSweeps = ctx.clock.every(interval * 1000, () => {
    queue.send(SWEEP_QUEUE, {}, { singletonKey: SWEEP_QUEUE, singletonSeconds: interval }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not queue the periodic sweep');
    });
  });
  return {
    stop() {
      stopSweeps();
      stopRecovery();
    },
  };
}
