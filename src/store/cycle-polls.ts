import type { Updateable } from 'kysely';
import type { CyclePollRow, CyclePollTable } from './cycle-schema.js';
import type { Db } from './database.js';

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
      oc.column('cycle_id').doUpdateSet({ next_poll_at: nextPollAt, lease_token: null, leased_until: null, updated_at: now }),
    )
    .execute();
}

export function pollOf(db: Db, cycleId: number): Promise<CyclePollRow | undefined> {
  return db.selectFrom('cycle_polls').selectAll().where('cycle_id', '=', cycleId).executeTakeFirst();
}

/** Takes the poll's lease unless a poll holding an unexpired one is under way; answers the row as taken. */
export function takePollLease(db: Db, cycleId: number, token: string, now: string, until: string): Promise<CyclePollRow | undefined> {
  return db
    .updateTable('cycle_polls')
    .set({ lease_token: token, leased_until: until })
    .where('cycle_id', '=', cycleId)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Ends the poll holding `token`, writing its outcome; false when the lease was lost (nothing written). */
export async function finishPoll(db: Db, cycleId: number, token: string, changes: Updateable<CyclePollTable>): Promise<boolean> {
  const result = await db
    .updateTable('cycle_polls')
    .set({ ...changes, lease_token: null, leased_until: null })
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
