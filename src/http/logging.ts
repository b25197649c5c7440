import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets; their values never reach a log line. */
const SECRET_QUERY = /([?&](?:token|api_token|access_token|refresh_token|client_secret|code|state|key|password)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/** Pino options: request lines without secrets, and secret fields redacted wherever they appear. */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.AuthValue',
        '*.client_secret',
        '*.ClientSecret',
        '*.access_token',
        '*.refresh_token',
        '*.password',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
