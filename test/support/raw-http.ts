import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** One HTTP request as the fuzz suite builds it: the target is sent as it is, encoded or not. */
export interface WireRequest {
  method: string;
  /** Path and query, exactly as they go on the request line. */
  target: string;
  /** Header lines in order; a name may repeat. Values are bytes, so they may hold anything. */
  headers: [string, Buffer][];
  body: Buffer;
}

export interface WireAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

/** Bytes fetch and node:http refuse to send: control characters, CR or LF, anything outside latin1. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** Whether node:http can carry the request as it is; otherwise it goes over a raw socket. */
export function needsRawSocket(request: WireRequest): boolean {
  return (
    // A refusal by the HTTP parser carries a body even for HEAD, which node:http would take as a fault.
    request.method === 'HEAD' ||
    request.headers.filter(([name]) => name.toLowerCase() === 'host').length > 1 ||
    // A Content-Length the body does not match leaves the connection mid-request: the next request sent on
    // it would be read as the rest of this one's body. Such a request gets a connection of its own.
    request.headers.some(
      ([name, value]) => name.toLowerCase() === 'content-length' && value.toString('latin1') !== String(request.body.length),
    ) ||
    /[^\x21-\xff]/.test(request.target) ||
    request.headers.some(([name, value]) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || UNSENDABLE.test(value.toString('latin1')))
  );
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends a request to `origin` and reads the whole answer: through a keep-alive node:http agent when it can,
 * else as raw bytes on a connection of its own (closed after the answer). Rejects when no answer came
 * within `timeoutMs`.
 */
export function send(origin: string, request: WireRequest, timeoutMs = 15_000): Promise<WireAnswer> {
  return needsRawSocket(request) ? sendRaw(origin, request, timeoutMs) : sendHttp(origin, request, timeoutMs);
}

function sendHttp(origin: string, request: WireRequest, timeoutMs: number): Promise<WireAnswer> {
  const { hostname, port } = new URL(origin);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    const text = value.toString('latin1');
    const had = headers[key];
    headers[key] = had === undefined ? text : [...(Array.isArray(had) ? had : [had]), text];
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { agent, hostname, port, method: request.method, path: request.target, headers, setHost: !('host' in headers), timeout: timeoutMs },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const answerHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body.length > 0 ? request.body : undefined);
  });
}

function sendRaw(origin: string, request: WireRequest, timeoutMs: number): Promise<WireAnswer> {
  const { hostname, port } = new URL(origin);
  const head = [`${request.method} ${request.target} HTTP/1.1`];
  if (!request.headers.some(([name]) => name.toLowerCase() === 'host')) head.push(`Host: ${hostname}:${port}`);
  const lines: Buffer[] = [];
  for (const [name, value] of request.headers) lines.push(Buffer.concat([Buffer.from(`${name}: `, 'latin1'), value, Buffer.from('\r\n')]));
  // A chunked request gets a chunked body, as node:http would send it: the framing stays whole, so the server never waits for more.
  const chunked = request.headers.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && /chunked\s*$/i.test(value.toString('latin1')),
  );
  const body = !chunked
    ? request.body
    : request.body.length === 0
      ? Buffer.from('0\r\n\r\n')
      : Buffer.concat([Buffer.from(`${request.body.length.toString(16)}\r\n`), request.body, Buffer.from('\r\n0\r\n\r\n')]);
  const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n`, 'utf8'), ...lines, Buffer.from('Connection: close\r\n\r\n'), body]);
  return new Promise((resolve, reject) => {
    // Written, not ended: a client that half-closes has its request dropped unanswered by node's server.
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (hadError) return;
      try {
        resolve(parseAnswer(Buffer.concat(chunks), request.method === 'HEAD'));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Reads one HTTP/1.1 answer from the bytes a closed connection carried. */
export function parseAnswer(bytes: Buffer, headOnly: boolean): WireAnswer {
  const split = bytes.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`not an HTTP answer: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
  const [statusLine = '', ...headerLines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (status === null) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = bytes.subarray(split + 4);
  let body: Buffer;
  if (headOnly) body = Buffer.alloc(0);
  else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(rest);
  else if (headers['content-length'] !== undefined) body = rest.subarray(0, Number(headers['content-length']));
  else body = rest;
  return { status: Number(status[1]), headers, body };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) throw new Error('a chunked answer broke off');
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) throw new Error('a chunked answer has a bad chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
