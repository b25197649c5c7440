import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const common = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false } as const;
/** Query strings, path parameters and headers arrive as text: "2" may become 2. */
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
/** JSON bodies carry their own types: 123 is never accepted as a string, nor null turned into "". */
const bodyAjv = new Ajv({ ...common, coerceTypes: false });

/** The JSON path of the first string (value or key) holding U+0000 in `data`, if any. */
function nulAt(data: unknown, at: string): string | undefined {
  if (typeof data === 'string') return data.includes('\u0000') ? at : undefined;
  if (data === null || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data)) {
    const path = `${at}/${key}`;
    if (key.includes('\u0000')) return path;
    const found = nulAt(value, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Input that validates must also be free of NUL characters: PostgreSQL cannot store one in text, and no
 * name, id or value here has a use for one.
 */
function withoutNul(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nulAt(data, '');
    if (at === undefined) {
      checked.errors = null;
      return true;
    }
    const error: ErrorObject = {
      keyword: 'nul',
      instancePath: at,
      schemaPath: '',
      params: {},
      message: 'must not contain a NUL character',
    };
    checked.errors = [error];
    return false;
  }) as ValidateFunction;
  return checked;
}

export const validatorCompiler: FastifySchemaCompiler<AnySchema> = ({ schema, httpPart }) =>
  withoutNul((httpPart === 'body' ? bodyAjv : textAjv).compile(schema));
