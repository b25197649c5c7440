import type { Clock } from '../clock.js';
import type { Db } from '../store/database.js';

/** How long the webhook delivery log keeps an entry. */
export const DELIVERY_LOG_DAYS = 30;

/** Removes what has expired and is of no further use, so the store does not grow without end. */
export async function removeExpired(db: Db, clock: Clock): Promise<Record<string, number>> {
  const now = clock.nowIso();
  const logStart = clock.isoIn(-DELIVERY_LOG_DAYS * 86_400_000);
  const removed = await Promise.all([
    db.deleteFrom('signin_tokens').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('connect_sessions').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('oauth_sessions').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('access_tokens').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('webhook_deliveries').where('created_at', '<', logStart).executeTakeFirst(),
  ]);
  const [signinTokens, connectSessions, oauthSessions, accessTokens, deliveries] = removed.map((r) => Number(r.numDeletedRows));
  return {
    signinTokens: signinTokens ?? 0,
    connectSessions: connectSessions ?? 0,
    oauthSessions: oauthSessions ?? 0,
    accessTokens: accessTokens ?? 0,
    deliveries: deliveries ?? 0,
  };
}
