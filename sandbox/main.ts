// Runs the simulators for manual testing and benchmarks:
//   npm run sandbox   (or: node dist/sandbox/main.js)
// Ports come from SANDBOX_PIPEDRIVE_PORT / SANDBOX_EXAMPLE_PORT / SANDBOX_CAPSULE_PORT / SANDBOX_CASPIO_PORT
// (default 0 = random).
// Prints the PATCHBAY_UPSTREAM_OVERRIDES line that points Patchbay at the simulators, and the
// OAuth test apps they accept.
import { startCapsuleSimulator } from './capsule.js';
import { startCaspioSimulator } from './caspio.js';
import { startExampleApiSimulator } from './example-api.js';
import { startPipedriveSimulator } from './pipedrive.js';

const HOST = '127.0.0.1';
const PIPEDRIVE_TOKEN = 'pipedrive-test-token';
const EXAMPLE_KEY = 'example-api-key';
const CAPSULE_APP = { clientId: 'capsule-client', clientSecret: 'capsule-secret' };
const PIPEDRIVE_APP = { clientId: 'pipedrive-client', clientSecret: 'pipedrive-secret' };
const PIPEDRIVE_API_DOMAIN = 'https://testco.pipedrive.com';
const CASPIO_SUBDOMAIN = 'demo';
const CASPIO_APP = { clientId: 'caspio-client', clientSecret: 'caspio-secret' };

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
    oauth: { clients: [PIPEDRIVE_APP], apiDomain: PIPEDRIVE_API_DOMAIN },
  });
  const example = await startExampleApiSimulator({
    host: HOST,
    port: portFromEnv('SANDBOX_EXAMPLE_PORT'),
    apiKeys: [EXAMPLE_KEY],
  });
  const capsule = await startCapsuleSimulator({
    host: HOST,
    port: portFromEnv('SANDBOX_CAPSULE_PORT'),
    clients: [CAPSULE_APP],
  });
  const caspio = await startCaspioSimulator({
    host: HOST,
    port: portFromEnv('SANDBOX_CASPIO_PORT'),
    accounts: { [CASPIO_SUBDOMAIN]: { clients: [CASPIO_APP] } },
  });

  const overrides = {
    'https://api.pipedrive.com': pipedrive.url,
    'https://oauth.pipedrive.com': pipedrive.url,
    [PIPEDRIVE_API_DOMAIN]: pipedrive.url,
    'https://api.example.com': example.url,
    'https://api.capsulecrm.com': capsule.url,
    ...caspio.overrides(),
  };
  console.log(`PATCHBAY_UPSTREAM_OVERRIDES='${JSON.stringify(overrides)}'`);
  console.log(`# Pipedrive simulator ${pipedrive.url}: api_token=${PIPEDRIVE_TOKEN}`);
  console.log(`#   OAuth app client_id=${PIPEDRIVE_APP.clientId} client_secret=${PIPEDRIVE_APP.clientSecret} (HTTP Basic)`);
  console.log(`# Example API simulator ${example.url}: X-Api-Key=${EXAMPLE_KEY}`);
  console.log(`# Capsule simulator ${capsule.url}`);
  console.log(`#   OAuth app client_id=${CAPSULE_APP.clientId} client_secret=${CAPSULE_APP.clientSecret} (form body)`);
  console.log(`# Caspio simulator ${caspio.url}/${CASPIO_SUBDOMAIN} (AccountSubdomain=${CASPIO_SUBDOMAIN})`);
  console.log(`#   client_id=${CASPIO_APP.clientId} client_secret=${CASPIO_APP.clientSecret} (form body or HTTP Basic)`);

  const stop = (): void => {
    Promise.all([pipedrive.close(), example.close(), capsule.close(), caspio.close()]).then(
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
