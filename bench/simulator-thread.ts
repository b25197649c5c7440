import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { startPipedriveSimulator } from '../sandbox/pipedrive.js';

/**
 * Runs a benchmark with the Pipedrive simulator on a worker thread of its own, so the load generator on
 * the main thread does not share a thread with it. `moduleUrl` is the benchmark's own module: the worker
 * loads it again and, off the main thread, this only starts the simulator.
 */
export async function withSimulatorThread(moduleUrl: string, apiToken: string, run: (simulator: string) => Promise<void>): Promise<void> {
  if (!isMainThread) {
    const simulator = await startPipedriveSimulator({ apiTokens: [apiToken] });
    parentPort?.postMessage({ url: simulator.url });
    return;
  }
  const worker = new Worker(fileURLToPath(moduleUrl));
  const simulator = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { url: string }) => resolve(message.url));
    worker.once('error', reject);
  });
  try {
    await run(simulator);
  } catch (error) {
    console.error('Benchmark setup failed:', error);
    process.exitCode = 1;
  } finally {
    await worker.terminate();
  }
}

/** The JSON body of a 2xx answer; anything else stops the run, naming the request. */
export async function ok(reply: Response, what: string): Promise<Record<string, unknown>> {
  if (!reply.ok) throw new Error(`${what} answered ${reply.status}: ${await reply.text()}`);
  return (await reply.json()) as Record<string, unknown>;
}
