import { Command } from 'commander';
import { connectorJsonSchema } from './catalogue/json-schema.js';
import { loadCatalogue, readConnectorFile } from './catalogue/loader.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { templateJsonSchema } from './cycles/template-json-schema.js';
import { readTemplateFile } from './cycles/template-loader.js';
import { start } from './main.js';
import { builtInConnectorsDir } from './paths.js';
import { isSqlite } from './store/database.js';
import { fileBytes, vacuum } from './store/sqlite-space.js';

/** Runs a command that needs the store, and closes it afterwards. */
async function withContext<T>(work: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

const program = new Command('patchbay').description('Patchbay: connect third-party apps per account and call them through one API');

program
  .command('serve')
  .description('start the HTTP server')
  .action(async () => {
    const running = await start(loadConfig());
    // A background promise nobody awaits (a job library's bookkeeping, say) must not bring the node down.
    process.on('unhandledRejection', (reason) => running.ctx.logger.error({ err: reason }, 'unhandled rejection'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  });

const clients = program.command('clients').description('API clients of the partner backend');
clients
  .command('create')
  .option('--name <name>', 'a label for the client', 'API client')
  .description('create an API client and print its id and secret (shown once)')
  .action(async (options: { name: string }) => {
    const client = await withContext((ctx) => ctx.clients.create(options.name));
    console.log(`PATCHBAY_CLIENT_ID=${client.ClientId}\nPATCHBAY_CLIENT_SECRET=${client.ClientSecret}`);
  });
clients
  .command('list')
  .description('list API clients')
  .action(async () => {
    for (const c of await withContext((ctx) => ctx.clients.list())) {
      console.log(`${c.ClientId}\t${c.Name}\t${c.CreatedDate}${c.RevokedDate === null ? '' : `\trevoked ${c.RevokedDate}`}`);
    }
  });
clients
  .command('revoke <clientId>')
  .description('revoke an API client and every token it was given')
  .action(async (clientId: string) => {
    await withContext((ctx) => ctx.clients.revoke(clientId));
    console.log(`Revoked ${clientId}`);
  });
clients
  .command('rotate <clientId>')
  .description('give an API client a new secret (shown once); the old one works for PATCHBAY_CLIENT_SECRET_OVERLAP_SECONDS more')
  .action(async (clientId: string) => {
    const rotated = await withContext((ctx) => ctx.clients.rotate(clientId));
    console.log(`PATCHBAY_CLIENT_SECRET=${rotated.ClientSecret}\n# the old secret works until ${rotated.PreviousSecretValidUntil}`);
  });

const accounts = program.command('accounts').description("accounts (the partner's customers)");
accounts
  .command('create <name>')
  .option('--id <id>', 'your own id for the account')
  .option('--timezone <tz>', 'IANA time zone')
  .description('create an account')
  .action(async (name: string, options: { id?: string; timezone?: string }) => {
    const account = await withContext((ctx) => ctx.accounts.create({ Name: name, Id: options.id, Timezone: options.timezone }));
    console.log(JSON.stringify(account, null, 2));
  });
accounts
  .command('list')
  .description('list accounts')
  .action(async () => {
    const page = await withContext((ctx) => ctx.accounts.list({ page: 1, pageSize: 500 }));
    for (const a of page.items) console.log(`${a.Id}\t${a.Name}\t${a.CreatedDate}`);
  });

program
  .command('mcp-config')
  .requiredOption('--account <id>', 'the account whose connected apps the agent may use')
  .option('--client <clientId>', 'the API client the token is issued to (default: the oldest one not revoked)')
  .option('--format <format>', 'claude (also Cursor and most clients: "mcpServers") or vscode ("servers")', 'claude')
  .description("print an MCP client config for an account's /mcp endpoint, with a fresh token restricted to it (14 days)")
  .action(async (options: { account: string; client?: string; format: string }) => {
    if (options.format !== 'claude' && options.format !== 'vscode')
      throw new Error(`--format must be claude or vscode, got ${options.format}`);
    const config = await withContext(async (ctx) => {
      await ctx.accounts.get(options.account);
      const clients = (await ctx.clients.list()).filter((c) => c.RevokedDate === null);
      const client = options.client === undefined ? clients[0] : clients.find((c) => c.ClientId === options.client);
      if (client === undefined)
        throw new Error(options.client ? `No API client ${options.client} (or it is revoked)` : 'No API client: create one first');
      const { token } = await ctx.tokens.issue(client.ClientId, options.account);
      const server = { type: 'http', url: `${ctx.config.publicUrl}/mcp`, headers: { Authorization: `Bearer ${token}` } };
      const name = `patchbay-${options.account}`.replace(/[^A-Za-z0-9_-]/g, '-');
      return options.format === 'vscode' ? { servers: { [name]: server } } : { mcpServers: { [name]: server } };
    });
    console.log(JSON.stringify(config, null, 2));
  });

const connectors = program.command('connectors').description('the connector catalogue');
connectors
  .command('list')
  .description('list the connectors Patchbay loads')
  .action(async () => {
    for (const c of await withContext(async (ctx) => ctx.catalogue.all)) {
      console.log(`${c.definition.Id}\t${c.definition.Name}\t${c.definition.Auth.Type}\t${c.definition.Methods.length} methods`);
    }
  });
connectors
  .command('schema')
  .description('print the JSON Schema of connector files (connectors/connector.schema.json)')
  .action(() => {
    console.log(connectorJsonSchema());
  });
connectors
  .command('validate <files...>')
  .description('check connector files against the schema; prints every problem')
  .action((files: string[]) => {
    let failed = false;
    for (const file of files) {
      const { problems } = readConnectorFile(file);
      if (problems.length === 0) console.log(`${file}: ok`);
      for (const problem of problems) console.error(problem);
      failed ||= problems.length > 0;
    }
    process.exitCode = failed ? 1 : 0;
  });

program
  .command('db')
  .description('the store')
  .command('vacuum')
  .description(
    'rewrite the SQLite file, dropping its free pages and switching an older file to incremental auto-vacuum (run while Patchbay is stopped)',
  )
  .action(async () => {
    const done = await withContext(async (ctx) => {
      if (!isSqlite(ctx.db)) return 'nothing to do: PostgreSQL reuses the space of deleted rows itself';
      const before = await fileBytes(ctx.db);
      await vacuum(ctx.db);
      return `vacuumed: ${before} -> ${await fileBytes(ctx.db)} bytes`;
    });
    console.log(done);
  });

const templates = program.command('templates').description('the cycle templates');
templates
  .command('list')
  .description('list the cycle templates Patchbay loads')
  .action(async () => {
    for (const t of await withContext(async (ctx) => ctx.templates.all)) {
      console.log(`${t.definition.Id}\t${t.definition.Slug}\t${t.definition.Name}\t${t.definition.Steps.length} steps`);
    }
  });
templates
  .command('schema')
  .description('print the JSON Schema of cycle template files (templates/template.schema.json)')
  .action(() => {
    console.log(templateJsonSchema());
  });
templates
  .command('validate <files...>')
  .description('check template files against the schema and the connector catalogue; prints every problem')
  .action((files: string[]) => {
    const catalogue = loadCatalogue([builtInConnectorsDir, ...loadConfig().connectorDirs]);
    let failed = false;
    for (const file of files) {
      const { problems } = readTemplateFile(file, catalogue);
      if (problems.length === 0) console.log(`${file}: ok`);
      for (const problem of problems) console.error(problem);
      failed ||= problems.length > 0;
    }
    process.exitCode = failed ? 1 : 0;
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Configuration and catalogue faults are the operator's to fix: one clear message, no stack.
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(1);
});
