import type { FieldDefinition, MethodDefinition, ParameterDefinition } from '../catalogue/schema.js';
import { badRequest } from '../errors.js';
import { unsentPagingParameters } from './pagination.js';

/** What a caller passes to a method: `{"Parameters": {...}, "Fields": {...}}`. */
export interface MethodInput {
  Parameters?: Record<string, unknown>;
  Fields?: Record<string, unknown>;
}

type Typed = Pick<ParameterDefinition, 'Name' | 'Type'> & { Enum?: (string | number)[] };

/** Checks (and, for strings that spell numbers or booleans, converts) one value against its declared type. */
export function coerce(definition: Typed, value: unknown, where: string): unknown {
  const fail = () => badRequest(`${where}.${definition.Name} must be ${article(definition.Type)}`);
  let result: unknown = value;
  switch (definition.Type) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') result = String(value);
      else if (typeof value !== 'string') throw fail();
      break;
    case 'integer':
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || (definition.Type === 'integer' && !Number.isInteger(n))) throw fail();
      result = n;
      break;
    }
    case 'boolean':
      if (value === 'true' || value === 'false') result = value === 'true';
      else if (typeof value !== 'boolean') throw fail();
      break;
    case 'array':
      if (!Array.isArray(value)) throw fail();
      break;
    case 'object':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail();
      break;
  }
  if (definition.Enum !== undefined && !definition.Enum.some((allowed) => String(allowed) === String(result))) {
    throw badRequest(`${where}.${definition.Name} must be one of ${definition.Enum.join(', ')}`);
  }
  return result;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Validated parameters by name (defaults applied, but not to paging turned off) and body fields; unknown parameters are refused. */
export function checkInputs(
  method: MethodDefinition,
  input: MethodInput,
): { parameters: Map<string, unknown>; fields: Record<string, unknown> } {
  const declared = method.Parameters ?? [];
  const given = input.Parameters ?? {};
  for (const name of Object.keys(given)) {
    if (!declared.some((p) => p.Name === name)) {
      const names = declared.map((p) => p.Name);
      throw badRequest(
        `Parameters.${name} is not a parameter of '${method.Name}'${names.length ? ` (expected: ${names.join(', ')})` : ''}`,
      );
    }
  }
  const unsent = unsentPagingParameters(method.Pagination, given);
  const parameters = new Map<string, unknown>();
  for (const definition of declared) {
    const value = given[definition.Name] ?? (unsent.includes(definition.Name) ? undefined : definition.Default);
    if (value === undefined || value === null) {
      if (definition.Required) throw badRequest(`Parameters.${definition.Name} is required`);
      continue;
    }
    parameters.set(definition.Name, coerce(definition, value, 'Parameters'));
  }
  const givenFields = input.Fields ?? {};
  if (method.AdditionalFields === false) {
    const names = new Set((method.Fields ?? []).map((f) => f.Name));
    for (const name of Object.keys(givenFields)) {
      if (!names.has(name)) throw badRequest(`Fields.${name} is not a field of '${method.Name}' (expected: ${[...names].join(', ')})`);
    }
  }
  return { parameters, fields: checkFields(method.Fields ?? [], givenFields) };
}

/** Declared fields are type-checked and required ones enforced; read-only ones refused; others pass through unless refused above. */
function checkFields(declared: FieldDefinition[], given: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...given };
  for (const definition of declared) {
    const value = given[definition.Name];
    if (value === undefined || value === null) {
      if (definition.Required) throw badRequest(`Fields.${definition.Name} is required`);
      continue;
    }
    if (definition.ReadOnly) throw badRequest(`Fields.${definition.Name} is read-only`);
    fields[definition.Name] = coerce(definition, value, 'Fields');
  }
  return fields;
}
