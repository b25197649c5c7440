import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CODES, type ErrorCode, PatchbayError } from '../errors.js';

/** Fastify's own client-error codes, mapped onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PB_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'PB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'PB_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PB_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'PB_ERR_BAD_REQUEST',
};

/** What the HTTP parser's refusals mean, by the error code Node gives them; any other is a malformed request. */
const CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'PB_ERR_HEADERS_TOO_LARGE',
    message: `The request line and headers are over ${Math.round(maxHeaderSize / 1024)} KB together`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'PB_ERR_REQUEST_TIMEOUT', message: 'The request did not arrive in time' },
};
const MALFORMED = { code: 'PB_ERR_BAD_REQUEST', message: 'The request is not well-formed HTTP/1.1' } as const;

/**
 * Answers a request the HTTP parser refused before any route could see it (malformed, headers too
 * large, too slow) in the usual `{"Message", "Code"}` shape, then closes the connection: after such a
 * request the stream cannot be trusted to hold another.
 */
export function answerClientError(this: { log: FastifyBaseLogger }, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const status = ERROR_CODES[code].status;
  this.log.debug({ err: error }, 'refused a malformed request');
  if (socket.writable) {
    const body = JSON.stringify({ Message: message, Code: code });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export const INTERNAL_ERROR = { Message: 'Internal error; see the log for this request id', Code: 'PB_ERR_INTERNAL' };

/** The reply for one of our own errors; failures on Patchbay's side or the third party's are logged as warnings. */
export function patchbayErrorReply(error: PatchbayError, log: FastifyBaseLogger) {
  if (error.status >= 500) log.warn({ code: error.code, message: error.message }, 'upstream or internal failure');
  const body: Record<string, unknown> = { ...error.extra, Message: error.message, Code: error.code };
  if (error.upstream !== undefined) body.Upstream = error.upstream;
  return { status: error.status, headers: error.headers, body };
}

/** Every error leaves as `{"Message", "Code"}` (plus `Upstream` for third-party failures); never a stack. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | PatchbayError, request, reply) => {
    if (error instanceof PatchbayError) {
      const answer = patchbayErrorReply(error, request.log);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    }
    if (error.validation !== undefined) {
      return reply.code(400).send({ Message: error.message, Code: 'PB_ERR_BAD_REQUEST' });
    }
    const mapped = error.code !== undefined ? FASTIFY_CODES[error.code] : undefined;
    if (mapped !== undefined) {
      const message =
        mapped === 'PB_ERR_BAD_REQUEST' && error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'Body is not valid JSON' : error.message;
      return reply.code(ERROR_CODES[mapped].status).send({ Message: message, Code: mapped });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ Message: error.message, Code: 'PB_ERR_BAD_REQUEST' });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(INTERNAL_ERROR);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ Message: `No route ${request.method} ${request.url.split('?')[0]}`, Code: 'PB_ERR_NOT_FOUND' });
  });
}
