import { parseAuthValue } from '../auth/auth-value.js';
import type { StoredToken } from '../auth/token-set.js';
import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import {
  deleteInstall,
  type InstallRow,
  insertInstall,
  insertProperties,
  installCount,
  installOf,
  installPage,
  installsOfConnector,
  updateInstall,
} from '../store/installs.js';
import type { AccountConnectorRow, AccountConnectorUpdate, CredentialRow } from '../store/schema.js';
import type { ConnectorSetups } from './connector-setup.js';
import { connectorView } from './connector-views.js';
import type { CredentialCheck } from './credential-check.js';
import type { Credentials } from './credentials.js';
import type { InstallCache } from './install-cache.js';
import type { InstallResolver } from './install-resolver.js';
import type { InstallWatchers } from './install-watchers.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import { installEvent, type PartnerEvents } from './partner-events.js';
import { checkedProperties, type PropertyInput, type PropertyScope, propertyRows, propertyScope } from './property-rules.js';

export interface InstallInput {
  Name: string;
  Description?: string | null;
  AuthenticationId?: string;
  AuthValue?: string;
  /** A credential of this account to use instead of an AuthValue. */
  CredentialId?: number;
  Properties?: PropertyInput[];
}

/**
 * Account connectors: connectors installed into an account, with their credential and properties. Each
 * change is one transaction, the credential's part of it asked of the credentials service.
 */
export class AccountConnectors {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly cache: InstallCache,
    private readonly setups: ConnectorSetups,
    private readonly credentials: Credentials,
    private readonly events: PartnerEvents,
    private readonly resolver: InstallResolver,
    private readonly check: CredentialCheck,
    private readonly clock: Clock,
    /** Where Patchbay is reached: the connector views carry their icon's URL. */
    private readonly publicUrl: string,
    private readonly watchers: InstallWatchers,
  ) {}

  connector(key: string): Connector {
    return this.catalogue.named(key);
  }

  /**
   * Installs a connector. `authenticateLater` (an install a template makes for its cycle): the properties
   * the account has not given yet are asked when it authenticates, and a client-credentials connector
   * without them, or refused by its provider, is installed unauthenticated instead of refused.
   */
  async install(accountId: string, connectorKey: string, input: InstallInput, options: { authenticateLater?: boolean } = {}) {
    const connector = this.catalogue.named(connectorKey);
    const auth = connector.definition.Auth;
    const hasAuthValue = input.AuthValue !== undefined && input.AuthValue !== '';
    if (hasAuthValue && input.CredentialId !== undefined) throw badRequest('Give either AuthValue or CredentialId, not both');
    const parsed = hasAuthValue ? parseAuthValue(auth, input.AuthValue as string) : undefined;
    const shared = input.CredentialId === undefined ? undefined : await this.sharedCredential(accountId, input.CredentialId, connector);
    // Values a shared credential carries (Caspio's subdomain and client) need not be given again.
    const carried = shared === undefined ? [] : this.credentials.openProperties(accountId, shared.properties);
    const scope = await this.scope(connector);
    const given = new Set([...carried.map(([name]) => name), ...(input.Properties ?? []).map((p) => p.Name)]);
    const complete = scope.required.every((p) => given.has(p.Name));
    const later = options.authenticateLater === true;
    const properties = checkedProperties(scope, input.Properties ?? [], { requireAll: !later, given });
    const own = properties.map((p): [string, string] => [p.definition.Name, p.value]);
    // A client-credentials connector authenticates at once: a refusal answers now, before anything is stored.
    const fetched = parsed === undefined && shared === undefined && complete ? await this.clientToken(connector, own, later) : undefined;
    const secret = parsed ?? fetched;
    // A key or password is tried with the provider first: a refusal answers now, before anything is stored.
    const verification =
      parsed === undefined
        ? undefined
        : await this.check.check(accountId, connector, parsed, await this.setups.installValues(connector, [own]));
    const now = this.clock.nowIso();
    const id = await inTransaction(this.db, async (trx) => {
      const credentialId =
        shared?.id ?? (await this.credentials.createForInstall(trx, { accountId, connector, name: input.Name }, secret, verification));
      const authenticated = shared !== undefined ? shared.secret !== null : secret !== undefined || auth.Type === 'None';
      const installId = await insertInstall(trx, {
        account_id: accountId,
        connector_id: connector.definition.Id,
        name: input.Name,
        description: input.Description ?? null,
        credential_id: credentialId,
        authenticated: authenticated ? 1 : 0,
        auth_error: null,
        created_at: now,
        updated_at: now,
      });
      await insertProperties(
        trx,
        propertyRows(properties, installId, (v) => this.credentials.seal(accountId, v)),
      );
      if (authenticated && auth.Type !== 'None') {
        const installed = { id: installId, account_id: accountId, name: input.Name, connector_id: connector.definition.Id };
        await this.events.emit(trx, this.event('AccountConnector.Authenticated', installed));
      }
      return installId;
    });
    this.cache.forgetAccountInstalls(accountId);
    return this.get(accountId, id);
  }

  /**
   * The install of a connector a new cycle uses, when the account has one: an authenticated one first,
   * then the oldest. Only installs of that very connector: a variant sharing its methods (`pipedrive_oauth`
   * for `pipedrive`) is another connector, with its own method GUIDs and authentication.
   */
  async reusable(accountId: string, connectorKey: string): Promise<number | undefined> {
    const connector = this.catalogue.named(connectorKey);
    return (await installsOfConnector(this.db, accountId, connector.definition.Id))[0]?.id;
  }

  async list(accountId: string, page: PageRequest): Promise<Page<ReturnType<AccountConnectors['view']>>> {
    const [rows, total] = await Promise.all([
      installPage(this.db, accountId, page.pageSize, offsetOf(page)),
      installCount(this.db, accountId),
    ]);
    return { items: rows.map((r) => this.view(r)), total };
  }

  async get(accountId: string, id: number) {
    return this.view(await this.row(accountId, id));
  }

  /** Renames, describes, or re-authenticates with a new AuthValue. */
  async update(accountId: string, id: number, input: Partial<Omit<InstallInput, 'Properties' | 'AuthenticationId'>>) {
    const row = await this.row(accountId, id);
    const connector = this.connectorOf(row);
    const parsed = input.AuthValue !== undefined ? parseAuthValue(connector.definition.Auth, input.AuthValue) : undefined;
    const verification =
      parsed === undefined ? undefined : await this.check.check(accountId, connector, parsed, (await this.resolve(accountId, id)).values);
    await inTransaction(this.db, async (trx) => {
      const changes: AccountConnectorUpdate = { updated_at: this.clock.nowIso() };
      if (input.Name !== undefined) changes.name = input.Name;
      if (input.Description !== undefined) changes.description = input.Description;
      if (parsed !== undefined) {
        changes.authenticated = 1;
        changes.auth_error = null;
        // A shared, named credential is not changed for one install: the install gets one of its own.
        if (row.credential_id !== null && row.standalone !== 1) {
          await this.credentials.replaceSecret(trx, accountId, row.credential_id, parsed, verification);
        } else {
          changes.credential_id = await this.credentials.createForInstall(
            trx,
            { accountId, connector, name: row.name },
            parsed,
            verification,
          );
        }
      }
      await updateInstall(trx, id, changes);
      if (parsed !== undefined) {
        await this.events.emit(trx, this.event('AccountConnector.Authenticated', { ...row, name: changes.name ?? row.name }));
      }
    });
    this.cache.forget(id);
    if (row.credential_id !== null) this.cache.forgetCredential(row.credential_id);
    return this.get(accountId, id);
  }

  async delete(accountId: string, id: number): Promise<void> {
    const row = await this.row(accountId, id);
    await inTransaction(this.db, async (trx) => {
      // Before the delete, which leaves its steps without a connector.
      await this.watchers.installGone(trx, accountId, row, 'deleted');
      await deleteInstall(trx, id);
      // The credential made for this install alone goes with it; a named one stays.
      if (row.credential_id !== null && row.standalone !== 1) await this.credentials.deleteIfUnused(trx, row.credential_id);
    });
    this.cache.forget(id);
  }

  async deauthenticate(accountId: string, id: number): Promise<{ Message: string }> {
    const row = await this.row(accountId, id);
    await inTransaction(this.db, async (trx) => {
      // A named credential others may share is let go of, not wiped.
      const detach = row.standalone === 1 ? { credential_id: null } : {};
      await updateInstall(trx, id, { authenticated: 0, auth_error: null, updated_at: this.clock.nowIso(), ...detach });
      if (row.credential_id !== null && row.standalone !== 1) await this.credentials.clearSecret(trx, row.credential_id);
      await this.events.emit(trx, this.event('AccountConnector.Deauthenticated', row));
      await this.watchers.installGone(trx, accountId, row, 'deauthenticated');
    });
    this.cache.forget(id);
    return { Message: `Connector '${row.name}' successfully de-authenticated.` };
  }

  private async clientToken(connector: Connector, own: [string, string][], orNone: boolean) {
    try {
      return await this.credentials.clientToken(connector, own);
    } catch (error) {
      if (orNone && error instanceof PatchbayError && error.code === 'PB_ERR_AUTHENTICATION_FAILED') return undefined;
      throw error;
    }
  }

  /** What an account may set on installs of this connector, given the partner's setup. */
  async scope(connector: Connector): Promise<PropertyScope> {
    return propertyScope(connector, await this.setups.askedAtInstall(connector));
  }

  /**
   * Stores a new OAuth token for an install (the OAuth callback), in one transaction: an install without a
   * credential gets its own, the token is stored and the authentication reported, or nothing is.
   */
  async saveToken(install: Pick<ResolvedInstall, 'id' | 'accountId' | 'name' | 'connector'>, token: StoredToken): Promise<void> {
    const row = await this.row(install.accountId, install.id);
    const credentialId = await inTransaction(this.db, async (trx) => {
      let id = row.credential_id;
      if (id === null) {
        id = await this.credentials.createForInstall(trx, install, undefined);
        await updateInstall(trx, install.id, { credential_id: id });
      }
      await this.credentials.storeToken(trx, install.accountId, id, token);
      await this.events.emit(trx, this.event('AccountConnector.Authenticated', row));
      return id;
    });
    this.cache.forgetCredential(credentialId);
    this.cache.forget(install.id);
  }

  /** The runtime view used by method calls; cached, and checked against the caller's account. */
  resolve(accountId: string, id: number): Promise<ResolvedInstall> {
    return this.resolver.resolve(accountId, id);
  }

  /** The account's authenticated installs, resolved (from the cache when warm). */
  authenticatedInstalls(accountId: string): Promise<ResolvedInstall[]> {
    return this.resolver.authenticatedInstalls(accountId);
  }

  /** A credential as a runtime install of its own, for probing it. */
  forCredential(accountId: string, credential: CredentialRow, connector: Connector): Promise<ResolvedInstall> {
    return this.resolver.forCredential(accountId, credential, connector);
  }

  /** Throws 404 unless the account connector exists in this account. */
  async row(accountId: string, id: number): Promise<InstallRow> {
    const row = await installOf(this.db, accountId, id);
    if (row === undefined) throw notFound(`Account connector ${id} not found`);
    return row;
  }

  connectorOf(row: Pick<AccountConnectorRow, 'connector_id' | 'id'>): Connector {
    return this.catalogue.storedFor(row.connector_id, `Account connector ${row.id}`);
  }

  private event(type: 'AccountConnector.Authenticated' | 'AccountConnector.Deauthenticated', row: Parameters<typeof installEvent>[1]) {
    return installEvent(type, row, this.catalogue.byId(row.connector_id)?.definition.Name);
  }

  /** A named credential of this account, for the same connector. */
  private async sharedCredential(accountId: string, id: number, connector: Connector) {
    const row = await this.credentials.row(accountId, id);
    if (row.connector_id !== connector.definition.Id) {
      throw badRequest(`Credential ${id} is for another connector, not ${connector.definition.Name}`);
    }
    return row;
  }

  private view(row: InstallRow) {
    const connector = this.catalogue.byId(row.connector_id);
    return {
      Id: row.id,
      Name: row.name,
      Description: row.description,
      AuthValue: row.hint,
      Authenticated: row.authenticated === 1,
      AuthenticationError: row.auth_error,
      VerifiedStatus: row.verified_status,
      VerifiedMessage: row.verified_message,
      CredentialId: row.credential_id,
      CreatedDate: row.created_at,
      Connector: connector ? connectorView(connector, this.publicUrl) : null,
    };
  }
}
