import { injectCredential } from '../auth/inject.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import { render } from '../catalogue/template.js';
import { badRequest } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { checkInputs, type MethodInput } from './inputs.js';
import { installBase } from './install-base.js';

export interface BuiltRequest {
  method: MethodDefinition['HttpMethod'];
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** What an HTTP header may carry (RFC 9110 field values, kept to printable ASCII): no line breaks or control characters. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

function headerValue(name: string, value: unknown): string {
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (!HEADER_VALUE.test(text)) {
    throw badRequest(`Parameters.${name} is sent as a header, so it must be printable ASCII without line breaks`);
  }
  return text;
}

/** Builds the third-party request for one method call: URL, query, headers, body and credential. */
export function buildRequest(install: ResolvedInstall, method: MethodDefinition, input: MethodInput): BuiltRequest {
  const { parameters, fields } = checkInputs(method, input);
  const path = render(method.Endpoint, (name) => {
    const value = parameters.get(name) ?? install.values.get(name);
    // Percent-encoding keeps "/" and "?" inside the segment, but "." and ".." would still be resolved.
    if (value === '.' || value === '..') throw badRequest(`Parameters.${name} cannot be "${value}"`);
    return value === undefined ? undefined : String(value);
  });
  const url = new URL(`${installBase(install, method.RelativeTo ?? 'BaseUrl').href}${path}`);
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, unknown> = {};
  for (const definition of method.Parameters ?? []) {
    const value = parameters.get(definition.Name);
    if (value === undefined) continue;
    if (definition.In === 'query') url.searchParams.set(definition.Name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    else if (definition.In === 'header') headers[definition.Name.toLowerCase()] = headerValue(definition.Name, value);
    else if (definition.In === 'body') body[definition.Name] = value;
  }
  Object.assign(body, fields);
  const built: BuiltRequest = { method: method.HttpMethod, url, headers };
  if ((method.HttpMethod !== 'GET' && method.HttpMethod !== 'DELETE') || Object.keys(body).length > 0) {
    if (method.HttpMethod === 'GET') throw badRequest(`'${method.Name}' takes no Fields`);
    const payload = method.BodyWrapper ? { [method.BodyWrapper]: body } : body;
    if (method.BodyFormat === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      built.body = new URLSearchParams(
        Object.entries(payload).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
      ).toString();
    } else {
      headers['content-type'] = 'application/json';
      built.body = JSON.stringify(payload);
    }
  }
  if (install.secret !== null) injectCredential(install.connector.definition.Auth, { secret: install.secret, token: install.token }, built);
  return built;
}
