import { OAuthClient } from './auth/oauth-client.js';
import { TokenRefresher } from './auth/token-refresher.js';
import type { Catalogue } from './catalogue/catalogue.js';
import { loadCatalogue } from './catalogue/loader.js';
import type { Config } from './config.js';
import { loadMasterKey } from './crypto/master-key.js';
import { SecretBox } from './crypto/secret-box.js';
import { Egress } from './egress/egress.js';
import { builtInConnectorsDir } from './paths.js';
import { MethodRunner } from './runner/method-runner.js';
import { AccessTokens } from './services/access-tokens.js';
import { AccountConnectors } from './services/account-connectors.js';
import { Accounts } from './services/accounts.js';
import { ApiClients } from './services/api-clients.js';
import { ConnectorProperties } from './services/connector-properties.js';
import { ConnectorSetups } from './services/connector-setup.js';
import { CredentialProbe } from './services/credential-probe.js';
import { Credentials } from './services/credentials.js';
import { CustomCategories } from './services/custom-categories.js';
import { InstallCache } from './services/install-cache.js';
import { OAuthConnect } from './services/oauth-connect.js';
import { SigninTokens } from './services/signin-tokens.js';
import { type DatabaseOptions, type Db, openDatabase } from './store/database.js';

/** Everything the routes and the CLI use, wired once. */
export interface AppContext {
  config: Config;
  db: Db;
  catalogue: Catalogue;
  tokens: AccessTokens;
  clients: ApiClients;
  accounts: Accounts;
  installs: AccountConnectors;
  properties: ConnectorProperties;
  setups: ConnectorSetups;
  credentials: Credentials;
  probe: CredentialProbe;
  customCategories: CustomCategories;
  signins: SigninTokens;
  connect: OAuthConnect;
  refresher: TokenRefresher;
  runner: MethodRunner;
  egress: Egress;
  close(): Promise<void>;
}

/** Opens the store, loads keys and the catalogue, and builds the services. Fails fast on any of them. */
export async function createContext(config: Config, options: DatabaseOptions = {}): Promise<AppContext> {
  const catalogue = loadCatalogue([builtInConnectorsDir, ...config.connectorDirs]);
  const box = new SecretBox([loadMasterKey(config.encryptionKey, config.dataDir)]);
  const db = await openDatabase(config.databaseUrl, options);
  const ttlMs = config.cacheTtlMs === 0 ? Number.POSITIVE_INFINITY : config.cacheTtlMs;
  const cache = new InstallCache(ttlMs);
  const tokens = new AccessTokens(db, ttlMs);
  const setups = new ConnectorSetups(db, catalogue, box, cache, config.publicUrl);
  const egress = new Egress({
    overrides: config.upstreamOverrides,
    connectTimeoutMs: config.upstreamConnectTimeoutMs,
    responseTimeoutMs: config.upstreamResponseTimeoutMs,
  });
  const oauthClient = new OAuthClient(egress);
  const credentials = new Credentials(db, catalogue, box, cache, setups, oauthClient);
  const installs = new AccountConnectors(db, catalogue, box, cache, setups, oauthClient, credentials);
  const signins = new SigninTokens(db);
  const refresher = new TokenRefresher(credentials, oauthClient, {
    marginSeconds: config.tokenRefreshMarginSeconds,
    leaseMs: config.upstreamConnectTimeoutMs + config.upstreamResponseTimeoutMs + 5000,
  });
  const runner = new MethodRunner(egress, refresher, { maxPages: config.maxPages, maxRetries: 2, maxRetryAfterSeconds: 10 });
  return {
    config,
    db,
    catalogue,
    tokens,
    clients: new ApiClients(db, tokens),
    accounts: new Accounts(db, tokens, cache, ttlMs),
    installs,
    properties: new ConnectorProperties(db, installs, box, cache),
    setups,
    credentials,
    probe: new CredentialProbe(credentials, installs, runner),
    customCategories: new CustomCategories(db, installs, runner, cache),
    signins,
    connect: new OAuthConnect(db, installs, signins, oauthClient, egress, box, {
      publicUrl: config.publicUrl,
      allowedOrigins: config.allowedOrigins,
    }),
    refresher,
    runner,
    egress,
    async close() {
      await egress.close();
      await db.destroy();
    },
  };
}
