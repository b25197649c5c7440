import type { MethodOutput, OutputItem } from './output-schema.js';

/** One field of a method's answer, as a mapping picker lists it. */
export interface OutputField {
  /** Dotted path from the item, `[]` marking each element of a list, e.g. `owner.id`, `emails[].value`. */
  Field: string;
  /** The JSON type; a field the provider may leave null is still listed by its other type. */
  DataType: string;
  IsNullable: boolean;
  Format: string | null;
  Description: string;
}

/** The item schema of an output, or undefined for Nothing. */
export function outputItem(output: MethodOutput): OutputItem | undefined {
  if (output === 'Nothing') return undefined;
  return 'List' in output ? output.List : output.Item;
}

const typesOf = (schema: OutputItem): string[] => (Array.isArray(schema.type) ? schema.type : [schema.type]);

/** The fields an item offers, nested objects and lists of objects included, depth first in declared order. */
export function outputFields(output: MethodOutput): OutputField[] {
  const item = outputItem(output);
  const fields: OutputField[] = [];
  const walk = (schema: OutputItem, prefix: string) => {
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      const path = `${prefix}${name}`;
      const types = typesOf(child);
      const nonNull = types.filter((t) => t !== 'null');
      fields.push({
        Field: path,
        DataType: nonNull[0] ?? 'null',
        IsNullable: types.includes('null'),
        Format: child.format ?? null,
        Description: child.description ?? '',
      });
      if (child.properties !== undefined) walk(child, `${path}.`);
      if (child.items?.properties !== undefined) walk(child.items, `${path}[].`);
    }
  };
  if (item !== undefined) walk(item, '');
  return fields;
}

/** How a tool's result carries the data as structured content: MCP wants an object at the top. */
export type StructuredShape = 'items' | 'object' | 'value';

export function structuredShape(output: MethodOutput): StructuredShape | undefined {
  if (output === 'Nothing') return undefined;
  if ('List' in output) return 'items';
  return typesOf(output.Item).length === 1 && output.Item.type === 'object' ? 'object' : 'value';
}

/** The MCP tool's outputSchema: the structured content a call answers, or undefined when it answers nothing. */
export function toolOutputSchema(output: MethodOutput, paged: boolean): Record<string, unknown> | undefined {
  const nextPage = { next_page: { type: 'object', description: 'Arguments that read the next page; absent on the last page' } };
  switch (structuredShape(output)) {
    case 'items':
      return {
        type: 'object',
        properties: { items: { type: 'array', items: outputItem(output) }, ...(paged ? nextPage : {}) },
        required: ['items'],
      };
    case 'object':
      return outputItem(output);
    case 'value':
      return { type: 'object', properties: { value: outputItem(output) }, required: ['value'] };
    default:
      return undefined;
  }
}

/** Structural faults the schema cannot see; `where` is the method's path in the file. */
export function outputProblems(output: MethodOutput, paginated: boolean, where: string): string[] {
  const problems: string[] = [];
  if (paginated && (output === 'Nothing' || !('List' in output))) {
    problems.push(`${where}/Output: a paginated method answers a List`);
  }
  const check = (schema: OutputItem, path: string) => {
    const types = typesOf(schema);
    if (schema.properties !== undefined && !types.includes('object')) problems.push(`${path}/properties: only an object has properties`);
    if (schema.items !== undefined && !types.includes('array')) problems.push(`${path}/items: only an array has items`);
    for (const name of schema.required ?? []) {
      if (schema.properties?.[name] === undefined) problems.push(`${path}/required: "${name}" is not one of its properties`);
    }
    for (const [name, child] of Object.entries(schema.properties ?? {})) check(child, `${path}/properties/${name}`);
    if (schema.items !== undefined) check(schema.items, `${path}/items`);
  };
  const item = outputItem(output);
  if (item !== undefined) check(item, `${where}/Output/${'List' in (output as object) ? 'List' : 'Item'}`);
  return problems;
}
