import { parseAuthValue } from '../auth/auth-value.js';
import { clientCredentialsToken } from '../auth/client-credentials.js';
import type { OAuthClient } from '../auth/oauth-client.js';
import { keptFields, parseStoredToken, type StoredToken } from '../auth/token-set.js';
import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import { customMethods as deriveCustomMethods } from '../catalogue/custom-methods.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import { nowIso } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { Db } from '../store/database.js';
import type { AccountConnectorRow, AccountConnectorUpdate, CredentialRow } from '../store/schema.js';
import type { ConnectorSetups } from './connector-setup.js';
import { connectorView } from './connector-views.js';
import { type Credentials, sealContext } from './credentials.js';
import { toCustomCategory } from './custom-categories.js';
import type { InstallCache } from './install-cache.js';
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

type Row = AccountConnectorRow & { hint: string | null; standalone: number | null };

/** Account connectors: connectors installed into an account, with their credential and properties. */
export class AccountConnectors {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
    private readonly setups: ConnectorSetups,
    private readonly oauth: OAuthClient,
    private readonly credentials: Credentials,
    private readonly events: PartnerEvents,
  ) {}

  connector(key: string): Connector {
    const connector = this.catalogue.find(key);
    if (connector === undefined) throw notFound(`Connector '${key}' not found`);
    return connector;
  }

  async install(accountId: string, connectorKey: string, input: InstallInput) {
    const connector = this.connector(connectorKey);
    const auth = connector.definition.Auth;
    const hasAuthValue = input.AuthValue !== undefined && input.AuthValue !== '';
    if (hasAuthValue && input.CredentialId !== undefined) throw badRequest('Give either AuthValue or CredentialId, not both');
    const parsed = hasAuthValue ? parseAuthValue(auth, input.AuthValue as string) : undefined;
    const shared = input.CredentialId === undefined ? undefined : await this.sharedCredential(accountId, input.CredentialId, connector);
    // Values a shared credential carries (Caspio's subdomain and client) need not be given again.
    const carried = shared === undefined ? [] : this.credentials.openProperties(accountId, shared.properties);
    const properties = checkedProperties(await this.scope(connector), input.Properties ?? [], {
      requireAll: true,
      given: new Set(carried.map(([name]) => name)),
    });
    // A client-credentials connector authenticates at once: a refusal answers now, before anything is stored.
    const fetched =
      parsed === undefined && shared === undefined
        ? await clientCredentialsToken(
            this.oauth,
            connector,
            await this.setups.installValues(connector, [properties.map((p): [string, string] => [p.definition.Name, p.value])]),
          )
        : undefined;
    const secret = parsed ?? fetched;
    const now = nowIso();
    const id = await this.db.transaction().execute(async (trx) => {
      const credentialId =
        shared?.id ??
        (
          await trx
            .insertInto('credentials')
            .values({
              account_id: accountId,
              connector_id: connector.definition.Id,
              name: input.Name,
              description: null,
              auth_type: auth.Type,
              secret: secret ? this.box.seal(secret.secret, sealContext(accountId)) : null,
              hint: secret?.hint ?? null,
              expires_at: secret?.token?.Expires ?? null,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const authenticated = shared !== undefined ? shared.secret !== null : secret !== undefined || auth.Type === 'None';
      const installed = await trx
        .insertInto('account_connectors')
        .values({
          account_id: accountId,
          connector_id: connector.definition.Id,
          name: input.Name,
          description: input.Description ?? null,
          credential_id: credentialId,
          authenticated: authenticated ? 1 : 0,
          auth_error: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = propertyRows(properties, installed.id, (v) => this.box.seal(v, sealContext(accountId)));
      if (rows.length > 0) await trx.insertInto('account_connector_properties').values(rows).execute();
      if (authenticated && auth.Type !== 'None') {
        await this.events.emit(
          trx,
          this.event('AccountConnector.Authenticated', {
            id: installed.id,
            account_id: accountId,
            name: input.Name,
            connector_id: connector.definition.Id,
          }),
        );
      }
      return installed.id;
    });
    this.cache.forgetAccountInstalls(accountId);
    return this.get(accountId, id);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<ReturnType<AccountConnectors['view']>>> {
    const [rows, count] = await Promise.all([
      this.rows(accountId).orderBy('account_connectors.id').limit(page.pageSize).offset(offsetOf(page)).execute(),
      this.db
        .selectFrom('account_connectors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.view(r)), total: Number(count.n) };
  }

  async get(accountId: string, id: number) {
    return this.view(await this.row(accountId, id));
  }

  async update(accountId: string, id: number, input: Partial<Omit<InstallInput, 'Properties' | 'AuthenticationId'>>) {
    const row = await this.row(accountId, id);
    const connector = this.connectorOf(row);
    const parsed = input.AuthValue !== undefined ? parseAuthValue(connector.definition.Auth, input.AuthValue) : undefined;
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const changes: AccountConnectorUpdate = { updated_at: now };
      if (input.Name !== undefined) changes.name = input.Name;
      if (input.Description !== undefined) changes.description = input.Description;
      if (parsed !== undefined) {
        changes.authenticated = 1;
        changes.auth_error = null;
        const secret = {
          secret: this.box.seal(parsed.secret, sealContext(accountId)),
          hint: parsed.hint,
          expires_at: parsed.token?.Expires ?? null,
          updated_at: now,
        };
        // A shared, named credential is not changed for one install: the install gets one of its own.
        if (row.credential_id !== null && row.standalone !== 1) {
          await trx.updateTable('credentials').set(secret).where('id', '=', row.credential_id).execute();
        } else {
          const credential = await trx
            .insertInto('credentials')
            .values({
              ...secret,
              account_id: accountId,
              connector_id: connector.definition.Id,
              name: row.name,
              description: null,
              auth_type: connector.definition.Auth.Type,
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          changes.credential_id = credential.id;
        }
      }
      await trx.updateTable('account_connectors').set(changes).where('id', '=', id).execute();
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
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('account_connectors').where('id', '=', id).execute();
      // The credential made for this install alone goes with it; a named one stays.
      if (row.credential_id !== null && row.standalone !== 1) {
        const users = await trx.selectFrom('account_connectors').select('id').where('credential_id', '=', row.credential_id).execute();
        if (users.length === 0) await trx.deleteFrom('credentials').where('id', '=', row.credential_id).execute();
      }
    });
    this.cache.forget(id);
  }

  async deauthenticate(accountId: string, id: number): Promise<{ Message: string }> {
    const row = await this.row(accountId, id);
    await this.db.transaction().execute(async (trx) => {
      // A named credential others may share is let go of, not wiped.
      const detach = row.standalone === 1 ? { credential_id: null } : {};
      await trx
        .updateTable('account_connectors')
        .set({ authenticated: 0, auth_error: null, updated_at: nowIso(), ...detach })
        .where('id', '=', id)
        .execute();
      if (row.credential_id !== null && row.standalone !== 1) {
        await trx
          .updateTable('credentials')
          .set({ secret: null, hint: null, expires_at: null, updated_at: nowIso() })
          .where('id', '=', row.credential_id)
          .execute();
      }
      await this.events.emit(trx, this.event('AccountConnector.Deauthenticated', row));
    });
    this.cache.forget(id);
    return { Message: `Connector '${row.name}' successfully de-authenticated.` };
  }

  /** What an account may set on installs of this connector, given the partner's setup. */
  async scope(connector: Connector): Promise<PropertyScope> {
    return propertyScope(connector, await this.setups.askedAtInstall(connector));
  }

  /** Stores a new OAuth token for an install (the OAuth callback); an install without a credential gets its own. */
  async saveToken(install: Pick<ResolvedInstall, 'id' | 'accountId' | 'name' | 'connector'>, token: StoredToken): Promise<void> {
    const row = await this.row(install.accountId, install.id);
    let credentialId = row.credential_id;
    if (credentialId === null) {
      const now = nowIso();
      const created = await this.db
        .insertInto('credentials')
        .values({
          account_id: install.accountId,
          connector_id: install.connector.definition.Id,
          name: install.name,
          description: null,
          auth_type: install.connector.definition.Auth.Type,
          secret: null,
          hint: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      credentialId = created.id;
      await this.db.updateTable('account_connectors').set({ credential_id: credentialId }).where('id', '=', install.id).execute();
    }
    await this.credentials.saveToken(install.accountId, credentialId, token, (trx) =>
      this.events.emit(trx, this.event('AccountConnector.Authenticated', row)),
    );
    this.cache.forget(install.id);
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

  /** The runtime view used by method calls; cached, and checked against the caller's account. */
  async resolve(accountId: string, id: number): Promise<ResolvedInstall> {
    const resolved = await this.cache.get(id, () => this.load(id));
    if (resolved === undefined || resolved.accountId !== accountId) throw notFound(`Account connector ${id} not found`);
    return resolved;
  }

  /** The account's authenticated installs, resolved (from the cache when warm); installs of connectors no longer in the catalogue are left out. */
  async authenticatedInstalls(accountId: string): Promise<ResolvedInstall[]> {
    const ids = await this.cache.idsOf(accountId, async () => {
      const rows = await this.db.selectFrom('account_connectors').select('id').where('account_id', '=', accountId).orderBy('id').execute();
      return rows.map((row) => row.id);
    });
    const resolved = await Promise.all(ids.map((id) => this.resolve(accountId, id).catch(() => undefined)));
    return resolved.filter((install): install is ResolvedInstall => install?.authenticated === true);
  }

  private async load(id: number): Promise<ResolvedInstall | undefined> {
    const row = await this.db
      .selectFrom('account_connectors')
      .leftJoin('credentials', 'credentials.id', 'account_connectors.credential_id')
      .selectAll('account_connectors')
      .select(['credentials.secret', 'credentials.properties'])
      .where('account_connectors.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const connector = this.connectorOf(row);
    const props = await this.db.selectFrom('account_connector_properties').selectAll().where('account_connector_id', '=', id).execute();
    const context = sealContext(row.account_id);
    const customs = await this.db.selectFrom('custom_categories').selectAll().where('account_connector_id', '=', id).execute();
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

  /**
   * A credential as a runtime install of no account connector (id 0), so that it can be probed on its own:
   * the connector's defaults, the partner's setup and the credential's own properties are its values.
   */
  async forCredential(accountId: string, credential: CredentialRow, connector: Connector): Promise<ResolvedInstall> {
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

  /** Throws 404 unless the account connector exists in this account. */
  async row(accountId: string, id: number): Promise<Row> {
    const row = await this.rows(accountId).where('account_connectors.id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound(`Account connector ${id} not found`);
    return row;
  }

  connectorOf(row: Pick<AccountConnectorRow, 'connector_id'>): Connector {
    const connector = this.catalogue.byId(row.connector_id);
    // A connector file removed while installs of it remain: report, do not crash.
    if (connector === undefined) throw new PatchbayError('PB_ERR_CONFLICT', `Connector ${row.connector_id} is no longer in the catalogue`);
    return connector;
  }

  private rows(accountId: string) {
    return this.db
      .selectFrom('account_connectors')
      .leftJoin('credentials', 'credentials.id', 'account_connectors.credential_id')
      .selectAll('account_connectors')
      .select(['credentials.hint', 'credentials.standalone'])
      .where('account_connectors.account_id', '=', accountId);
  }

  private view(row: Row) {
    const connector = this.catalogue.byId(row.connector_id);
    return {
      Id: row.id,
      Name: row.name,
      Description: row.description,
      AuthValue: row.hint,
      Authenticated: row.authenticated === 1,
      AuthenticationError: row.auth_error,
      CredentialId: row.credential_id,
      CreatedDate: row.created_at,
      Connector: connector ? connectorView(connector) : null,
    };
  }
}
