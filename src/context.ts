import { type Logger, pino } from 'pino';
import { OAuthClient } from './auth/oauth-client.js';
import { TokenRefresher } from './auth/token-refresher.js';
import type { Catalogue } from './catalogue/catalogue.js';
import { loadCatalogue } from './catalogue/loader.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { loadMasterKey } from './crypto/master-key.js';
import { SecretBox } from './crypto/secret-box.js';
import { CycleExecutor } from './cycles/executor.js';
import { ImmediateRuns } from './cycles/immediate-runs.js';
import { RunPlans } from './cycles/run-plan.js';
import { loadTemplates } from './cycles/template-loader.js';
import type { Templates } from './cycles/templates.js';
import { TransactionSignals } from './cycles/transaction-signals.js';
import { Egress } from './egress/egress.js';
import { loggerOptions } from './http/logging.js';
import type { JobQueue } from './jobs/job-queue.js';
import { openJobQueue } from './jobs/open-queue.js';
import { McpTools } from './mcp/mcp-tools.js';
import { McpEndpoint } from './mcp/server.js';
import { Metrics } from './metrics.js';
import { builtInConnectorsDir, builtInTemplatesDir } from './paths.js';
import { FairShare } from './runner/fair-share.js';
import { MethodRunner } from './runner/method-runner.js';
import { ProxyRunner } from './runner/proxy-runner.js';
import { AccessTokens } from './services/access-tokens.js';
import { AccountConnectors } from './services/account-connectors.js';
import { Accounts } from './services/accounts.js';
import { ApiClients } from './services/api-clients.js';
import { ConnectSessions } from './services/connect-sessions.js';
import { ConnectorProperties } from './services/connector-properties.js';
import { ConnectorSetups } from './services/connector-setup.js';
import { CredentialCheck, LateKeyChecker } from './services/credential-check.js';
import { CredentialProbe } from './services/credential-probe.js';
import { CredentialSweeps } from './services/credential-sweeps.js';
import { CredentialTokens } from './services/credential-tokens.js';
import { Credentials } from './services/credentials.js';
import { CustomCategories } from './services/custom-categories.js';
import { CycleMappings } from './services/cycle-mappings.js';
import { CyclePauses } from './services/cycle-pauses.js';
import { CyclePolls } from './services/cycle-polls.js';
import { CycleRuns } from './services/cycle-runs.js';
import { CycleSteps } from './services/cycle-steps.js';
import { Cycles } from './services/cycles.js';
import { InFlight } from './services/in-flight.js';
import { Incidents } from './services/incidents.js';
import { InstallCache } from './services/install-cache.js';
import { InstallResolver } from './services/install-resolver.js';
import { NodePresence } from './services/node-presence.js';
import { OAuthConnect } from './services/oauth-connect.js';
import { SigninTokens } from './services/signin-tokens.js';
import { StepBindings } from './services/step-bindings.js';
import { TemplateInstalls } from './services/template-installs.js';
import { Transactions } from './services/transactions.js';
import { WebhookIntake } from './services/webhook-intake.js';
import { Webhooks } from './services/webhooks.js';
import type { DatabaseOptions, Db } from './store/database.js';
import { Invalidations } from './store/invalidations.js';
import { openNodeStore, startChangeLink } from './store/open-store.js';

/** Everything the routes and the CLI use, wired once. */
export interface AppContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Business time and timers: the system clock, or a test's. */
  clock: Clock;
  db: Db;
  /** Keeps this node's caches coherent with the other nodes'. */
  bus: Invalidations;
  /** This process's identity and heartbeat: what its leases name. */
  node: NodePresence;
  /** Durable jobs: sending works at once; `startBackground` runs them on this node. */
  queue: JobQueue;
  catalogue: Catalogue;
  /** The cycle templates, checked against the catalogue. */
  templates: Templates;
  tokens: AccessTokens;
  /** The requests each API client and account has in flight on this node, and their caps. */
  inFlight: InFlight;
  clients: ApiClients;
  accounts: Accounts;
  installs: AccountConnectors;
  properties: ConnectorProperties;
  setups: ConnectorSetups;
  credentials: Credentials;
  /** The token refresher's view of credentials: tokens and refresh leases. */
  credentialTokens: CredentialTokens;
  probe: CredentialProbe;
  customCategories: CustomCategories;
  /** Cycles, their settings and activation; their steps and edges; their mappings and variables. */
  cycles: Cycles;
  /** Cycles made from templates, on the account's installs. */
  templateInstalls: TemplateInstalls;
  cycleSteps: CycleSteps;
  cycleMappings: CycleMappings;
  /** Manual runs and retries of cycles; reading their transactions; the worker that runs them. */
  cycleRuns: CycleRuns;
  transactions: Transactions;
  executor: CycleExecutor;
  /** Webhook transactions run at once on the node that received them (opened by `startBackground`). */
  immediateRuns: ImmediateRuns;
  incidents: Incidents;
  /** The polls of polling cycles: scheduled on activation, run as jobs. */
  cyclePolls: CyclePolls;
  /** Webhook deliveries that start transactions, and their synchronous answers. */
  webhookIntake: WebhookIntake;
  webhooks: Webhooks;
  sweeps: CredentialSweeps;
  mcp: McpEndpoint;
  signins: SigninTokens;
  connectPage: ConnectSessions;
  connect: OAuthConnect;
  refresher: TokenRefresher;
  runner: MethodRunner;
  proxy: ProxyRunner;
  /** The outbound fair share per account connector that the runners take turns in. */
  share: FairShare;
  egress: Egress;
  /** Egress for webhook deliveries: their own timeout, and private receivers when the partner allows them. */
  webhookEgress: Egress;
  close(): Promise<void>;
}

export interface ContextOptions extends DatabaseOptions {
  /** The clock every service keeps time by (default: the system clock); tests move a TestClock. */
  clock?: Clock;
}

/** Opens the store, loads keys and the catalogue, and builds the services. Fails fast on any of them. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const catalogue = loadCatalogue([builtInConnectorsDir, ...config.connectorDirs]);
  const templates = loadTemplates([builtInTemplatesDir, ...config.templateDirs], catalogue);
  const box = new SecretBox([loadMasterKey(config.encryptionKey, config.dataDir)]);
  const logger = pino(loggerOptions(config.logLevel, catalogue.credentialParameterNames()));
  const metrics = new Metrics();
  const db = await openNodeStore(config.databaseUrl, { ...options, sqliteSynchronous: config.sqliteSynchronous }, logger, metrics);
  // Registered before anything can take a lease, so that the leases of this host's dead runs are freed first.
  const node = new NodePresence(db, clock, (error) => logger.error({ err: error }, 'node heartbeat failed'));
  await node.start();
  const bus = new Invalidations();
  const plans = new RunPlans(db, box, bus);
  const link = await startChangeLink(db, config.databaseUrl, bus, logger);
  const queue = await openJobQueue(db, config.databaseUrl, {
    onError: (error) => logger.error({ err: error }, 'job queue error'),
    clock,
  });
  await queue.start();
  const webhookEgress = new Egress({
    overrides: new Map(),
    connectTimeoutMs: config.upstreamConnectTimeoutMs,
    responseTimeoutMs: config.webhookTimeoutMs,
    privateNetwork: config.webhookPrivateNetwork,
  });
  const webhooks = new Webhooks(
    db,
    box,
    queue,
    webhookEgress,
    {
      retryLimit: config.webhookRetries,
      retryDelaySeconds: config.webhookRetryDelaySeconds,
    },
    clock,
  );
  const ttlMs = config.cacheTtlMs === 0 ? Number.POSITIVE_INFINITY : config.cacheTtlMs;
  const cache = new InstallCache(ttlMs, bus, clock);
  const tokens = new AccessTokens(db, ttlMs, bus, clock);
  const setups = new ConnectorSetups(db, catalogue, box, cache, config.publicUrl, clock);
  const egress = new Egress({
    overrides: config.upstreamOverrides,
    connectTimeoutMs: config.upstreamConnectTimeoutMs,
    responseTimeoutMs: config.upstreamResponseTimeoutMs,
    connections: config.upstreamConnections,
  });
  const oauthClient = new OAuthClient(egress, metrics);
  // Credentials -> check -> runner -> refresher -> credential tokens -> credentials: the check is bound once built.
  const keyChecker = new LateKeyChecker();
  const pauses = new CyclePauses(clock, plans);
  const credentials = new Credentials(db, catalogue, box, cache, setups, oauthClient, webhooks, keyChecker, clock, pauses);
  const resolver = new InstallResolver(db, catalogue, box, cache, setups, credentials);
  const signins = new SigninTokens(db, clock);
  const credentialTokens = new CredentialTokens(db, box, cache, credentials, clock, node);
  const refresher = new TokenRefresher(
    credentialTokens,
    oauthClient,
    {
      marginSeconds: config.tokenRefreshMarginSeconds,
      leaseMs: config.upstreamConnectTimeoutMs + config.upstreamResponseTimeoutMs + 5000,
    },
    clock,
    node.id,
    (credentialId, ms) => logger.debug({ credentialId, storeMs: Math.round(ms * 1000) / 1000 }, 'refreshed token stored'),
  );
  const share = new FairShare(config.upstreamConcurrency);
  const runner = new MethodRunner(egress, refresher, share, { maxPages: config.maxPages, maxRetries: 2, maxRetryAfterSeconds: 10 }, clock);
  const check = new CredentialCheck(runner, clock);
  keyChecker.bind(check);
  const installs = new AccountConnectors(
    db,
    catalogue,
    cache,
    setups,
    credentials,
    webhooks,
    resolver,
    check,
    clock,
    config.publicUrl,
    pauses,
  );
  const probe = new CredentialProbe(credentials, installs, runner);
  const customCategories = new CustomCategories(db, installs, runner, cache, clock);
  const bindings = new StepBindings(db, installs, customCategories, clock);
  const cyclePolls = new CyclePolls(db, installs, runner, queue, box, clock, logger, plans, node);
  const cycles = new Cycles(db, catalogue, installs, box, clock, config.publicUrl, bindings, cyclePolls, plans, queue);
  const signals = new TransactionSignals();
  const executor = new CycleExecutor({ db, queue, runner, installs, plans, clock, logger, events: webhooks, signals, node });
  const immediateRuns = new ImmediateRuns({ db, queue, clock, logger, node, executor });
  return {
    config,
    logger,
    metrics,
    clock,
    db,
    bus,
    node,
    queue,
    catalogue,
    templates,
    tokens,
    inFlight: new InFlight({ perClient: config.maxInFlightPerClient, perAccount: config.maxInFlightPerAccount }),
    clients: new ApiClients(db, tokens, clock, config.clientSecretOverlapSeconds),
    accounts: new Accounts(db, bus, ttlMs, clock),
    installs,
    properties: new ConnectorProperties(db, installs, box, cache),
    setups,
    credentials,
    credentialTokens,
    probe,
    customCategories,
    cycles,
    templateInstalls: new TemplateInstalls(templates, installs, customCategories, cycles),
    cycleSteps: new CycleSteps(db, installs, clock, config.publicUrl),
    cycleMappings: new CycleMappings(db, installs, box, clock),
    cycleRuns: new CycleRuns(db, installs, runner, queue, plans, clock, bindings),
    transactions: new Transactions(db),
    incidents: new Incidents(db),
    executor,
    immediateRuns,
    cyclePolls,
    webhookIntake: new WebhookIntake(db, plans, queue, clock, signals, config.webhookSyncTimeoutMs, immediateRuns),
    webhooks,
    mcp: await McpEndpoint.start(new McpTools(installs, runner)),
    sweeps: new CredentialSweeps(db, catalogue, credentials, installs, refresher, probe, clock),
    signins,
    connectPage: new ConnectSessions(db, signins, installs, config.publicUrl, clock),
    connect: new OAuthConnect(
      db,
      installs,
      credentials,
      signins,
      oauthClient,
      egress,
      box,
      {
        publicUrl: config.publicUrl,
        allowedOrigins: config.allowedOrigins,
      },
      clock,
    ),
    refresher,
    runner,
    proxy: new ProxyRunner(egress, refresher, share),
    share,
    egress,
    webhookEgress,
    async close() {
      await queue.stop();
      await immediateRuns.stop();
      await link?.close();
      await Promise.all([egress.close(), webhookEgress.close()]);
      await node.stop();
      await db.destroy();
    },
  };
}
