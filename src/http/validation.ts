import { Ajv, type AnySchema } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const common = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false } as const;
/** Query strings, path parameters and headers arrive as text: "2" may become 2. */
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
/** JSON bodies carry their own types: 123 is never accepted as a string, nor null turned into "". */
const bodyAjv = new Ajv({ ...common, coerceTypes: false });

export const validatorCompiler: FastifySchemaCompiler<AnySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
