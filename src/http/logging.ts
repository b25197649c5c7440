import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets with any API; their values never reach a log line. */
const COMMON_SECRET_PARAMETERS = [
  'token',
  'api_token',
  'apitoken',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'code',
  'code_verifier',
  'state',
  'password',
  'passwd',
  'secret',
  'signature',
  'sig',
  'auth',
];

const WEBHOOK_PATH = '/api/webhook/';

/**
 * A function that hides the values of secret query parameters in a URL: the common names, and the names
 * the connectors themselves put credentials under (compared decoded and in any case, so `API%5FKEY=` is
 * caught as `api_key=`); and the token in a webhook URL's path.
 */
export function urlRedactor(credentialParameters: Iterable<string> = []): (url: string) => string {
  const secret = new Set([...COMMON_SECRET_PARAMETERS, ...credentialParameters].map((name) => name.toLowerCase()));
  return (given) => {
    // A webhook URL's path is its secret.
    const url = given.startsWith(WEBHOOK_PATH) ? given.replace(/^\/api\/webhook\/[^/?#]*/, `${WEBHOOK_PATH}[redacted]`) : given;
    const queryAt = url.indexOf('?');
    if (queryAt === -1) return url;
    const pairs = url.slice(queryAt + 1).split('&');
    let changed = false;
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i] as string;
      const equals = pair.indexOf('=');
      if (equals === -1) continue;
      const name = pair.slice(0, equals);
      if (secret.has(decodedName(name).toLowerCase())) {
        pairs[i] = `${name}=[redacted]`;
        changed = true;
      }
    }
    return changed ? `${url.slice(0, queryAt + 1)}${pairs.join('&')}` : url;
  };
}

function decodedName(name: string): string {
  if (!name.includes('%') && !name.includes('+')) return name;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Field names whose values are secrets, wherever a log line names them at its top level or inside an error. */
const SECRET_FIELDS = ['AuthValue', 'client_secret', 'ClientSecret', 'access_token', 'refresh_token', 'password', 'secret'];

/**
 * Pino options: request lines without secrets, and secret fields redacted. The paths are explicit
 * rather than `*.field`: a leading wildcard makes pino run the redaction over every binding of every
 * child logger, which Fastify makes per request, and that cost more than the rest of a proxied call's logging.
 */
export function loggerOptions(level: string, credentialParameters: Iterable<string> = []) {
  const redactUrl = urlRedactor(credentialParameters);
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
