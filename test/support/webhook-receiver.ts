import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's webhook endpoint: records every POST and answers with the statuses it is told to. */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The next answers, in order; once used up, 200. */
  answer(...statuses: number[]): void;
  /** Waits for the n-th request (1-based) and returns it. */
  nth(n: number, withinMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const queued: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = queued.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (...statuses) => queued.push(...statuses),
    async nth(n, withinMs = 10_000) {
      const started = Date.now();
      while (received.length < n) {
        if (Date.now() - started > withinMs) throw new Error(`request ${n} did not arrive within ${withinMs} ms (got ${received.length})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received[n - 1] as Received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
