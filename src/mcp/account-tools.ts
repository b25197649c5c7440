import { createHash } from 'node:crypto';
import { toolOutputSchema } from '../catalogue/method-output.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import { installMethods, type ResolvedInstall } from '../runtime/resolved-install.js';

/** What the common MCP clients accept as a tool name. */
export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** JSON Schema of a tool's arguments: flat, one property per parameter and body field. */
export interface InputSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: boolean;
}

/** One method of one authenticated install, as an agent sees it. */
export interface AccountTool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  /** The structured content a call answers, from the method's declared output; none for a method that answers nothing. */
  outputSchema: Record<string, unknown> | undefined;
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
  install: ResolvedInstall;
  method: MethodDefinition;
  /** Argument name -> where it goes in the method call. */
  arguments: ReadonlyMap<string, { in: 'parameter' | 'field'; name: string }>;
}

/** The argument that asks a list method for every page. */
export const ALL_PAGES = 'all_pages';

const snake = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** A name within the 64 characters clients take: a long one keeps its start and gains a short hash. */
function withinLimit(name: string): string {
  if (name.length <= 64) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55).replace(/_+$/, '')}_${hash}`;
}

/** A method's part of a tool name: its id, and for a custom category's method the object it is bound to. */
function methodPart(install: ResolvedInstall, method: MethodDefinition): string {
  const [base, customId] = method.Id.split('@');
  const object = customId === undefined ? undefined : install.customObjects.get(Number(customId));
  return snake(object === undefined ? method.Id : `${base}_${object}`);
}

/**
 * The tools of an account: one per method of each authenticated install, custom categories' methods
 * included. Names read as `{connector}_{method}` (`pipedrive_create_person`; a custom category's method
 * adds its object: `caspio_list_records_contacts`), and a second install of the same connector adds `_2`.
 * Installs are taken in the order they were made, so names stay the same across restarts and nodes.
 */
export function accountTools(installs: ResolvedInstall[]): AccountTool[] {
  const seen = new Map<string, number>();
  const tools: AccountTool[] = [];
  for (const install of [...installs].sort((a, b) => a.id - b.id)) {
    const slug = install.connector.definition.Slug;
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    tools.push(...installTools(install, count === 1 ? slug : `${slug}_${count}`));
  }
  return tools;
}

/** Tools by install, kept as long as the cached install itself: a change to it makes a new one. */
const built = new WeakMap<ResolvedInstall, { prefix: string; tools: AccountTool[] }>();

function installTools(install: ResolvedInstall, prefix: string): AccountTool[] {
  const known = built.get(install);
  if (known?.prefix === prefix) return known.tools;
  const taken = new Set<string>();
  const tools: AccountTool[] = [];
  for (const method of installMethods(install)) {
    let name = withinLimit(`${prefix}_${methodPart(install, method)}`);
    // Two objects whose names differ only in punctuation would meet: the later one is numbered.
    for (let n = 2; taken.has(name); n++) name = withinLimit(`${prefix}_${methodPart(install, method)}_${n}`);
    taken.add(name);
    tools.push(toTool(install, method, name));
  }
  built.set(install, { prefix, tools });
  return tools;
}

function toTool(install: ResolvedInstall, method: MethodDefinition, name: string): AccountTool {
  const properties: InputSchema['properties'] = {};
  const required: string[] = [];
  const args = new Map<string, { in: 'parameter' | 'field'; name: string }>();
  const add = (key: string, schema: Record<string, unknown>, target: { in: 'parameter' | 'field'; name: string }, isRequired: boolean) => {
    // A field named like a parameter keeps its own name with a prefix, so neither hides the other.
    const argument = args.has(key) ? `field_${key}` : key;
    properties[argument] = schema;
    args.set(argument, target);
    if (isRequired) required.push(argument);
  };
  for (const parameter of method.Parameters ?? []) {
    add(
      parameter.Name,
      {
        type: parameter.Type,
        ...(parameter.Description ? { description: parameter.Description } : {}),
        ...(parameter.Enum ? { enum: parameter.Enum } : {}),
        ...(parameter.Default !== undefined ? { default: parameter.Default } : {}),
      },
      { in: 'parameter', name: parameter.Name },
      parameter.Required === true && parameter.Default === undefined,
    );
  }
  for (const field of method.Fields ?? []) {
    if (field.ReadOnly) continue;
    add(
      field.Name,
      { type: field.Type, ...(field.Description ? { description: field.Description } : {}) },
      { in: 'field', name: field.Name },
      field.Required === true,
    );
  }
  if (method.Pagination !== undefined && !args.has(ALL_PAGES)) {
    properties[ALL_PAGES] = { type: 'boolean', description: 'Read every page and return all items (up to the page cap)' };
  }
  const verb = method.HttpMethod;
  const title = `${method.Name} (${install.name})`;
  return {
    name,
    title,
    description: `${(method.Description ?? method.Name).replace(/\.\s*$/, '')}. In ${install.connector.definition.Name}, through the account's connection '${install.name}'.`,
    inputSchema: {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      // Methods that pass undeclared body fields through take other arguments as fields too.
      additionalProperties: (method.Fields?.length ?? 0) > 0 && method.AdditionalFields !== false,
    },
    outputSchema: toolOutputSchema(method.Output, method.Pagination !== undefined),
    annotations: {
      title,
      readOnlyHint: verb === 'GET',
      destructiveHint: verb === 'DELETE',
      idempotentHint: verb === 'GET' || verb === 'PUT' || verb === 'DELETE',
      openWorldHint: true,
    },
    install,
    method,
    arguments: args,
  };
}
