import type { Kysely, Transaction } from 'kysely';
import { parseAuthValue } from '../auth/auth-value.js';
import { clientCredentialsToken } from '../auth/client-credentials.js';
import type { OAuthClient } from '../auth/oauth-client.js';
import { parseStoredToken, type StoredToken } from '../auth/token-set.js';
import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import { nowIso } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { CredentialRow, Database } from '../store/schema.js';
import type { ConnectorSetups } from './connector-setup.js';
import type { InstallCache } from './install-cache.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import { type EventType, installEvent, type PartnerEvents } from './partner-events.js';
import { checkedProperties, type PropertyInput, propertyScope } from './property-rules.js';

/** The seal context binds a secret to its account: a sealed value copied to another account will not open. */
export const sealContext = (accountId: string) => `account:${accountId}`;

export interface CredentialInput {
  Name: string;
  Description?: string | null;
  /** The connector (Id or Name) whose authentication this is. */
  Connector: string;
  /** The secret, as at install; a client-credentials connector gets its token from Properties instead. */
  AuthValue?: string;
  /** Property values that belong to the authentication (a client-credentials connector's subdomain and client). */
  Properties?: PropertyInput[];
}

export interface CredentialUpdate {
  Name?: string;
  Description?: string | null;
  AuthValue?: string;
}

/**
 * Credentials: the secret part of an account connector, named, described and reusable. Several installs
 * may share one; a new token stored for one (a refresh) is seen by all of them. An install given an
 * AuthValue makes a credential of its own, which goes when the install goes; a credential made here stays.
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
  ) {}

  async create(accountId: string, input: CredentialInput) {
    const connector = this.connector(input.Connector);
    const properties = checkedProperties(propertyScope(connector, await this.setups.askedAtInstall(connector)), input.Properties ?? [], {
      requireAll: false,
    });
    const own = properties.map((p): [string, string] => [p.definition.Name, p.value]);
    const parsed =
      input.AuthValue !== undefined
        ? parseAuthValue(connector.definition.Auth, input.AuthValue)
        : await clientCredentialsToken(this.oauth, connector, await this.setups.installValues(connector, [own]));
    if (parsed === undefined) throw badRequest(`AuthValue is required for a ${connector.definition.Name} credential`);
    const now = nowIso();
    const created = await this.db
      .insertInto('credentials')
      .values({
        account_id: accountId,
        connector_id: connector.definition.Id,
        standalone: 1,
        name: input.Name,
        description: input.Description ?? null,
        auth_type: connector.definition.Auth.Type,
        secret: this.box.seal(parsed.secret, sealContext(accountId)),
        hint: parsed.hint,
        expires_at: parsed.token?.Expires ?? null,
        properties: own.length > 0 ? this.box.seal(JSON.stringify(Object.fromEntries(own)), sealContext(accountId)) : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.view(created, 0);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<ReturnType<Credentials['view']>>> {
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('credentials')
        .selectAll('credentials')
        .select((eb) =>
          eb
            .selectFrom('account_connectors')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('account_connectors.credential_id', '=', 'credentials.id')
            .as('users'),
        )
        .where('account_id', '=', accountId)
        .orderBy('id')
        .limit(page.pageSize)
        .offset(offsetOf(page))
        .execute(),
      this.db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((row) => this.view(row, Number(row.users ?? 0))), total: Number(count.n) };
  }

  async get(accountId: string, id: number) {
    const row = await this.row(accountId, id);
    return this.view(row, (await this.users(id)).length);
  }

  /** Renames, describes, or replaces the secret; every install using it sees a new secret at once. */
  async update(accountId: string, id: number, input: CredentialUpdate) {
    const row = await this.row(accountId, id);
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const changes: Partial<CredentialRow> = { updated_at: now };
      if (input.Name !== undefined) changes.name = input.Name;
      if (input.Description !== undefined) changes.description = input.Description;
      if (input.AuthValue !== undefined) {
        const parsed = parseAuthValue(this.connectorOf(row).definition.Auth, input.AuthValue);
        Object.assign(changes, {
          secret: this.box.seal(parsed.secret, sealContext(accountId)),
          hint: parsed.hint,
          expires_at: parsed.token?.Expires ?? null,
          verified_status: null,
          verified_at: null,
          verified_message: null,
        });
        await trx
          .updateTable('account_connectors')
          .set({ authenticated: 1, auth_error: null, updated_at: now })
          .where('credential_id', '=', id)
          .execute();
        await this.emitForUsers(trx, id, 'AccountConnector.Authenticated');
      }
      await trx.updateTable('credentials').set(changes).where('id', '=', id).execute();
    });
    this.cache.forgetCredential(id);
    return this.get(accountId, id);
  }

  async delete(accountId: string, id: number): Promise<void> {
    await this.row(accountId, id);
    const users = await this.users(id);
    if (users.length > 0) {
      throw new PatchbayError(
        'PB_ERR_CONFLICT',
        `Credential ${id} is used by ${users.map((u) => `'${u.Name}' (${u.Id})`).join(', ')}; remove it from them first`,
      );
    }
    await this.db.deleteFrom('credentials').where('id', '=', id).execute();
  }

  /** The account connectors using a credential. */
  async usage(accountId: string, id: number) {
    await this.row(accountId, id);
    return this.users(id);
  }

  /** Records the outcome of a probe; a credential that starts failing is reported (once, not at every probe). */
  async recordProbe(
    row: CredentialRow,
    verified: boolean,
    message: string | null,
  ): Promise<{ VerifiedStatus: string; VerifiedAt: string }> {
    const at = nowIso();
    const status = verified ? 'Verified' : 'Failed';
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('credentials')
        .set({ verified_status: status, verified_at: at, verified_message: message })
        .where('id', '=', row.id)
        .execute();
      if (!verified && row.verified_status !== 'Failed') {
        await this.events.emit(trx, {
          type: 'Credential.ProbeFailed',
          accountId: row.account_id,
          data: {
            CredentialId: row.id,
            Name: row.name,
            ConnectorId: row.connector_id,
            ConnectorName: this.connectorOf(row).definition.Name,
            Message: message,
          },
        });
      }
    });
    return { VerifiedStatus: status, VerifiedAt: at };
  }

  /** Throws 404 unless the credential exists in this account. */
  async row(accountId: string, id: number): Promise<CredentialRow> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (row === undefined) throw notFound(`Credential ${id} not found`);
    return row;
  }

  /** The property values a credential carries, opened. */
  openProperties(accountId: string, sealed: string | null): [string, string][] {
    return sealed === null ? [] : Object.entries(JSON.parse(this.box.open(sealed, sealContext(accountId))) as Record<string, string>);
  }

  /** The stored token of an OAuth credential, opened; null when it holds none. */
  async token(accountId: string, id: number): Promise<StoredToken | null> {
    const row = await this.db
      .selectFrom('credentials')
      .select('secret')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.secret ? parseStoredToken(this.box.open(row.secret, sealContext(accountId))) : null;
  }

  /**
   * Stores a new OAuth token, in one transaction and before anyone uses it (a rotated refresh token must be
   * saved before the old one is forgotten), and marks every install using the credential authenticated.
   */
  async saveToken(
    accountId: string,
    id: number,
    token: StoredToken,
    /** More to do in the same transaction (reporting a new authentication). */
    within?: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<void> {
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('credentials')
        .set({
          secret: this.box.seal(JSON.stringify(token), sealContext(accountId)),
          hint: maskSecret(token.AccessToken),
          expires_at: token.Expires ?? null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('account_connectors')
        .set({ authenticated: 1, auth_error: null, updated_at: now })
        .where('credential_id', '=', id)
        .execute();
      await within?.(trx);
    });
    this.cache.forgetCredential(id);
  }

  /**
   * Claims the right to refresh this credential's token for `leaseMs`, unless another node holds an unexpired
   * claim. One conditional update decides, so exactly one node wins; a node that died holding it is
   * overtaken when its lease lapses.
   */
  async claimRefresh(id: number, owner: string, leaseMs: number): Promise<boolean> {
    const now = nowIso();
    const claimed = await this.db
      .updateTable('credentials')
      .set({ refresh_owner: owner, refresh_lease_until: new Date(Date.now() + leaseMs).toISOString() })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
      .returning('id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  async releaseRefresh(id: number, owner: string): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ refresh_owner: null, refresh_lease_until: null })
      .where('id', '=', id)
      .where('refresh_owner', '=', owner)
      .execute();
  }

  /** The provider refused the credential for good (e.g. invalid_grant): its installs become unauthenticated, with the reason. */
  async markRefused(id: number, reason: string): Promise<void> {
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await this.emitForUsers(trx, id, 'AccountConnector.RefreshFailed', { Message: reason, Reauthenticate: true });
      await trx
        .updateTable('account_connectors')
        .set({ authenticated: 0, auth_error: reason, updated_at: now })
        .where('credential_id', '=', id)
        .execute();
      await trx
        .updateTable('credentials')
        .set({ secret: null, hint: null, expires_at: null, updated_at: now })
        .where('id', '=', id)
        .execute();
    });
    this.cache.forgetCredential(id);
  }

  /** Reports an event for every install using the credential. */
  async emitForUsers(db: Kysely<Database>, id: number, type: EventType, extra: Record<string, unknown> = {}): Promise<void> {
    const installs = await db
      .selectFrom('account_connectors')
      .select(['id', 'account_id', 'name', 'connector_id'])
      .where('credential_id', '=', id)
      .orderBy('id')
      .execute();
    for (const install of installs) {
      await this.events.emit(db, installEvent(type, install, this.catalogue.byId(install.connector_id)?.definition.Name, extra));
    }
  }

  private async users(id: number) {
    const rows = await this.db
      .selectFrom('account_connectors')
      .select(['id', 'name'])
      .where('credential_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ Id: r.id, Name: r.name }));
  }

  connectorOf(row: Pick<CredentialRow, 'connector_id' | 'id'>): Connector {
    const connector = row.connector_id === null ? undefined : this.catalogue.byId(row.connector_id);
    if (connector === undefined)
      throw new PatchbayError('PB_ERR_CONFLICT', `Credential ${row.id} belongs to no connector in the catalogue`);
    return connector;
  }

  private connector(key: string): Connector {
    const connector = this.catalogue.find(key);
    if (connector === undefined) throw badRequest(`Connector '${key}' not found`);
    return connector;
  }

  private view(row: CredentialRow, usedBy: number) {
    const connector = row.connector_id === null ? undefined : this.catalogue.byId(row.connector_id);
    const definitions = [...(connector?.definition.PartnerProperties ?? []), ...(connector?.definition.AccountProperties ?? [])];
    return {
      Id: row.id,
      Name: row.name,
      Description: row.description,
      ConnectorId: row.connector_id,
      ConnectorName: connector?.definition.Name ?? null,
      AuthType: row.auth_type,
      // Never the secret: a masked hint only.
      AuthValue: row.hint,
      Properties: this.openProperties(row.account_id, row.properties).map(([Name, Value]) => ({
        Name,
        Value: definitions.find((p) => p.Name === Name)?.Sensitive ? maskSecret(Value) : Value,
      })),
      Standalone: row.standalone === 1,
      UsageCount: usedBy,
      VerifiedStatus: row.verified_status,
      VerifiedAt: row.verified_at,
      VerifiedMessage: row.verified_message,
      CreatedDate: row.created_at,
      UpdatedDate: row.updated_at,
    };
  }
}
