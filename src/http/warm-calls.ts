import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { UpstreamAnswer } from '../egress/egress.js';
import { PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { type WarmCaller, warmCaller } from './auth.js';
import { parseQuery, queryCallOptions } from './call-options.js';
import { INTERNAL_ERROR, patchbayErrorReply } from './error-handler.js';
import { answerHeaders, forwardProxied } from './proxied-call.js';
import { MAX_ID } from './schemas.js';

const PREFIX = '/v1.0/account/connectors/';
/** What the routes' `IdParam` accepts, written the one way it is written canonically. */
const ID = /^[1-9]\d{0,9}$/;
/** A method name the router would pass on unchanged: nothing it decodes, splits or trims. */
const METHOD = /^[^/%;#]{1,100}$/;
const JSON_TYPE = 'application/json; charset=utf-8';
/** Logger levels at which each request is logged, as the routes log it. */
const LOGS_REQUESTS = new Set(['trace', 'debug', 'info']);

export interface WarmCallOptions {
  /** The server's logger: warm calls log the same request lines as the routes. */
  logger: FastifyBaseLogger;
  /** The request id for a request, from its `X-Request-Id` header when that is usable. */
  requestId(given: string | string[] | undefined): string;
}

/** Answers a request and returns true, or returns false without touching it. */
export type WarmCalls = ((request: IncomingMessage, response: ServerResponse) => boolean) & { stop(): void };

type Call = { kind: 'method'; id: number; method: string; query: Record<string, string> } | { kind: 'proxy'; id: number };

/**
 * Warm calls: GET method calls and GET raw-proxy calls whose token, account and install are all in the
 * in-memory caches are answered straight from the HTTP server, without the framework's per-request work
 * (routing, hooks, schema validation, the reply pipeline): these are the calls partners make most, and
 * where that work shows most. They run the same services as the routes and answer with the same status,
 * headers, body and log lines. Anything else (another HTTP method, a URL the routes would decode or
 * reject, a cold cache, a caller the check refuses) is left untouched for the routes to answer.
 */
export function warmCalls(ctx: AppContext, options: WarmCallOptions): WarmCalls {
  let stopped = false;
  const handle = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (stopped || request.method !== 'GET') return false;
    const call = parseCall(request.url ?? '');
    if (call === undefined) return false;
    let caller: WarmCaller | undefined;
    try {
      caller = warmCaller(ctx, request.headers);
    } catch {
      return false;
    }
    const install = caller === undefined ? undefined : ctx.installs.cached(caller.accountId, call.id);
    if (install === undefined) return false;
    ctx.metrics.inc('patchbay_warm_calls_total');
    answer(ctx, options, install, call, request, response);
    return true;
  };
  return Object.assign(handle, {
    stop() {
      stopped = true;
    },
  });
}

/** The call a URL makes, when it is one warm calls take. */
function parseCall(url: string): Call | undefined {
  if (!url.startsWith(PREFIX) || url.includes('#') || url.includes(';')) return undefined;
  const idEnd = url.indexOf('/', PREFIX.length);
  if (idEnd === -1) return undefined;
  const idText = url.slice(PREFIX.length, idEnd);
  if (!ID.test(idText)) return undefined;
  const id = Number(idText);
  if (id > MAX_ID) return undefined;
  const rest = url.slice(idEnd + 1);
  if (rest.startsWith('proxy/')) return { kind: 'proxy', id };
  if (!rest.startsWith('methods/')) return undefined;
  const queryAt = rest.indexOf('?');
  const method = rest.slice('methods/'.length, queryAt === -1 ? undefined : queryAt);
  if (!METHOD.test(method)) return undefined;
  const query = parseQuery(queryAt === -1 ? '' : rest.slice(queryAt + 1));
  for (const name in query) if (typeof query[name] !== 'string') return undefined;
  return { kind: 'method', id, method, query: query as Record<string, string> };
}

function answer(
  ctx: AppContext,
  options: WarmCallOptions,
  install: ResolvedInstall,
  call: Call,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const started = performance.now();
  const requestId = options.requestId(request.headers['x-request-id']);
  let log: FastifyBaseLogger | undefined;
  const logger = () => {
    log ??= options.logger.child({ reqId: requestId });
    return log;
  };
  if (LOGS_REQUESTS.has(options.logger.level)) {
    logger().info({ req: { method: request.method, url: request.url, ip: request.socket.remoteAddress } }, 'incoming request');
    response.once('finish', () =>
      logger().info({ res: { statusCode: response.statusCode }, responseTime: performance.now() - started }, 'request completed'),
    );
  }
  const done =
    call.kind === 'method'
      ? ctx.runner.run(install, call.method, queryCallOptions(call.query)).then((result) => {
          const headers: OutgoingHttpHeaders = { ...result.headers, 'x-request-id': requestId };
          if (result.status === 204) return send(response, 204, headers);
          if (typeof result.data === 'string') return send(response, result.status, headers, result.data, 'text/plain; charset=utf-8');
          send(response, result.status, headers, JSON.stringify(result.data), JSON_TYPE);
        })
      : forwardProxied(ctx, install, { method: 'GET', url: request.url as string, headers: request.headers, body: null }).then((upstream) =>
          relay(upstream, response, requestId),
        );
  done.catch((error: unknown) => {
    if (response.headersSent) return void response.destroy();
    const headers: OutgoingHttpHeaders = { 'x-request-id': requestId };
    if (error instanceof PatchbayError) {
      const reply = patchbayErrorReply(error, logger());
      return send(response, reply.status, { ...reply.headers, ...headers }, JSON.stringify(reply.body), JSON_TYPE);
    }
    logger().error({ err: error }, 'unexpected error');
    send(response, 500, headers, JSON.stringify(INTERNAL_ERROR), JSON_TYPE);
  });
}

function send(response: ServerResponse, status: number, headers: OutgoingHttpHeaders, body?: string, type?: string): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  response.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** The third party's answer, passed back as the proxy route passes it: small ones whole, others streamed. */
function relay(upstream: UpstreamAnswer, response: ServerResponse, requestId: string): void {
  const headers: OutgoingHttpHeaders = answerHeaders(upstream.headers, { 'x-request-id': requestId });
  const { body } = upstream;
  if (Buffer.isBuffer(body)) {
    headers['content-type'] ??= 'application/octet-stream';
    headers['content-length'] = body.length;
    response.writeHead(upstream.statusCode, headers);
    response.end(body);
    return;
  }
  response.writeHead(upstream.statusCode, headers);
  body.on('error', () => response.destroy()).pipe(response);
}
