import { PatchbayError } from '../errors.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { AccountConnectors } from './account-connectors.js';
import type { Credentials } from './credentials.js';

/** Checks a credential against its connector's test method and records the outcome on the credential. */
export class CredentialProbe {
  constructor(
    private readonly credentials: Credentials,
    private readonly installs: AccountConnectors,
    private readonly runner: MethodRunner,
  ) {}

  async probe(accountId: string, id: number): Promise<{ VerifiedStatus: string; VerifiedAt: string; Message: string | null }> {
    const row = await this.credentials.row(accountId, id);
    const connector = this.credentials.connectorOf(row);
    const testMethod = connector.definition.TestMethod;
    if (testMethod === undefined) {
      throw new PatchbayError('PB_ERR_CONFLICT', `${connector.definition.Name} has no test method, so its credentials cannot be probed`);
    }
    // Probed the way an install using it calls (with that install's properties), else on its own.
    const [user] = await this.credentials.usage(accountId, id);
    const install =
      user === undefined ? await this.installs.forCredential(accountId, row, connector) : await this.installs.resolve(accountId, user.Id);
    let message: string | null = null;
    try {
      await this.runner.run(install, testMethod, {});
    } catch (error) {
      if (!(error instanceof PatchbayError)) throw error;
      message = error.message;
    }
    return { ...(await this.credentials.recordProbe(row, message === null, message)), Message: message };
  }
}
