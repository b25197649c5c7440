import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { type TSchema, Type } from 'typebox';

/**
 * What a route's schema says for the document only: never used to validate a request or serialize a
 * reply. Relayed replies (a third party's data, a proxied answer) are documented here because a response
 * schema would re-serialize them; the account header here because validating it would change nothing.
 */
export interface OperationDoc {
  /** An account-level operation: the account is named by X-Cyclr-Account, or implied by a restricted token. */
  account?: true;
  /** Replies added to the documented ones. */
  responses?: Record<string, ReplyDoc>;
}

export interface ReplyDoc {
  description: string;
  /** Media type to schema; none for an empty reply. */
  content?: Record<string, TSchema>;
}

declare module 'fastify' {
  interface FastifySchema {
    doc?: OperationDoc;
  }
}

/** Route schema parts: an operation anyone may call (no bearer token). */
export const noBearer = { security: [] };
/** Route schema parts: an account-level operation. */
export const accountLevel = { doc: { account: true } } satisfies { doc: OperationDoc };

const ACCOUNT_HEADER_DOC =
  'The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted ' +
  'to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN.';
const AccountHeaders = Type.Object({
  'X-Cyclr-Account': Type.Optional(Type.String({ description: ACCOUNT_HEADER_DOC })),
  'X-Patchbay-Account': Type.Optional(Type.String({ description: 'The same as X-Cyclr-Account, under Patchbay’s own name.' })),
});

type Schema = Record<string, unknown>;

/**
 * A query that takes any names (a method call's Parameters, a provider's callback) is documented as the
 * one form-exploded object parameter OpenAPI has for it, named by the schema's title; listing its
 * `patternProperties` as properties would make fake parameters of JSON Schema keywords.
 */
function queryBag(query: Schema): Schema {
  const values = Object.values((query.patternProperties ?? {}) as Schema)[0] ?? {};
  const name = (query.title as string | undefined) ?? 'query';
  const bag = { type: 'object', additionalProperties: values, description: query.description };
  return { type: 'object', properties: { [name]: bag }, style: 'form', explode: true };
}

/** A wildcard route (`.../proxy/*`) is documented with its rest as a path parameter named `path`. */
function wildcard(url: string, params: Schema | undefined): { url: string; params: Schema | undefined } {
  if (!url.endsWith('/*') || params === undefined) return { url, params };
  const { '*': rest, ...others } = params.properties as Schema;
  return {
    url: `${url.slice(0, -1)}:path`,
    params: { ...params, properties: { ...others, path: rest }, required: [...Object.keys(others), 'path'] },
  };
}

/**
 * The refusals an operation meets whether or not its route lists them: a 400 for input that does not
 * validate, a 401 without a valid bearer token, a 429 when the token's API client (or the account) has too
 * many requests in flight, and for an account-level call a missing account (400), another account (403) or
 * an unknown one (404).
 */
function impliedErrors(schema: Schema, doc: OperationDoc | undefined): number[] {
  const statuses = new Set<number>();
  if (schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined) statuses.add(400);
  if (schema.security === undefined) for (const status of [401, 429]) statuses.add(status);
  if (doc?.account === true) for (const status of [400, 401, 403, 404, 429]) statuses.add(status);
  return [...statuses];
}

const transform: FastifyDynamicSwaggerOptions['transform'] = ({ schema, url }) => {
  if (schema === undefined || schema.hide === true) return { schema, url };
  const { doc, ...rest } = schema as Schema & { doc?: OperationDoc };
  const documented: Schema = { ...rest };
  const query = documented.querystring as Schema | undefined;
  if (query?.patternProperties !== undefined && query.properties === undefined) documented.querystring = queryBag(query);
  const routed = wildcard(url, documented.params as Schema | undefined);
  if (routed.params !== undefined) documented.params = routed.params;
  if (doc?.account === true) documented.headers = AccountHeaders;
  const errors: Schema = Object.fromEntries(impliedErrors(rest, doc).map((status) => [status, Type.Ref('ErrorReply')]));
  documented.response = { ...errors, ...(documented.response as Schema | undefined) };
  if (doc?.responses !== undefined) {
    const replies: Schema = {};
    for (const [status, reply] of Object.entries(doc.responses)) {
      replies[status] =
        reply.content === undefined
          ? { description: reply.description, type: 'null' }
          : { description: reply.description, content: contentOf(reply) };
    }
    documented.response = { ...(documented.response as Schema | undefined), ...replies };
  }
  return { schema: documented as typeof schema, url: routed.url };
};

const contentOf = (reply: ReplyDoc) => Object.fromEntries(Object.entries(reply.content ?? {}).map(([type, schema]) => [type, { schema }]));

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * One route registered for several methods shares one schema, hence one operationId: each of its
 * operations gets the method added (`proxyGet`, `proxyPost`), so every id stays unique.
 */
function uniqueOperationIds(document: Schema): Schema {
  for (const item of Object.values(document.paths as Record<string, Schema>)) {
    const operations = METHODS.filter((method) => item[method] !== undefined).map((method) => [method, item[method] as Schema] as const);
    for (const [method, operation] of operations) {
      const shared = operations.filter(([, other]) => other.operationId === operation.operationId).length > 1;
      if (shared) item[method] = { ...operation, operationId: `${operation.operationId}${method[0]?.toUpperCase()}${method.slice(1)}` };
    }
  }
  return document;
}

/** The document /openapi.json serves: every operation with its id, its replies, and who may call it. */
export function openapiOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Patchbay API',
        version: '1.0',
        description: 'Connect third-party apps per account and call them through one API. Errors are {"Message", "Code"}.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /oauth/token' },
          clientBasic: { type: 'http', scheme: 'basic', description: 'The API client id and secret, at POST /oauth/token only' },
          connectSession: { type: 'apiKey', in: 'cookie', name: 'patchbay_connect', description: "The connect page's session" },
        },
      },
      security: [{ bearer: [] }],
    },
    transform,
    // Shared schemas keep their names (#/components/schemas/ErrorReply), which generated clients show.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (document) =>
      'openapiObject' in document ? uniqueOperationIds(document.openapiObject as Schema) : document.swaggerObject,
  };
}
