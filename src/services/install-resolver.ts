import { keptFields, parseStoredToken } from '../auth/token-set.js';
import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import { customMethods as deriveCustomMethods } from '../catalogue/custom-methods.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { Db } from '../store/database.js';
import { customCategoriesOf, installIds, installWithSecret, propertiesOf } from '../store/installs.js';
import type { CredentialRow } from '../store/schema.js';
import type { ConnectorSetups } from './connector-setup.js';
import { type Credentials, sealContext } from './credentials.js';
import { toCustomCategory } from './custom-categories.js';
import type { InstallCache } from './install-cache.js';

/**
 * Installs as method calls use them: the connector, the opened secret and token, and every value in its
 * layers (connector defaults, partner setup, credential, install). Cached; read-only.
 */
export class InstallResolver {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
    private readonly setups: ConnectorSetups,
    private readonly credentials: Credentials,
  ) {}

  /** The runtime view used by method calls; cached, and checked against the caller's account. */
  async resolve(accountId: string, id: number): Promise<ResolvedInstall> {
    const resolved = await this.cache.get(id, () => this.load(id));
    if (resolved === undefined || resolved.accountId !== accountId) throw notFound(`Account connector ${id} not found`);
    return resolved;
  }

  /**
   * The account's authenticated installs, resolved (from the cache when warm). Installs of connectors no
   * longer in the catalogue, or removed meanwhile, are left out; any other fault is the caller's to hear.
   */
  async authenticatedInstalls(accountId: string): Promise<ResolvedInstall[]> {
    const ids = await this.cache.idsOf(accountId, () => installIds(this.db, accountId));
    const resolved = await Promise.all(
      ids.map((id) =>
        this.resolve(accountId, id).catch((error: unknown) => {
          if (error instanceof PatchbayError && (error.code === 'PB_ERR_CONFLICT' || error.code === 'PB_ERR_NOT_FOUND')) return undefined;
          throw error;
        }),
      ),
    );
    return resolved.filter((install): install is ResolvedInstall => install?.authenticated === true);
  }

  /**
   * A credential as a runtime install of no account connector (id 0), so that it can be probed on its own:
   * the connector's defaults, the partner's setup and the credential's own properties are its values.
   */
  forCredential(accountId: string, credential: CredentialRow, connector: Connector): Promise<ResolvedInstall> {
    return this.resolved(
      {
        id: 0,
        accountId,
        name: credential.name,
        connector,
        authenticated: credential.secret !== null,
        authError: null,
        customMethods: new Map(),
        customObjects: new Map(),
      },
      credential.id,
      credential.secret,
      [this.credentials.openProperties(accountId, credential.properties)],
    );
  }

  private async load(id: number): Promise<ResolvedInstall | undefined> {
    const row = await installWithSecret(this.db, id);
    if (row === undefined) return undefined;
    const connector = this.catalogue.storedFor(row.connector_id, `Account connector ${id}`);
    const [props, customs] = await Promise.all([propertiesOf(this.db, id), customCategoriesOf(this.db, id)]);
    const context = sealContext(row.account_id);
    const customMethods = new Map<string, MethodDefinition>();
    for (const custom of customs) {
      for (const method of deriveCustomMethods(connector, toCustomCategory(custom))) {
        customMethods.set(method.Id, method);
        customMethods.set(method.MethodUniqueIdentifier.toLowerCase(), method);
      }
    }
    return this.resolved(
      {
        id,
        accountId: row.account_id,
        name: row.name,
        connector,
        authenticated: row.authenticated === 1,
        authError: row.auth_error,
        customMethods,
        customObjects: new Map(customs.map((custom) => [custom.id, custom.object_name])),
      },
      row.credential_id,
      row.secret,
      [
        this.credentials.openProperties(row.account_id, row.properties),
        props.map((p): [string, string] => [p.name, p.sensitive ? this.box.open(p.value, context) : p.value]),
      ],
    );
  }

  private async resolved(
    base: Omit<ResolvedInstall, 'credentialId' | 'secret' | 'token' | 'values'>,
    credentialId: number | null,
    sealedSecret: string | null,
    own: Iterable<[string, string]>[],
  ): Promise<ResolvedInstall> {
    const values = await this.setups.installValues(base.connector, own);
    const secret = sealedSecret ? this.box.open(sealedSecret, sealContext(base.accountId)) : null;
    const auth = base.connector.definition.Auth;
    const token = secret !== null && auth.Type === 'OAuth2' ? parseStoredToken(secret) : null;
    for (const [name, value] of keptFields(auth, token)) values.set(name, value);
    return { ...base, credentialId, secret, token, values };
  }
}
