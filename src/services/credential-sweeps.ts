import type { TokenRefresher } from '../auth/token-refresher.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import { PatchbayError } from '../errors.js';
import { expiringTokens, unprobedSince } from '../store/credentials.js';
import type { Db } from '../store/database.js';
import type { AccountConnectors } from './account-connectors.js';
import type { CredentialProbe } from './credential-probe.js';
import type { Credentials } from './credentials.js';

/** A credential some periodic work is due for. */
export interface CredentialRef {
  accountId: string;
  credentialId: number;
}

/**
 * The periodic care of credentials: OAuth tokens refreshed before they expire, so an idle account's first
 * call is not slowed and refresh tokens that lapse when unused stay alive; API keys and passwords probed,
 * so a partner hears of a revoked one before its customer does.
 */
export class CredentialSweeps {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly credentials: Credentials,
    private readonly installs: AccountConnectors,
    private readonly refresher: TokenRefresher,
    private readonly probe: CredentialProbe,
    private readonly clock: Clock,
  ) {}

  /** OAuth credentials holding a token that expires within `seconds`. */
  async expiring(seconds: number): Promise<CredentialRef[]> {
    const rows = await expiringTokens(this.db, this.clock.isoIn(seconds * 1000));
    return rows.map((row) => ({ accountId: row.account_id, credentialId: row.id }));
  }

  /** API-key and Basic credentials of connectors with a test method, not probed for `seconds`. */
  async dueForProbe(seconds: number): Promise<CredentialRef[]> {
    const rows = await unprobedSince(this.db, this.clock.isoIn(-seconds * 1000));
    return rows
      .filter((row) => row.connector_id !== null && this.catalogue.byId(row.connector_id)?.definition.TestMethod !== undefined)
      .map((row) => ({ accountId: row.account_id, credentialId: row.id }));
  }

  /**
   * Refreshes a credential's token if it still expires within `seconds`. A failure the provider may get
   * over is reported to the partner (the next sweep tries again); a final refusal reports itself.
   */
  async refresh(ref: CredentialRef, seconds: number): Promise<void> {
    let row: Awaited<ReturnType<Credentials['row']>>;
    try {
      row = await this.credentials.row(ref.accountId, ref.credentialId);
    } catch (error) {
      // Deleted since the sweep found it: nothing to refresh. Anything else is a fault to hear of.
      if (error instanceof PatchbayError && error.code === 'PB_ERR_NOT_FOUND') return;
      throw error;
    }
    const connector = this.credentials.connectorOf(row);
    const [user] = await this.credentials.usage(ref.accountId, row.id);
    const install =
      user === undefined
        ? await this.installs.forCredential(ref.accountId, row, connector)
        : await this.installs.resolve(ref.accountId, user.Id);
    try {
      await this.refresher.freshFor(install, seconds);
    } catch (error) {
      if (!(error instanceof PatchbayError)) throw error;
      if (error.code === 'PB_ERR_TOKEN_REFRESH_FAILED') {
        await this.credentials.emitForUsers(this.db, row.id, 'AccountConnector.RefreshFailed', {
          Message: error.message,
          Reauthenticate: false,
        });
      }
    }
  }

  async probeOne(ref: CredentialRef): Promise<void> {
    try {
      await this.probe.probe(ref.accountId, ref.credentialId);
    } catch (error) {
      // Gone since it was found, or its connector left the catalogue: nothing to probe.
      if (!(error instanceof PatchbayError)) throw error;
    }
  }
}
