import type { Db } from './database.js';
import type { ConnectSessionTable, OAuthSessionTable, SigninTokenTable } from './schema.js';

/**
 * The queries of the browser sessions: sign-in tokens, connect-page sessions and OAuth sessions, kept as
 * hashes, and the purge of every kind of expired session.
 */

export async function insertSigninToken(db: Db, row: SigninTokenTable): Promise<void> {
  await db.insertInto('signin_tokens').values(row).execute();
}

/** Marks an unused, unexpired token used and returns its account; one conditional update, so only one use wins. */
export async function spendSigninToken(db: Db, tokenHash: string, now: string): Promise<string | undefined> {
  const used = await db
    .updateTable('signin_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  return used?.account_id;
}

export async function insertConnectSession(db: Db, row: ConnectSessionTable): Promise<void> {
  await db.insertInto('connect_sessions').values(row).execute();
}

/** The account of a session that has not expired at `now`. */
export async function liveConnectSession(db: Db, sessionHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('connect_sessions')
    .select('account_id')
    .where('session_hash', '=', sessionHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.account_id;
}

export async function insertOAuthSession(db: Db, row: OAuthSessionTable): Promise<void> {
  await db.insertInto('oauth_sessions').values(row).execute();
}

/**
 * Marks an unused, unexpired OAuth session used and returns it; one conditional update, so a state is spent
 * once. A session bound to a browser is spent only with that browser's hash: another leaves it untouched.
 */
export async function spendOAuthSession(db: Db, stateHash: string, browserHash: string | null, now: string) {
  return db
    .updateTable('oauth_sessions')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) =>
      browserHash === null ? eb('browser_hash', 'is', null) : eb.or([eb('browser_hash', 'is', null), eb('browser_hash', '=', browserHash)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Deletes sign-in tokens, connect-page sessions and OAuth sessions that expired before `now`; counts by kind. */
export async function deleteExpiredSessions(db: Db, now: string) {
  const [signinTokens, connectSessions, oauthSessions] = await Promise.all([
    db.deleteFrom('signin_tokens').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('connect_sessions').where('expires_at', '<', now).executeTakeFirst(),
    db.deleteFrom('oauth_sessions').where('expires_at', '<', now).executeTakeFirst(),
  ]);
  return {
    signinTokens: Number(signinTokens.numDeletedRows),
    connectSessions: Number(connectSessions.numDeletedRows),
    oauthSessions: Number(oauthSessions.numDeletedRows),
  };
}
