import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets; their values never reach a log line. */
const SECRET_QUERY = /([?&](?:token|api_token|access_token|refresh_token|client_secret|code|state|key|password)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/** Field names whose values are secrets, wherever a log line names them at its top level or inside an error. */
const SECRET_FIELDS = ['AuthValue', 'client_secret', 'ClientSecret', 'access_token', 'refresh_token', 'password', 'secret'];

/**
 * Pino options: request lines without secrets, and secret fields redacted. The paths are explicit
 * rather than `*.field`: a leading wildcard makes pino run the redaction over every binding of every
 * child logger, which Fastify makes per request, and that cost more than the rest of a proxied call's logging.
 */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', ...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `err.${field}`)],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
