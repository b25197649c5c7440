import type { FastifyInstance } from 'fastify';
import { PatchbayError } from '../errors.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../json-depth.js';

/**
 * JSON bodies are parsed as the framework does (a `__proto__` or `constructor.prototype` key is refused),
 * then refused when they nest deeper than MAX_JSON_DEPTH: a body a thousand levels deep would exhaust the
 * stack of whatever walks it later (building the third party's request, serialising it).
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (error, value) => {
      if (error !== null) return done(error, undefined);
      if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
        return done(
          new PatchbayError('PB_ERR_BODY_TOO_DEEP', `The JSON body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
