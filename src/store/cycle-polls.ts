import type { Updateable } from 'kysely';
import type { CyclePollRow, CyclePollTable } from './cycle-schema.js';
import type { Db } from './database.js';
import { holderDead } from './nodes.js';

/**
 * The queries of `cycle_polls`, a polling cycle's cursor and schedule: the only place that writes it. A
 * poll takes the row's lease first and commits only while it still holds it, so two polls of one cycle
 * never both count, whichever nodes run them.
 */

/** Sets the next poll of a cycle (on activation), keeping its cursor when it has one. */
export async function schedulePoll(db: Db, accountId: string, cycleId: number, since: string, nextPollAt: string, now: string) {
  await db
    .insertInto('cycle_polls')
    .values({ cycle_id: cycleId, account_id: accountId, since, next_poll_at: nextPollAt, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('cycle_id')
        .doUpdateSet({ next_poll_at: nextPollAt, lease_token: null, leased_until: null, lease_node: null, updated_at: now }),
    )
    .execute();
}

export function pollOf(db: Db, cycleId: number): Promise<CyclePollRow | undefined> {
  return db.selectFrom('cycle_polls').selectAll().where('cycle_id', '=', cycleId).executeTakeFirst();
}

/**
 * Takes the poll's lease for `node` unless a poll holding an unexpired lease is under way on a live node
 * (one heard from since `aliveSince`); answers the row as taken.
 */
export function takePollLease(
  db: Db,
  cycleId: number,
  lease: { token: string; node: string; now: string; until: string; aliveSince: string },
) {
  return db
    .updateTable('cycle_polls')
    .set({ lease_token: lease.token, leased_until: lease.until, lease_node: lease.node })
    .where('cycle_id', '=', cycleId)
    .where((eb) =>
      eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', lease.now), holderDead('cycle_polls.lease_node', lease.aliveSince)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Up to `limit` polls under way on a node that died (the lease-node index finds them), with their lease. */
export function orphanedPolls(db: Db, aliveSince: string, limit: number): Promise<{ cycle_id: number; lease_token: string | null }[]> {
  return db
    .selectFrom('cycle_polls')
    .select(['cycle_id', 'lease_token'])
    .where('lease_node', 'is not', null)
    .where(holderDead('cycle_polls.lease_node', aliveSince))
    .limit(limit)
    .execute();
}

/** Ends the poll holding `token`, writing its outcome; false when the lease was lost (nothing written). */
export async function finishPoll(db: Db, cycleId: number, token: string, changes: Updateable<CyclePollTable>): Promise<boolean> {
  const result = await db
    .updateTable('cycle_polls')
    .set({ ...changes, lease_token: null, leased_until: null, lease_node: null })
    .where('cycle_id', '=', cycleId)
    .where('lease_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Polls of Active cycles due before `before` and not under way (no unexpired lease): their job is gone
 * (it failed for good, or it was lost), since a due poll's job runs it within moments.
 */
export function overduePolls(db: Db, before: string, now: string, limit: number): Promise<CyclePollRow[]> {
  return db
    .selectFrom('cycle_polls')
    .innerJoin('cycles', 'cycles.id', 'cycle_polls.cycle_id')
    .selectAll('cycle_polls')
    .where('cycles.status', '=', 'Active')
    .where('cycle_polls.next_poll_at', '<', before)
    .where((eb) => eb.or([eb('cycle_polls.leased_until', 'is', null), eb('cycle_polls.leased_until', '<=', now)]))
    .orderBy('cycle_polls.next_poll_at')
    .limit(limit)
    .execute();
}
