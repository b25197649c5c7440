import { Ajv, type ErrorObject } from 'ajv';
import { outputProblems } from './method-output.js';
import {
  type ConnectorDefinition,
  type ConnectorFile,
  ConnectorSchema,
  type MethodDefinition,
  type PaginationDefinition,
} from './schema.js';
import { placeholders } from './template.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const checkShape = ajv.compile<ConnectorFile>(ConnectorSchema);

export type ShapeResult = { ok: true; file: ConnectorFile } | { ok: false; problems: string[] };

/** Checks one connector file against the schema; problems are `path: reason` lines. */
export function checkFileShape(data: unknown): ShapeResult {
  return checkShape(data) ? { ok: true, file: data } : { ok: false, problems: shapeErrors(checkShape.errors ?? []) };
}

/** anyOf branches report every mismatch; keep the errors of the deepest paths, which name the real fault. */
export function shapeErrors(errors: ErrorObject[]): string[] {
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  const lines = errors
    .filter((e) => e.keyword !== 'anyOf' && e.instancePath.split('/').length >= deepest - 1)
    .map((e) => {
      const where = e.instancePath === '' ? '/' : e.instancePath;
      if (e.keyword === 'additionalProperties') {
        return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
      }
      if (e.keyword === 'const') return `${where}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
      return `${where}: ${e.message ?? 'is invalid'}`;
    });
  return [...new Set(lines)];
}

/** What the schema cannot say: names that refer to each other, templates that use declared values. */
export function crossChecks(file: ConnectorDefinition): string[] {
  const errors: string[] = [];
  const properties = [...(file.PartnerProperties ?? []), ...(file.AccountProperties ?? [])];
  const propertyNames = new Set(properties.map((p) => p.Name));
  const tokenFields = file.Auth.Type === 'OAuth2' ? new Set(file.Auth.KeepTokenFields ?? []) : new Set<string>();
  const categories = new Map(file.Categories.map((c) => [c.Id, c]));
  const methodIds = new Set<string>();
  const guids = new Set<string>();

  duplicates(
    properties.map((p) => p.Name),
    (name) => errors.push(`/Properties: "${name}" is declared twice`),
  );
  duplicates(
    file.Categories.map((c) => c.Id),
    (id) => errors.push(`/Categories: "${id}" is declared twice`),
  );
  properties.forEach((p) => {
    if (p.Pattern !== undefined && !compiles(p.Pattern)) errors.push(`/Properties/${p.Name}/Pattern: not a valid regular expression`);
    if (p.Choices !== undefined && p.Default !== undefined && !p.Choices.some((c) => c.Value === p.Default)) {
      errors.push(`/Properties/${p.Name}/Default: must be one of the Choices`);
    }
  });

  const bases: [string, string][] = [['BaseUrl', file.BaseUrl]];
  if (file.ProxyBaseUrl !== undefined) bases.push(['ProxyBaseUrl', file.ProxyBaseUrl]);
  for (const [key, template] of bases) {
    for (const name of placeholders(template)) {
      if (!propertyNames.has(name) && !tokenFields.has(name)) {
        errors.push(`/${key}: {{${name}}} is neither a property nor a kept token field`);
      }
    }
    if (placeholders(template).length === 0 && !isHttpsUrl(template)) errors.push(`/${key}: must be an absolute https URL`);
  }
  // A URL built from values must say where it may lead.
  const templatedUrls = [
    ...bases,
    ...(file.Auth.Type === 'OAuth2'
      ? [
          ['Auth/AuthoriseUrl', file.Auth.AuthoriseUrl ?? ''],
          ['Auth/TokenUrl', file.Auth.TokenUrl],
        ]
      : []),
  ].filter(([, template]) => placeholders(template as string).length > 0);
  if (templatedUrls.length > 0 && (file.AllowedHosts ?? []).length === 0) {
    errors.push(`/AllowedHosts: required because ${templatedUrls.map(([key]) => `/${key}`).join(', ')} use placeholders`);
  }
  if (file.Auth.Type === 'OAuth2') {
    if (file.Auth.Flow === 'AuthorisationCode' && file.Auth.AuthoriseUrl === undefined) {
      errors.push('/Auth/AuthoriseUrl: required for the AuthorisationCode flow');
    }
    const templates: [string, string | undefined][] = [
      ['AuthoriseUrl', file.Auth.AuthoriseUrl],
      ['TokenUrl', file.Auth.TokenUrl],
      ...(file.Auth.Scopes ?? []).map((scope, i): [string, string] => [`Scopes/${i}`, scope]),
    ];
    for (const [key, template] of templates) {
      for (const name of placeholders(template ?? '')) {
        if (!propertyNames.has(name)) errors.push(`/Auth/${key}: {{${name}}} is not a declared property`);
      }
    }
    // The client's id and secret are partner values (blank ones are asked per account), so they must be declared.
    for (const name of ['ClientId', 'ClientSecret']) {
      if (!(file.PartnerProperties ?? []).some((p) => p.Name === name)) {
        errors.push(`/PartnerProperties: an OAuth2 connector must declare "${name}"`);
      }
    }
  }

  file.Methods.forEach((method, index) => {
    const where = `/Methods/${index}`;
    if (methodIds.has(method.Id)) errors.push(`${where}/Id: "${method.Id}" is used by another method`);
    if (guids.has(method.MethodUniqueIdentifier.toLowerCase())) {
      errors.push(`${where}/MethodUniqueIdentifier: used by another method`);
    }
    methodIds.add(method.Id);
    guids.add(method.MethodUniqueIdentifier.toLowerCase());
    const category = categories.get(method.Category);
    if (category === undefined) errors.push(`${where}/Category: "${method.Category}" is not a declared category`);
    const parameters = method.Parameters ?? [];
    duplicates(
      parameters.map((p) => p.Name),
      (name) => errors.push(`${where}/Parameters: "${name}" is declared twice`),
    );
    const pathParameters = new Set(parameters.filter((p) => p.In === 'path').map((p) => p.Name));
    const used = new Set(placeholders(method.Endpoint));
    for (const name of used) {
      const isObject = category?.Customisable?.ObjectPlaceholder === name;
      if (!pathParameters.has(name) && !propertyNames.has(name) && !isObject) {
        errors.push(`${where}/Endpoint: {{${name}}} is not a path parameter, a property or the category's object`);
      }
    }
    for (const name of pathParameters) {
      if (!used.has(name)) errors.push(`${where}/Parameters: path parameter "${name}" is not used in the endpoint`);
    }
    if (method.RelativeTo === 'ProxyBaseUrl' && file.ProxyBaseUrl === undefined) {
      errors.push(`${where}/RelativeTo: the connector declares no ProxyBaseUrl`);
    }
    const queryParameters = new Set(parameters.filter((p) => p.In === 'query').map((p) => p.Name));
    for (const name of pagingParameters(method.Pagination)) {
      if (!queryParameters.has(name)) errors.push(`${where}/Pagination: "${name}" must be declared as a query parameter`);
    }
    errors.push(...outputProblems(method.Output, method.Pagination !== undefined, where));
    errors.push(...triggerProblems(method, where));
  });

  if (file.TestMethod !== undefined && !methodIds.has(file.TestMethod)) {
    errors.push(`/TestMethod: "${file.TestMethod}" is not a method of this connector`);
  }
  file.Categories.forEach((category, index) => {
    const custom = category.Customisable;
    if (custom === undefined) return;
    for (const key of ['LookupMethod', 'FieldsMethod'] as const) {
      if (!methodIds.has(custom[key])) errors.push(`/Categories/${index}/Customisable/${key}: "${custom[key]}" is not a method`);
    }
  });
  return errors;
}

/** A trigger's names must be the method's own, and its cursor must be something a poll can keep. */
function triggerProblems(method: MethodDefinition, where: string): string[] {
  const trigger = method.Trigger;
  if (trigger === undefined) return [];
  const errors: string[] = [];
  const at = `${where}/Trigger`;
  const query = new Set((method.Parameters ?? []).filter((p) => p.In === 'query').map((p) => p.Name));
  if (method.HttpMethod !== 'GET') errors.push(`${at}: a trigger reads, so its method must be a GET`);
  if (method.Output === 'Nothing' || !('List' in method.Output)) errors.push(`${at}: a trigger's Output must be a List`);
  if (trigger.Since === undefined && trigger.ItemTimePath === undefined) errors.push(`${at}: needs Since, ItemTimePath or both`);
  if ((trigger.ItemIdPath === undefined) !== (trigger.ItemTimePath === undefined)) {
    errors.push(`${at}: ItemIdPath and ItemTimePath go together (the watermark is a time and the ids seen at it)`);
  }
  if (trigger.Since !== undefined && !query.has(trigger.Since.Parameter)) {
    errors.push(`${at}/Since/Parameter: "${trigger.Since.Parameter}" is not a query parameter of the method`);
  }
  const allowed = trigger.Since?.Template === undefined ? [] : ['since', 'field'];
  for (const name of placeholders(trigger.Since?.Template ?? '')) {
    if (!allowed.includes(name)) errors.push(`${at}/Since/Template: {{${name}}} must be {{since}} or {{field}}`);
  }
  if (trigger.Since?.Template !== undefined && !placeholders(trigger.Since.Template).includes('since')) {
    errors.push(`${at}/Since/Template: must use {{since}}`);
  }
  for (const name of placeholders(trigger.ItemTimePath ?? '')) {
    if (name !== 'field' || trigger.Since?.Template === undefined)
      errors.push(`${at}/ItemTimePath: {{${name}}} is only {{field}}, with a Since Template`);
  }
  for (const name of Object.keys(trigger.Parameters ?? {})) {
    if (!query.has(name)) errors.push(`${at}/Parameters: "${name}" is not a query parameter of the method`);
  }
  return errors;
}

/** The query parameters a pagination style sets from one page to the next, and those that turn its paging off. */
function pagingParameters(pagination: PaginationDefinition | undefined): string[] {
  switch (pagination?.Style) {
    case 'PageLink':
      return [pagination.PageParam];
    case 'PageNumber':
      return [pagination.PageParam, ...(pagination.ExclusiveWith ?? [])];
    case 'Offset':
      return [pagination.StartParam];
    case 'Cursor':
      return [pagination.CursorParam];
    default:
      return [];
  }
}

function duplicates(values: string[], report: (value: string) => void): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) report(value);
    seen.add(value);
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
