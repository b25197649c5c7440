import { type Migration, sql } from 'kysely';
import { withId } from './with-id.js';

/** The migrations of accounts, API clients, installs and credentials, OAuth, jobs, partner webhooks, nodes and the change feed, in order. */
export const foundationMigrations: Record<string, Migration> = {
  '0001_core': {
    async up(db) {
      await db.schema
        .createTable('api_clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('timezone', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('access_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('credentials'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('auth_type', 'text', (c) => c.notNull())
        .addColumn('secret', 'text')
        .addColumn('hint', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('account_connectors'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('connector_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('credential_id', 'integer', (c) => c.references('credentials.id').onDelete('set null'))
        .addColumn('authenticated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('auth_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('account_connectors_account').on('account_connectors').column('account_id').execute();
      await withId(db, db.schema.createTable('account_connector_properties'))
        .addColumn('account_connector_id', 'integer', (c) => c.notNull().references('account_connectors.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('account_connector_properties_name', ['account_connector_id', 'name'])
        .execute();
      await sql`CREATE INDEX access_tokens_client ON access_tokens (client_id)`.execute(db);
    },
  },
  '0002_oauth': {
    async up(db) {
      await db.schema
        .createTable('connector_setups')
        .addColumn('connector_id', 'integer', (c) => c.primaryKey())
        .addColumn('plain_values', 'text', (c) => c.notNull())
        .addColumn('sealed_values', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('signin_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('username', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oauth_sessions')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('account_connector_id', 'integer', (c) => c.notNull().references('account_connectors.id').onDelete('cascade'))
        .addColumn('code_verifier', 'text')
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('target_origin', 'text', (c) => c.notNull())
        .addColumn('callback_message', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('credentials').addColumn('expires_at', 'text').execute();
    },
  },
  '0003_credentials': {
    async up(db) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('credentials').addColumn('connector_id', 'integer').execute();
      await db.schema
        .alterTable('credentials')
        .addColumn('standalone', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('credentials').addColumn('verified_status', 'text').execute();
      await db.schema.alterTable('credentials').addColumn('verified_at', 'text').execute();
      await db.schema.alterTable('credentials').addColumn('verified_message', 'text').execute();
      await sql`UPDATE credentials SET connector_id = (SELECT MIN(a.connector_id) FROM account_connectors a WHERE a.credential_id = credentials.id)`.execute(
        db,
      );
      await db.schema.createIndex('account_connectors_credential').on('account_connectors').column('credential_id').execute();
      await db.schema.createIndex('credentials_account').on('credentials').column('account_id').execute();
    },
  },
  '0004_custom_categories': {
    async up(db) {
      await withId(db, db.schema.createTable('custom_categories'))
        .addColumn('account_connector_id', 'integer', (c) => c.notNull().references('account_connectors.id').onDelete('cascade'))
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('object_name', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('fields_refreshed_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('custom_categories_object', ['account_connector_id', 'category_id', 'object_name'])
        .execute();
    },
  },
  '0005_credential_properties': {
    async up(db) {
      await db.schema.alterTable('credentials').addColumn('properties', 'text').execute();
    },
  },
  '0006_refresh_lease': {
    async up(db) {
      await db.schema.alterTable('credentials').addColumn('refresh_owner', 'text').execute();
      await db.schema.alterTable('credentials').addColumn('refresh_lease_until', 'text').execute();
    },
  },
  '0007_jobs': {
    async up(db) {
      // The embedded job queue's table (SQLite); on PostgreSQL pg-boss keeps its own schema.
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('retry_limit', 'integer', (c) => c.notNull())
        .addColumn('retry_delay', 'integer', (c) => c.notNull())
        .addColumn('start_after', 'text', (c) => c.notNull())
        .addColumn('singleton_key', 'text')
        .addColumn('singleton_on', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('completed_at', 'text')
        .addUniqueConstraint('jobs_singleton', ['name', 'singleton_key', 'singleton_on'])
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['name', 'state', 'start_after']).execute();
    },
  },
  '0008_webhooks': {
    async up(db) {
      await withId(db, db.schema.createTable('webhooks'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('secret_hint', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('webhook_deliveries'))
        .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('last_attempt_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').column('created_at').execute();
    },
  },
  '0009_connect_sessions': {
    async up(db) {
      await db.schema
        .createTable('connect_sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0010_oauth_browser_binding': {
    async up(db) {
      await db.schema.alterTable('oauth_sessions').addColumn('browser_hash', 'text').execute();
    },
  },
  '0011_nodes': {
    async up(db) {
      await db.schema
        .createTable('nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0012_changes': {
    async up(db) {
      await withId(db, db.schema.createTable('changes'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('invalidation', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_created').on('changes').column('created_at').execute();
    },
  },
  '0013_client_secret_rotation': {
    async up(db) {
      // One column per statement: SQLite adds a single column per ALTER TABLE.
      await db.schema.alterTable('api_clients').addColumn('secret_hint', 'text').execute();
      await db.schema.alterTable('api_clients').addColumn('previous_secret_hash', 'text').execute();
      await db.schema.alterTable('api_clients').addColumn('previous_secret_expires_at', 'text').execute();
    },
  },
  '0014_credential_oauth_app': {
    async up(db) {
      // Why a credential's last authorization in the consent popup failed (its status follows from this and its token).
      await db.schema.alterTable('credentials').addColumn('authorization_error', 'text').execute();
      // An OAuth session now authorizes an install or a credential: SQLite cannot drop a NOT NULL, so the
      // table is made again and its live sessions copied across.
      await db.schema
        .createTable('oauth_sessions_next')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('account_connector_id', 'integer', (c) => c.references('account_connectors.id').onDelete('cascade'))
        .addColumn('credential_id', 'integer', (c) => c.references('credentials.id').onDelete('cascade'))
        .addColumn('code_verifier', 'text')
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('target_origin', 'text', (c) => c.notNull())
        .addColumn('callback_message', 'text')
        .addColumn('browser_hash', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      const columns = sql.raw(
        'state_hash, account_id, account_connector_id, code_verifier, redirect_uri, target_origin, callback_message, browser_hash, expires_at, used_at, created_at',
      );
      await sql`INSERT INTO oauth_sessions_next (${columns}) SELECT ${columns} FROM oauth_sessions`.execute(db);
      await db.schema.dropTable('oauth_sessions').execute();
      await db.schema.alterTable('oauth_sessions_next').renameTo('oauth_sessions').execute();
    },
  },
};
