import type { IncomingHttpHeaders } from 'node:http';
import type { WholeResponse } from '../egress/egress.js';
import { PatchbayError } from '../errors.js';

const MAX_ERROR_BODY = 4096;

/** A third-party body: JSON when it says so, text otherwise (UTF-8, without a byte order mark), null when empty. */
export function readBody(response: WholeResponse): unknown {
  const decoded = response.body.toString('utf8');
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text === '') return null;
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The error reply for a third-party failure: its status and (truncated) body ride along. */
export function upstreamError(connectorName: string, status: number, body: unknown): PatchbayError {
  const said = messageIn(body);
  const message = `${connectorName} answered ${status}${said ? `: ${said}` : ''}`;
  if (status === 429) return new PatchbayError('PB_ERR_UPSTREAM_RATE_LIMITED', message, { Status: status, Body: truncate(body) });
  return new PatchbayError('PB_ERR_UPSTREAM', message, { Status: status, Body: truncate(body) });
}

/** Most APIs put a readable reason in one of these fields. */
function messageIn(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 200) || undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['error', 'message', 'Message', 'error_description', 'detail']) {
    if (typeof record[key] === 'string' && record[key] !== '') return (record[key] as string).slice(0, 200);
  }
  return undefined;
}

function truncate(body: unknown): unknown {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text.length <= MAX_ERROR_BODY) return body;
  return `${text.slice(0, MAX_ERROR_BODY)}... (truncated)`;
}

/**
 * A reset header this large is a time (Unix epoch seconds, as Capsule sends), not a wait: no provider
 * asks for a wait of 30 years.
 */
const EPOCH_SECONDS_FROM = 1_000_000_000;

/**
 * Seconds to wait from Retry-After (seconds or an HTTP date, counted from `now`), else from a reset
 * header (seconds to wait, or epoch seconds), else 1.
 */
export function retryAfterSeconds(headers: IncomingHttpHeaders, now: number): number {
  const retryAfter = headers['retry-after'];
  const raw = retryAfter ?? headers['x-ratelimit-reset'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return 1;
  if (/^\d+(\.\d+)?$/.test(value.trim())) {
    const seconds = Number(value);
    return retryAfter === undefined && seconds >= EPOCH_SECONDS_FROM ? Math.max(0, seconds - now / 1000) : seconds;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1 : Math.max(0, (date - now) / 1000);
}
