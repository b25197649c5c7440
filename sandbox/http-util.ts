// Shared plumbing for the sandbox simulators: body reading, JSON replies, URL
// parsing, server lifecycle and scripted failures. Kept dependency-free and
// allocation-light because the simulators are benchmarked at ~10k req/s.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Bodies above this size are refused; simulators never need more. */
const MAX_BODY_BYTES = 1024 * 1024;

export type JsonObject = Record<string, unknown>;

export type BodyResult = { ok: true; value: JsonObject } | { ok: false; status: 400 | 413; reason: 'malformed' | 'too_large' };

/**
 * Reads the request body as a JSON object (or as form fields when `allowForm`
 * and the content type says so). An empty body is `{}`. Non-object JSON
 * (arrays, strings) counts as malformed: every simulated endpoint takes objects.
 */
export async function readObjectBody(req: IncomingMessage, allowForm = false): Promise<BodyResult> {
  const raw = await readRawBody(req);
  if (raw === undefined) return { ok: false, status: 413, reason: 'too_large' };
  if (allowForm && req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return { ok: true, value: value as JsonObject };
    }
  } catch {
    // fall through: malformed
  }
  return { ok: false, status: 400, reason: 'malformed' };
}

/** Resolves to the body text, or `undefined` once it exceeds MAX_BODY_BYTES. */
function readRawBody(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering; Node discards the rest once the response is sent.
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Sends a JSON reply with an exact content-length (no chunked encoding). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string | number>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export interface ParsedUrl {
  pathname: string;
  query: URLSearchParams;
}

/**
 * Splits a request target into path and query. Deliberately not `new URL()`:
 * it is slower and would read a target like `//host/x` as a different host.
 */
export function parseUrl(target: string | undefined): ParsedUrl {
  const url = target ?? '/';
  const q = url.indexOf('?');
  return q === -1
    ? { pathname: url, query: new URLSearchParams() }
    : { pathname: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

/**
 * Answers withheld on purpose: a held request is carried out at once, but its answer is sent only on
 * `release()`, so a client that dies meanwhile leaves the change done and its outcome unknown to it.
 */
export class AnswerHold {
  #pending = 0;
  #passing = 0;
  #held = 0;
  #release = () => {};
  #gate = this.#newGate();

  /** Holds the answers of the next `n` requests passed to `apply`, after letting `after` more through first. */
  holdNext(n: number, after = 0): void {
    this.#pending += n;
    this.#passing += after;
  }

  /** Requests whose answer is withheld now. */
  get held(): number {
    return this.#held;
  }

  /** Withholds this request's answer when a hold is pending: the handler writes it, the client gets it on release. */
  apply(res: ServerResponse): void {
    if (this.#pending === 0) return;
    if (this.#passing > 0) {
      this.#passing--;
      return;
    }
    this.#pending--;
    this.#held++;
    const released = this.#gate;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let head: unknown[] = [];
    res.writeHead = ((...args: unknown[]) => {
      head = args;
      return res;
    }) as ServerResponse['writeHead'];
    res.end = ((...args: unknown[]) => {
      void released.then(() => {
        this.#held--;
        if (res.destroyed) return;
        writeHead(...head);
        end(...args);
      });
      return res;
    }) as ServerResponse['end'];
  }

  /** Sends the withheld answers (to clients still there). */
  release(): void {
    this.#release();
    this.#gate = this.#newGate();
  }

  /** Forgets holds not yet applied. */
  clear(): void {
    this.#pending = 0;
    this.#passing = 0;
  }

  #newGate(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#release = resolve;
    });
  }
}

/** A queue of scripted failures, consumed one per request by `take()`. */
export interface ScriptedFailure {
  status: number;
  retryAfterSeconds: number | undefined;
}

export class FailureScript {
  #queue: { status: number; retryAfterSeconds: number | undefined; left: number }[] = [];

  /** Makes the next `n` requests fail with `status`; calls queue up in order. */
  add(n: number, status: number, retryAfterSeconds?: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`failNext: n must be a non-negative integer, got ${n}`);
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(`failNext: status must be an HTTP status code, got ${status}`);
    }
    if (retryAfterSeconds !== undefined && (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
      throw new RangeError(`failNext: retryAfterSeconds must be a non-negative integer, got ${retryAfterSeconds}`);
    }
    if (n > 0) this.#queue.push({ status, retryAfterSeconds, left: n });
  }

  /** The failure the current request must answer with, if one is scripted. */
  take(): ScriptedFailure | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    if (--head.left === 0) this.#queue.shift();
    return { status: head.status, retryAfterSeconds: head.retryAfterSeconds };
  }

  clear(): void {
    this.#queue = [];
  }
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts `handler` on host:port. Any exception or rejection in the handler
 * becomes `onError`'s reply (or a dropped socket if headers already went out),
 * so bad input can never crash the process.
 */
export async function listen(
  host: string,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  onError: (res: ServerResponse) => void,
): Promise<RunningServer> {
  const fail = (res: ServerResponse): void => {
    if (res.headersSent) res.destroy();
    else onError(res);
  };
  const listener: RequestListener = (req, res) => {
    try {
      const pending = handler(req, res);
      if (pending !== undefined) pending.catch(() => fail(res));
    } catch {
      fail(res);
    }
  };
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port: actualPort,
    url: `http://${urlHost}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // close() alone waits for idle keep-alive sockets to time out.
        server.closeAllConnections();
      }),
  };
}
