import type { Clock } from '../clock.js';
import { deleteExpiredTokens } from '../store/clients.js';
import type { Db } from '../store/database.js';
import { deleteExpiredSessions } from '../store/sessions.js';
import { deleteIdempotencyKeysBefore } from '../store/webhook-intake.js';
import { deleteDeliveriesBefore } from '../store/webhooks.js';
import { IDEMPOTENCY_KEY_DAYS } from './webhook-intake.js';

/** How long the webhook delivery log keeps an entry. */
export const DELIVERY_LOG_DAYS = 30;

/** Removes what has expired and is of no further use, so the store does not grow without end. */
export async function removeExpired(db: Db, clock: Clock): Promise<Record<string, number>> {
  const now = clock.nowIso();
  const [sessions, accessTokens, deliveries, idempotencyKeys] = await Promise.all([
    deleteExpiredSessions(db, now),
    deleteExpiredTokens(db, now),
    deleteDeliveriesBefore(db, clock.isoIn(-DELIVERY_LOG_DAYS * 86_400_000)),
    deleteIdempotencyKeysBefore(db, clock.isoIn(-IDEMPOTENCY_KEY_DAYS * 86_400_000)),
  ]);
  return { ...sessions, accessTokens, deliveries, idempotencyKeys };
}
