import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { injectCredential } from '../auth/inject.js';
import type { AppContext } from '../context.js';
import type { UpstreamAnswer } from '../egress/egress.js';
import { badRequest, PatchbayError } from '../errors.js';
import { type BaseUrl, installBase } from '../runner/build-request.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';

/** Request headers that describe the caller's hop or its Patchbay credentials; never forwarded. */
const DROPPED_REQUEST = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'proxy-authorization',
  'trailer',
  'authorization',
  'cookie',
  'x-cyclr-account',
  'x-patchbay-account',
  'content-length',
  'expect',
  'x-request-id',
]);
/** Response headers that belong to the third party's hop only; and its request id, as the answer carries Patchbay's. */
const DROPPED_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'set-cookie',
  'content-length',
  'trailer',
  'upgrade',
  'x-request-id',
]);

/** Answers up to this size with a known length are read whole and sent in one write; anything else streams through. */
const BUFFERED_BODY_LIMIT = 64 * 1024;
const MARKER = '/proxy';

/** One request to the raw proxy, as it arrived. */
export interface ProxiedRequest {
  method: Dispatcher.HttpMethod;
  /** The request URL: `/v1.0/account/connectors/{id}/proxy/<path>?<query>`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Readable | null;
}

/** The proxied path and query: what follows `/v1.0/account/connectors/{id}/proxy` in the request URL. */
function proxiedPart(requestUrl: string): { path: string; query: string } {
  const start = requestUrl.indexOf(MARKER, '/v1.0/account/connectors/'.length) + MARKER.length;
  const queryAt = requestUrl.indexOf('?', start);
  const path = queryAt === -1 ? requestUrl.slice(start) : requestUrl.slice(start, queryAt);
  return { path: path === '' ? '/' : path, query: queryAt === -1 ? '' : requestUrl.slice(queryAt) };
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || DROPPED_REQUEST.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Whether `url` stays on the base URL's origin and below its path. */
function isBelow(base: BaseUrl, url: URL): boolean {
  return url.origin === base.origin && (url.pathname === base.path || url.pathname.startsWith(`${base.path}/`));
}

/**
 * The third-party URL for a proxied path. The path must stay below the connector's base URL: no dot
 * segments (plain or encoded), no backslashes or encoded separators, and a final check on the parsed URL.
 */
function proxiedUrl(base: BaseUrl, path: string, query: string): URL {
  if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(path) || /\\|%2f|%5c/i.test(path)) {
    throw badRequest('The proxied path may not contain ".." segments, backslashes or encoded slashes');
  }
  const url = new URL(`${base.href}${path}${query}`);
  if (!isBelow(base, url)) {
    throw badRequest('The proxied path must stay below the connector\'s base URL (no ".." segments)');
  }
  return url;
}

/**
 * Forwards a raw proxy request to the install's base URL with the credential added. A refused OAuth
 * token is refreshed and the call repeated once, when there is no streamed body to replay.
 */
export async function forwardProxied(ctx: AppContext, resolved: ResolvedInstall, request: ProxiedRequest): Promise<UpstreamAnswer> {
  const ready = ctx.refresher.ready(resolved);
  let install = ready instanceof Promise ? await ready : ready;
  if (!install.authenticated) {
    throw new PatchbayError('PB_ERR_NOT_AUTHENTICATED', `Account connector '${install.name}' is not authenticated; authenticate it again`);
  }
  const { path, query } = proxiedPart(request.url);
  const send = (current: ResolvedInstall) => {
    const outbound = { url: proxiedUrl(installBase(current), path, query), headers: forwardable(request.headers) };
    if (current.secret !== null)
      injectCredential(current.connector.definition.Auth, { secret: current.secret, token: current.token }, outbound);
    const outgoing = { method: request.method, url: outbound.url, headers: outbound.headers, body: request.body };
    return ctx.egress.request(outgoing, BUFFERED_BODY_LIMIT);
  };
  let response = await send(install);
  if (response.statusCode === 401 && request.body === null) {
    const next = await ctx.refresher.afterRejection(install);
    if (next !== null) {
      if (!Buffer.isBuffer(response.body)) response.body.destroy();
      install = next;
      response = await send(install);
    }
  }
  return response;
}

/** The third party's answer headers that go back to the caller, added to `out`. */
export function answerHeaders(
  headers: IncomingHttpHeaders,
  out: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !DROPPED_RESPONSE.has(name)) out[name] = value;
  }
  return out;
}
