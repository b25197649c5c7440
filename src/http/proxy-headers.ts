import type { IncomingHttpHeaders } from 'node:http';

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

/** The caller's headers that go on to the third party. */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || DROPPED_REQUEST.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The third party's answer headers that go back to the caller. */
export function answerHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !DROPPED_RESPONSE.has(name)) out[name] = value;
  }
  return out;
}
