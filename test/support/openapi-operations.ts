/** The parts of an OpenAPI 3.0 document the fuzz suite reads. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
  /** A form-exploded object: its properties are query parameters of their own. */
  exploded: boolean;
}

/** How an operation answers with one status, as documented. */
export interface DocumentedReply {
  /** The `{Message, Code}` error reply. */
  errorReply: boolean;
  /** The reply's description and its schemas' (which may name JSON-RPC replies, say). */
  description: string;
  contentTypes: string[];
}

export type Security = 'none' | 'bearer' | 'clientBasic' | 'connectSession';

export interface Operation {
  id: string;
  method: string;
  /** The path template, `/v1.0/accounts/{id}`. */
  path: string;
  parameters: Parameter[];
  body?: { required: boolean; content: Record<string, Schema> };
  replies: Record<string, DocumentedReply>;
  /** Ways a request may authenticate; 'none' when the operation asks for nothing. */
  security: Security[];
  /** Documents a 502 or 504: it calls a third party, which may be unreachable. */
  callsThirdParty: boolean;
  /** Documents the third party's answer handed back unchanged (any status). */
  passesThrough: boolean;
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  security?: Record<string, string[]>[];
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  operationId: string;
  parameters?: (Omit<Parameter, 'exploded' | 'required'> & { required?: boolean; style?: string; explode?: boolean })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
  security?: Record<string, string[]>[];
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** Every operation of the document, in document order. */
export function operationsOf(document: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const replies: Record<string, DocumentedReply> = {};
      for (const [status, reply] of Object.entries(raw.responses)) {
        const content = reply.content ?? {};
        replies[status] = {
          errorReply: Object.values(content).some(({ schema }) => schema.$ref === '#/components/schemas/ErrorReply'),
          description: [reply.description ?? '', ...Object.values(content).map(({ schema }) => schema.description ?? '')].join('\n'),
          contentTypes: Object.keys(content),
        };
      }
      const security = (raw.security ?? document.security ?? []).flatMap((requirement) => {
        const names = Object.keys(requirement);
        return names.length === 0 ? ['none' as const] : (names as Security[]);
      });
      operations.push({
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        parameters: (raw.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required === true,
          schema: p.schema,
          exploded: p.style === 'form' && p.explode === true && p.schema.type === 'object',
        })),
        ...(raw.requestBody
          ? {
              body: {
                required: raw.requestBody.required === true,
                content: Object.fromEntries(Object.entries(raw.requestBody.content).map(([type, { schema }]) => [type, schema])),
              },
            }
          : {}),
        replies,
        security: security.length === 0 ? ['none'] : security,
        callsThirdParty: '502' in replies || '504' in replies,
        passesThrough: Object.entries(replies).some(([status, reply]) => status === '2XX' && reply.contentTypes.includes('*/*')),
      });
    }
  }
  return operations;
}
