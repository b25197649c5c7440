import type { Db } from '../store/database.js';

/** Why an install can no longer be used: a person deauthenticated or deleted it, or the provider refused its grant for good. */
export type InstallGone = 'deauthenticated' | 'deleted' | 'refused';

/** What must know, in the same transaction, that an install can no longer be used (its cycles pause). */
export interface InstallWatchers {
  installGone(db: Db, accountId: string, install: { id: number; name: string }, why: InstallGone): Promise<void>;
}
