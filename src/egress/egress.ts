import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { Agent, type Dispatcher, errors } from 'undici';
import { PatchbayError } from '../errors.js';
import { isPublicAddress } from './url-policy.js';

export interface EgressOptions {
  /** Real origin -> local base URL (PATCHBAY_UPSTREAM_OVERRIDES). */
  overrides: ReadonlyMap<string, string>;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Pooled connections per origin (256 when not given). */
  connections?: number;
  /**
   * Lets requests go to plain http and to loopback, private and link-local addresses. For destinations
   * the partner names for itself on its own network (webhook receivers), never for third parties.
   */
  privateNetwork?: boolean;
}

export interface OutboundRequest {
  method: Dispatcher.HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer | Readable | null;
  /** Aborted when nobody waits for the answer any more: the request is cancelled and its connection closed. */
  signal?: AbortSignal | undefined;
}

/** A third party's answer: its body read whole, or as a stream (see `Egress.request`). */
export interface UpstreamAnswer<Body extends Buffer | Readable = Buffer | Readable> {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Body;
}

/** A third party's answer read whole. */
export type WholeResponse = UpstreamAnswer<Buffer>;

export interface FetchInit {
  method?: string;
  headers?: HeadersInit;
  body?: unknown;
}

/** Where one request really goes. */
interface Route {
  origin: string;
  /** Path and query. */
  path: string;
  overridden: boolean;
}

/**
 * All outbound HTTP goes through here: one pooled keep-alive agent, timeouts, the upstream
 * overrides, and the URL policy. Callers hand over the connector's real URL; this module decides
 * where the request really goes.
 */
export class Egress {
  /** For third parties: every name is resolved through the URL policy. */
  private readonly guarded: Agent;
  /** For origins PATCHBAY_UPSTREAM_OVERRIDES points somewhere on purpose (often a local simulator). */
  private readonly overridden: Agent;
  /** The overrides parsed once: real origin -> the local origin and the path prefix it adds. */
  private readonly overrides = new Map<string, { origin: string; prefix: string }>();
  private readonly privateNetwork: boolean;

  constructor(options: EgressOptions) {
    this.privateNetwork = options.privateNetwork === true;
    const agentOptions = {
      headersTimeout: options.responseTimeoutMs,
      bodyTimeout: options.responseTimeoutMs,
      keepAliveTimeout: 10_000,
      connections: options.connections ?? 256,
    };
    const connect = { timeout: options.connectTimeoutMs };
    this.guarded = new Agent({ ...agentOptions, connect: this.privateNetwork ? connect : { ...connect, lookup: publicOnlyLookup } });
    this.overridden = new Agent({ ...agentOptions, connect: { timeout: options.connectTimeoutMs } });
    for (const [origin, base] of options.overrides) {
      const local = new URL(base);
      this.overrides.set(origin, { origin: local.origin, prefix: local.pathname.replace(/\/$/, '') });
    }
  }

  /** Where a request for `url` really goes, or a refusal. */
  target(url: URL): URL {
    const route = this.route(url);
    return new URL(`${route.origin}${route.path}`);
  }

  private route(url: URL): Route {
    const override = this.overrides.get(url.origin);
    if (override !== undefined)
      return { origin: override.origin, path: `${override.prefix}${url.pathname}${url.search}`, overridden: true };
    if (this.privateNetwork) return { origin: url.origin, path: `${url.pathname}${url.search}`, overridden: false };
    if (url.protocol !== 'https:') throw new PatchbayError('PB_ERR_URL_REFUSED', `Outbound requests must use https (${url.origin})`);
    // An address literal is never looked up, so it is judged here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0 && !isPublicAddress(literal)) throw refusedAddress(url.host);
    return { origin: url.origin, path: `${url.pathname}${url.search}`, overridden: false };
  }

  /**
   * Sends a request. An answer of known length up to `wholeUpTo` bytes comes back read whole, ready to
   * send on in one write; a longer one, or one of unknown length, as a stream. Either way undici hands
   * over the chunks directly, with no intermediate stream for the answers read whole.
   */
  async request(request: OutboundRequest, wholeUpTo: number): Promise<UpstreamAnswer> {
    const route = this.route(request.url);
    try {
      request.signal?.throwIfAborted();
      return await new Promise<UpstreamAnswer>((resolve, reject) => {
        this.dispatcher(route).dispatch(dispatchOptions(route, request), new AnswerHandler(wholeUpTo, resolve, reject, request.signal));
      });
    } catch (error) {
      throw outboundError(error, request.url);
    }
  }

  /** Sends a request and reads the answer whole, for callers that use all of it (method calls, token requests). */
  requestWhole(request: OutboundRequest): Promise<WholeResponse> {
    return this.request(request, Number.POSITIVE_INFINITY) as Promise<WholeResponse>;
  }

  private dispatcher(route: Route): Agent {
    return route.overridden ? this.overridden : this.guarded;
  }

  /**
   * A `fetch` for libraries that speak in Request/Response (the OAuth client): same agent, overrides
   * and policy. Bodies here are small form posts and JSON answers, so the answer is read whole.
   */
  readonly fetch = async (url: string, init: FetchInit = {}): Promise<Response> => {
    const response = await this.requestWhole({
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      url: new URL(url),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body === undefined || init.body === null ? null : String(init.body),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    const empty = response.statusCode === 204 || response.statusCode === 205 || response.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(response.body), { status: response.statusCode, headers });
  };

  async close(): Promise<void> {
    await Promise.all([this.guarded.close(), this.overridden.close()]);
  }
}

const dispatchOptions = (route: Route, request: OutboundRequest): Dispatcher.DispatchOptions => ({
  origin: route.origin,
  path: route.path,
  method: request.method,
  headers: request.headers,
  body: request.body ?? null,
});

/**
 * Receives one answer: gathers the chunks of one to be read whole and settles when it ends, or settles
 * at its headers with a stream that the chunks are pushed into, pausing the transfer while the reader
 * lags and stopping it if the reader goes away. An aborted signal cancels the request wherever it is:
 * still queued for a connection (settled at once, and never sent), sent, or answering.
 */
class AnswerHandler implements Dispatcher.DispatchHandler {
  private statusCode = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private stream: Readable | undefined;
  private ended = false;
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly wholeUpTo: number,
    private readonly resolve: (answer: UpstreamAnswer) => void,
    private readonly reject: (error: Error) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.cancel, { once: true });
  }

  private readonly cancel = () => {
    const reason = (this.signal as AbortSignal).reason as Error;
    // Not yet on a connection: undici has no way to drop it from its queue but to abort it once it gets one.
    if (this.controller === undefined) this.reject(reason);
    else this.controller.abort(reason);
  };

  private settled(): void {
    this.ended = true;
    this.signal?.removeEventListener('abort', this.cancel);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.signal?.aborted) controller.abort(this.signal.reason);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // An informational (1xx) answer comes before the real one.
    if (statusCode < 200) return;
    this.statusCode = statusCode;
    this.headers = headers;
    if (this.wholeUpTo === Number.POSITIVE_INFINITY || Number(headers['content-length']) <= this.wholeUpTo) return;
    this.stream = new Readable({
      read: () => controller.resume(),
      destroy: (error, callback) => {
        if (!this.ended) controller.abort(error ?? new Error('The answer was not read to its end'));
        callback(error);
      },
    });
    this.resolve({ statusCode, headers, body: this.stream });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.stream === undefined) this.chunks.push(chunk);
    else if (!this.stream.push(chunk)) controller.pause();
  }

  onResponseEnd(): void {
    this.settled();
    if (this.stream !== undefined) {
      this.stream.push(null);
      return;
    }
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settled();
    const stream = this.stream;
    if (stream === undefined) this.reject(error);
    // After a microtask, so that a reader handed the stream in this same turn is listening when it errors.
    else queueMicrotask(() => stream.destroy(error));
  }
}

const REFUSED = 'PB_ADDRESS_REFUSED';

const refusedAddress = (host: string) =>
  new PatchbayError(
    'PB_ERR_URL_REFUSED',
    `${host} leads to a loopback, private, link-local or metadata address; outbound requests may not go there`,
  );

/**
 * DNS lookup for outbound connections that refuses names resolving to internal addresses. The socket
 * connects to the very address checked here, so a second, different DNS answer cannot slip through.
 */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => !isPublicAddress(a.address))) {
      const refusal = Object.assign(new Error(`${hostname} resolves to an internal address`), { code: REFUSED });
      return callback(refusal, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** What a failed outbound request, or an answer that broke off before it was handed over, means to the caller. */
function outboundError(error: unknown, url: URL): PatchbayError {
  // A request body that failed on our side (one over its size limit) says so itself.
  if (error instanceof PatchbayError) return error;
  if ((error as { code?: string }).code === REFUSED) return refusedAddress(url.host);
  if (
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return new PatchbayError('PB_ERR_UPSTREAM_TIMEOUT', `${url.host} did not answer in time`);
  }
  const code = (error as { code?: string }).code ?? 'error';
  return new PatchbayError('PB_ERR_UPSTREAM_UNREACHABLE', `${url.host} could not be reached (${code})`);
}
