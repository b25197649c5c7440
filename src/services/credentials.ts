import { type ParsedAuthValue, parseAuthValue } from '../auth/auth-value.js';
import { clientCredentialsToken } from '../auth/client-credentials.js';
import type { OAuthClient } from '../auth/oauth-client.js';
import type { StoredToken } from '../auth/token-set.js';
import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import { inTransaction } from '../store/commits.js';
import {
  credentialCount,
  credentialOf,
  credentialPage,
  deleteCredential,
  insertCredential,
  updateCredential,
} from '../store/credentials.js';
import type { Db } from '../store/database.js';
import { installsUsing, updateInstallsOf } from '../store/installs.js';
import type { CredentialRow } from '../store/schema.js';
import type { ConnectorSetups } from './connector-setup.js';
import { type KeyChecker, type Verification, verificationColumns } from './credential-check.js';
import {
  type CredentialInput,
  type CredentialUpdate,
  type CredentialView,
  credentialView,
  isAuthorisationCode,
  newCredentialRow,
} from './credential-shapes.js';
import type { InstallCache } from './install-cache.js';
import type { InstallWatchers } from './install-watchers.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import { type EventType, installEvent, type PartnerEvents, probeFailedEvent } from './partner-events.js';
import { checkedProperties, propertyScope } from './property-rules.js';

/** The seal context binds a secret to its account: a sealed value copied to another account will not open. */
export const sealContext = (accountId: string) => `account:${accountId}`;

/**
 * Credentials: the secret part of an account connector, named, described and reusable. Several installs
 * may share one; a new token stored for one (a refresh) is seen by all of them. An install given an
 * AuthValue makes a credential of its own, which goes when the install goes; a credential made here stays.
 *
 * The only writer of credentials: installs ask it, inside their own transaction (the `trx` argument), so
 * an install and its credential are committed together or not at all.
 */
export class Credentials {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
    private readonly setups: ConnectorSetups,
    private readonly oauth: OAuthClient,
    private readonly events: PartnerEvents,
    /** Tries keys and passwords before they are stored (bound late: see LateKeyChecker). */
    private readonly check: KeyChecker,
    private readonly clock: Clock,
    /** Told of the installs a refused refresh leaves unauthenticated (their cycles pause). */
    private readonly watchers: InstallWatchers,
  ) {}

  async create(accountId: string, input: CredentialInput) {
    const connector = this.catalogue.named(input.Connector);
    const asked = await this.setups.askedAtInstall(connector);
    const properties = checkedProperties(propertyScope(connector, asked), input.Properties ?? [], { requireAll: false });
    const own = properties.map((p): [string, string] => [p.definition.Name, p.value]);
    const row = {
      ...newCredentialRow(accountId, connector, input.Name, this.clock.nowIso()),
      standalone: 1,
      description: input.Description ?? null,
      properties: own.length > 0 ? this.seal(accountId, JSON.stringify(Object.fromEntries(own))) : null,
    };
    if (input.AuthValue === undefined && isAuthorisationCode(connector)) {
      // The app it will be authorized with is complete now, not found wanting in the popup.
      const missing = asked.find((p) => !own.some(([name]) => name === p.Name));
      if (missing !== undefined) {
        throw badRequest(`Property '${missing.Name}' (${missing.DisplayName}) is required: the connector's setup has no value for it`);
      }
      return this.view(await insertCredential(this.db, row), 0);
    }
    const parsed =
      input.AuthValue !== undefined ? parseAuthValue(connector.definition.Auth, input.AuthValue) : await this.clientToken(connector, own);
    if (parsed === undefined) throw badRequest(`AuthValue is required for a ${connector.definition.Name} credential`);
    // A key or password is tried with the provider first: a refusal answers now, before anything is stored.
    const verification = await this.check.check(accountId, connector, parsed, await this.setups.installValues(connector, [own]));
    const created = await insertCredential(this.db, {
      ...row,
      ...this.sealed(accountId, parsed, row.created_at),
      ...verificationColumns(verification),
    });
    return this.view(created, 0);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<CredentialView>> {
    const [rows, total] = await Promise.all([
      credentialPage(this.db, accountId, page.pageSize, offsetOf(page)),
      credentialCount(this.db, accountId),
    ]);
    return { items: rows.map((row) => this.view(row, Number(row.users ?? 0))), total };
  }

  async get(accountId: string, id: number) {
    const row = await this.row(accountId, id);
    return this.view(row, (await this.usage(accountId, id)).length);
  }

  /** Renames, describes, or replaces the secret; every install using it sees a new secret at once. */
  async update(accountId: string, id: number, input: CredentialUpdate) {
    const row = await this.row(accountId, id);
    const connector = this.connectorOf(row);
    const parsed = input.AuthValue === undefined ? undefined : parseAuthValue(connector.definition.Auth, input.AuthValue);
    const verification =
      parsed === undefined
        ? undefined
        : await this.check.check(
            accountId,
            connector,
            parsed,
            await this.setups.installValues(connector, [this.openProperties(accountId, row.properties)]),
          );
    const now = this.clock.nowIso();
    await inTransaction(this.db, async (trx) => {
      const changes: Partial<CredentialRow> = { updated_at: now };
      if (input.Name !== undefined) changes.name = input.Name;
      if (input.Description !== undefined) changes.description = input.Description;
      if (parsed !== undefined) {
        Object.assign(changes, this.sealed(accountId, parsed, now), verificationColumns(verification));
        await updateInstallsOf(trx, id, { authenticated: 1, auth_error: null, updated_at: now });
        await this.emitForUsers(trx, id, 'AccountConnector.Authenticated');
      }
      await updateCredential(trx, id, changes);
    });
    this.cache.forgetCredential(id);
    return this.get(accountId, id);
  }

  async delete(accountId: string, id: number): Promise<void> {
    const users = await this.usage(accountId, id);
    if (users.length > 0) {
      throw new PatchbayError(
        'PB_ERR_CONFLICT',
        `Credential ${id} is used by ${users.map((u) => `'${u.Name}' (${u.Id})`).join(', ')}; remove it from them first`,
      );
    }
    await deleteCredential(this.db, id);
  }

  /** The account connectors using a credential. */
  async usage(accountId: string, id: number) {
    await this.row(accountId, id);
    return (await installsUsing(this.db, id)).map((r) => ({ Id: r.id, Name: r.name }));
  }

  /** Makes the credential an install uses on its own (secret may come later, from an OAuth callback); returns its id. */
  async createForInstall(
    trx: Db,
    install: { accountId: string; connector: Connector; name: string },
    secret: ParsedAuthValue | undefined,
    verification?: Verification,
  ): Promise<number> {
    const now = this.clock.nowIso();
    const created = await insertCredential(trx, {
      ...newCredentialRow(install.accountId, install.connector, install.name, now),
      ...(secret === undefined ? {} : this.sealed(install.accountId, secret, now)),
      ...verificationColumns(verification),
    });
    return created.id;
  }

  /** Replaces the secret of a credential an install made for itself; what was known of the old one goes. */
  async replaceSecret(trx: Db, accountId: string, id: number, secret: ParsedAuthValue, verification?: Verification): Promise<void> {
    await updateCredential(trx, id, { ...this.sealed(accountId, secret, this.clock.nowIso()), ...verificationColumns(verification) });
  }

  /** Wipes the secret, keeping the credential (its name, its properties) for a later authentication. */
  async clearSecret(trx: Db, id: number): Promise<void> {
    await updateCredential(trx, id, {
      secret: null,
      hint: null,
      expires_at: null,
      authorization_error: null,
      updated_at: this.clock.nowIso(),
    });
  }

  /** Deletes a credential an install made for itself once no install uses it any more. */
  async deleteIfUnused(trx: Db, id: number): Promise<void> {
    if ((await installsUsing(trx, id)).length === 0) await deleteCredential(trx, id);
  }

  /**
   * Stores a new OAuth token and marks every install using the credential authenticated, in the caller's
   * transaction. The caller forgets the credential in the cache once it has committed.
   */
  async storeToken(trx: Db, accountId: string, id: number, token: StoredToken): Promise<void> {
    const now = this.clock.nowIso();
    await updateCredential(trx, id, {
      secret: this.seal(accountId, JSON.stringify(token)),
      hint: maskSecret(token.AccessToken),
      expires_at: token.Expires ?? null,
      authorization_error: null,
      updated_at: now,
    });
    await updateInstallsOf(trx, id, { authenticated: 1, auth_error: null, updated_at: now });
  }

  /**
   * The consent popup authorized a credential on its own: the token is stored, the credential counts as
   * verified (the provider just accepted its app), and every install using it is authenticated and says so.
   */
  async storeAuthorization(accountId: string, id: number, token: StoredToken): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await this.storeToken(trx, accountId, id, token);
      await updateCredential(trx, id, verificationColumns({ status: 'Verified', at: this.clock.nowIso(), message: null }));
      await this.emitForUsers(trx, id, 'AccountConnector.Authenticated');
    });
    this.cache.forgetCredential(id);
  }

  /** An authorization in the popup failed: the reason is kept; a token the credential already holds stays. */
  async storeAuthorizationFailure(id: number, reason: string): Promise<void> {
    await updateCredential(this.db, id, { authorization_error: reason, updated_at: this.clock.nowIso() });
  }

  /** The provider refused the grant for good: the installs become unauthenticated with the reason, the secret goes. */
  async storeRefusal(trx: Db, id: number, reason: string): Promise<void> {
    const now = this.clock.nowIso();
    await this.emitForUsers(trx, id, 'AccountConnector.RefreshFailed', { Message: reason, Reauthenticate: true });
    await updateInstallsOf(trx, id, { authenticated: 0, auth_error: reason, updated_at: now });
    await updateCredential(trx, id, { secret: null, hint: null, expires_at: null, authorization_error: reason, updated_at: now });
    for (const install of await installsUsing(trx, id)) await this.watchers.installGone(trx, install.account_id, install, 'refused');
  }

  /** Records the outcome of a probe; a credential that starts failing is reported (once, not at every probe). */
  async recordProbe(
    row: CredentialRow,
    verified: boolean,
    message: string | null,
  ): Promise<{ VerifiedStatus: string; VerifiedAt: string }> {
    const at = this.clock.nowIso();
    const status = verified ? 'Verified' : 'Failed';
    await inTransaction(this.db, async (trx) => {
      await updateCredential(trx, row.id, { verified_status: status, verified_at: at, verified_message: message });
      if (!verified && row.verified_status !== 'Failed') {
        await this.events.emit(trx, probeFailedEvent(row, this.connectorOf(row).definition.Name, message));
      }
    });
    return { VerifiedStatus: status, VerifiedAt: at };
  }

  /** Throws 404 unless the credential exists in this account. */
  async row(accountId: string, id: number): Promise<CredentialRow> {
    const row = await credentialOf(this.db, accountId, id);
    if (row === undefined) throw notFound(`Credential ${id} not found`);
    return row;
  }

  /** A client-credentials connector's token for these values (undefined for other connectors); a refusal throws. */
  async clientToken(connector: Connector, values: Iterable<[string, string]>): Promise<ParsedAuthValue | undefined> {
    return clientCredentialsToken(this.oauth, connector, await this.setups.installValues(connector, [values]), this.clock.now());
  }

  /** Seals a value of this account (a sensitive install property). */
  seal(accountId: string, value: string): string {
    return this.box.seal(value, sealContext(accountId));
  }

  /** The property values a credential carries, opened. */
  openProperties(accountId: string, sealed: string | null): [string, string][] {
    return sealed === null ? [] : Object.entries(JSON.parse(this.box.open(sealed, sealContext(accountId))) as Record<string, string>);
  }

  /** Reports an event for every install using the credential. */
  async emitForUsers(db: Db, id: number, type: EventType, extra: Record<string, unknown> = {}): Promise<void> {
    for (const install of await installsUsing(db, id)) {
      await this.events.emit(db, installEvent(type, install, this.catalogue.byId(install.connector_id)?.definition.Name, extra));
    }
  }

  connectorOf(row: Pick<CredentialRow, 'connector_id' | 'id'>): Connector {
    return this.catalogue.storedFor(row.connector_id, `Credential ${row.id}`);
  }

  private sealed(accountId: string, parsed: ParsedAuthValue, now: string) {
    const secret = this.seal(accountId, parsed.secret);
    return { secret, hint: parsed.hint, expires_at: parsed.token?.Expires ?? null, authorization_error: null, updated_at: now };
  }

  private view(row: CredentialRow, usedBy: number): CredentialView {
    const connector = row.connector_id === null ? undefined : this.catalogue.byId(row.connector_id);
    return credentialView(row, usedBy, connector, this.openProperties(row.account_id, row.properties));
  }
}
