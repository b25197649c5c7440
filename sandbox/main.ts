// Runs both simulators for manual testing and benchmarks:
//   npm run sandbox   (or: node dist/sandbox/main.js)
// Ports come from SANDBOX_PIPEDRIVE_PORT / SANDBOX_EXAMPLE_PORT (default 0 = random).
// Prints the PATCHBAY_UPSTREAM_OVERRIDES line that points Patchbay at the simulators.
import { startExampleApiSimulator } from './example-api.js';
import { startPipedriveSimulator } from './pipedrive.js';

const HOST = '127.0.0.1';
const PIPEDRIVE_TOKEN = 'pipedrive-test-token';
const EXAMPLE_KEY = 'example-api-key';

function portFromEnv(name: string): number {
  const raw = process.env[name] ?? '0';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`${name} must be a port number 0-65535, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const pipedrive = await startPipedriveSimulator({
    host: HOST,
    port: portFromEnv('SANDBOX_PIPEDRIVE_PORT'),
    apiTokens: [PIPEDRIVE_TOKEN],
  });
  const example = await startExampleApiSimulator({
    host: HOST,
    port: portFromEnv('SANDBOX_EXAMPLE_PORT'),
    apiKeys: [EXAMPLE_KEY],
  });

  const overrides = { 'https://api.pipedrive.com': pipedrive.url, 'https://api.example.com': example.url };
  console.log(`PATCHBAY_UPSTREAM_OVERRIDES='${JSON.stringify(overrides)}'`);
  console.log(`# Pipedrive simulator ${pipedrive.url}: api_token=${PIPEDRIVE_TOKEN}`);
  console.log(`# Example API simulator ${example.url}: X-Api-Key=${EXAMPLE_KEY}`);

  const stop = (): void => {
    Promise.all([pipedrive.close(), example.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
