import type { CredentialStore } from '../auth/credential-store.js';
import { parseStoredToken, type StoredToken } from '../auth/token-set.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { inTransaction } from '../store/commits.js';
import { claimLease, releaseLease, sealedSecretOf } from '../store/credentials.js';
import type { Db } from '../store/database.js';
import { type Credentials, sealContext } from './credentials.js';
import type { InstallCache } from './install-cache.js';
import type { NodePresence } from './node-presence.js';

/** The token refresher's view of credentials (see the port's rules); writes go through the credentials service. */
export class CredentialTokens implements CredentialStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
    private readonly credentials: Credentials,
    private readonly clock: Clock,
    private readonly nodes: NodePresence,
  ) {}

  async token(accountId: string, id: number): Promise<StoredToken | null> {
    const sealed = await sealedSecretOf(this.db, accountId, id);
    return sealed ? parseStoredToken(this.box.open(sealed, sealContext(accountId))) : null;
  }

  claimRefresh(id: number, owner: string, leaseMs: number): Promise<boolean> {
    return claimLease(this.db, id, owner, this.clock.nowIso(), this.clock.isoIn(leaseMs), this.nodes.staleBefore());
  }

  releaseRefresh(id: number, owner: string): Promise<void> {
    return releaseLease(this.db, id, owner);
  }

  async saveToken(accountId: string, id: number, token: StoredToken): Promise<void> {
    await inTransaction(this.db, (trx) => this.credentials.storeToken(trx, accountId, id, token));
    this.cache.forgetCredential(id);
  }

  async markRefused(id: number, reason: string): Promise<void> {
    await inTransaction(this.db, (trx) => this.credentials.storeRefusal(trx, id, reason));
    this.cache.forgetCredential(id);
  }
}
