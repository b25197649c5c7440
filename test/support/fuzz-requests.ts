import fc from 'fast-check';
import type { Operation, Parameter, Schema } from './openapi-operations.js';
import type { WireRequest } from './raw-http.js';

/** Values that reach the handlers: the fixtures' ids, tokens and names. */
export interface Known {
  /** Valid values of a path parameter, by the path template before it (`/v1.0/accounts` for `/v1.0/accounts/{id}`). */
  paths: Record<string, string[]>;
  /** Valid values of a body field, query parameter or header, by name (`Url`, `token`, `X-Cyclr-Account`). */
  names: Record<string, unknown[]>;
  /** Whole bodies worth sending as they are, by operationId (an MCP JSON-RPC message, say). */
  bodies: Record<string, unknown[]>;
  /** Authorization values: a partner bearer token, another account's restricted one, HTTP Basic of the API client. */
  bearer: string;
  otherBearer: string;
  basic: string;
  /** A connect-page session cookie (`name=value`). */
  cookie: string;
}

const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const CONTROL = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 8 });

/** Strings that break naive code: empty, blank, huge, control characters, lone surrogates, other scripts, injections. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    'null',
    'undefined',
    '0',
    '-1',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
  fc.constantFrom('\u0000', '\u202e', '\ud800', '\udfff', '\uffff', '\ufeff', '𝕏', 'é', 'Ω≈ç√', '表ポあ', '\r\n', '\n', '\r'),
  fc.constantFrom(
    '%',
    '%00',
    '%zz',
    '%E0%A4%A',
    '../..',
    '..%2f..',
    '<script>x</script>',
    "'; DROP TABLE accounts; --",
    '<%= 7*7 %>',
    '{{7*7}}',
  ),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  CONTROL,
  fc.constantFrom(101, 201, 501, 2001, 4001, 10_001, 20_001, 100_000).map((n) => 'x'.repeat(n)),
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Arrays nested `depth` levels deep around one value. */
const nest = (depth: number, inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** An object whose own `__proto__` key would pollute Object.prototype if merged naively. */
const pollution = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":{"toString":"polluted","hasOwnProperty":"polluted"}}'),
);

/** Any JSON value, mostly odd: wrong types, edge numbers, nasty strings, deep nesting, pollution payloads. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}),
  nastyNumber,
  nastyString,
  pollution,
  fc.integer({ min: 1, max: 120 }).map((depth) => nest(depth, 'x')),
  fc.jsonValue({ maxDepth: 3 }),
);

function integerRange(schema: Schema): { min: number; max: number } {
  return { min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 };
}

/** Values at and just past a schema's limits. */
function edgeValues(schema: Schema): unknown[] {
  const values: unknown[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    const { min, max } = integerRange(schema);
    values.push(min, min - 1, max, max + 1, 0, 1.5, String(min), `${max}0`);
  }
  if (schema.type === 'string') {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 1000;
    values.push('x'.repeat(min), 'x'.repeat(max), 'x'.repeat(max + 1), 7, true);
    if (min > 0) values.push('x'.repeat(min - 1));
  }
  if (schema.type === 'array')
    values.push(
      [],
      Array.from({ length: (schema.maxItems ?? 100) + 1 }, () => 'x'),
      'x',
    );
  if (schema.type === 'object') values.push([], 'x', 1);
  if (schema.enum !== undefined) values.push(`${String(schema.enum[0])}x`);
  return values;
}

/** A value the schema accepts, favouring the known ones for the field's name. */
export function validValue(schema: Schema, known: Known, name?: string): fc.Arbitrary<unknown> {
  const pool = name === undefined ? undefined : known.names[name];
  const own = ownValue(schema, known);
  return pool !== undefined && pool.length > 0 ? weighted([3, fc.constantFrom(...pool)], [1, own]) : own;
}

function ownValue(schema: Schema, known: Known): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => validValue(s, known)));
  const value = typedValue(schema, known);
  return schema.nullable ? weighted([4, value], [1, fc.constant(null)]) : value;
}

function typedValue(schema: Schema, known: Known): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string': {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
      if (schema.pattern !== undefined) {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 1e9));
      }
      return fc.string({ minLength, maxLength });
    }
    case 'integer': {
      const { min, max } = integerRange(schema);
      return weighted([3, fc.integer({ min, max: Math.min(max, min + 10) })], [1, fc.integer({ min, max })]);
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
      return objectValue(schema, known, false);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for a field: mostly valid, else odd or at the schema's limits. */
export function wildValue(schema: Schema, known: Known, name?: string): fc.Arbitrary<unknown> {
  const edges = edgeValues(schema);
  return weighted(
    [5, validValue(schema, known, name)],
    [2, nastyValue],
    ...(edges.length > 0 ? ([[2, fc.constantFrom(...edges)]] as [number, fc.Arbitrary<unknown>][]) : []),
  );
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'Id', 'id', '', ' ', 'Name\u0000', '$where'];

/**
 * An object for the schema: its required fields (now and then one left out), some of its optional ones,
 * and now and then a field it does not name. With `wild`, each value may be odd too.
 */
function objectValue(schema: Schema, known: Known, wild: boolean): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const field = (name: string, s: Schema) => (wild ? wildValue(s, known, name) : validValue(s, known, name));
  const present = properties.map(([name, s]) =>
    fc.option(
      field(name, s).map((value) => [name, value] as const),
      { freq: required.has(name) ? (wild ? 12 : 1_000_000) : 2, nil: undefined },
    ),
  );
  const additional = schema.additionalProperties;
  const extraFrequency = wild || (typeof additional === 'object' && additional !== null) ? 2 : 0;
  const extras = fc.array(
    fc.tuple(
      weighted([3, fc.constantFrom(...EXTRA_KEYS)], [1, fc.string({ maxLength: 20 })], [2, fc.constantFrom(...Object.keys(known.names))]),
      typeof additional === 'object' ? wildValue(additional, known) : nastyValue,
    ),
    { maxLength: extraFrequency },
  );
  return fc.tuple(fc.tuple(...present), extras).map(([fields, extra]) => {
    // JSON.parse, unlike an object literal, makes `__proto__` an own key, as a request body would.
    const entries = [...fields.filter((f) => f !== undefined), ...extra];
    return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`);
  });
}

/** A body as bytes and the content type it is sent with, if any. */
interface Body {
  contentType?: string;
  bytes: Buffer;
}

const ODD_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '*/*',
  '',
  'text/html; charset=utf-8',
];

/** JSON text broken in the ways parsers trip on. */
function brokenJson(text: string): fc.Arbitrary<Buffer> {
  return fc
    .oneof(
      fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => Buffer.from(text.slice(0, cut))),
      fc.constant(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      fc.constant(Buffer.from(`${text}}`)),
      fc.constant(Buffer.from(text.replace(/^\{/, '{"Name":"a","Name":"b",'))),
      fc.constant(Buffer.from([0x7b, 0x22, 0x4e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])),
      fc.constantFrom(65, 64, 1000, 5000, 20_000).map((depth) => Buffer.from(`{"Fields":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`)),
      fc.constantFrom(
        '{"__proto__":{"polluted":"yes"}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        'null',
        '""',
        '[]',
        '0',
        '{}',
      ),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    )
    .map((b) => (typeof b === 'string' ? Buffer.from(b) : b));
}

const form = (value: unknown): string =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? new URLSearchParams(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
      ).toString()
    : String(value);

function bodyFor(operation: Operation, known: Known): fc.Arbitrary<Body | undefined> {
  const declared = Object.entries(operation.body?.content ?? {});
  const examples = known.bodies[operation.id] ?? [];
  const options: [number, fc.Arbitrary<Body | undefined>][] = [];
  for (const [type, schema] of declared) {
    const value = weighted([3, objectValue(schema, known, true)], [2, objectValue(schema, known, false)], [1, nastyValue]);
    if (type.includes('json')) {
      options.push([8, value.map((v) => ({ contentType: type, bytes: Buffer.from(JSON.stringify(v) ?? 'null') }))]);
      options.push([2, value.chain((v) => brokenJson(JSON.stringify(v) ?? '')).map((bytes) => ({ contentType: type, bytes }))]);
    } else if (type.includes('urlencoded')) {
      options.push([4, value.map((v) => ({ contentType: type, bytes: Buffer.from(form(v)) }))]);
      options.push([
        1,
        fc
          .constantFrom('%', 'a=%zz', '=&=&&', 'grant_type=%E0%A4%A', '__proto__[polluted]=yes')
          .map((t) => ({ contentType: type, bytes: Buffer.from(t) })),
      ]);
    }
  }
  if (examples.length > 0) {
    options.push([
      6,
      fc.constantFrom(...examples).map((v) => ({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(v)) })),
    ]);
  }
  const anyJson = fc.oneof(nastyValue, fc.jsonValue({ maxDepth: 3 })).map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));
  options.push([
    2,
    fc
      .tuple(fc.constantFrom(...ODD_TYPES), fc.oneof(anyJson, brokenJson('{"a":1}')))
      .map(([contentType, bytes]) => ({ contentType, bytes })),
  ]);
  options.push([
    1,
    fc.constant(Buffer.from('x'.repeat(1024 * 1024 + 1))).map((bytes) => ({ contentType: declared[0]?.[0] ?? 'application/json', bytes })),
  ]);
  options.push([declared.length > 0 && !operation.body?.required ? 2 : 1, fc.constant(undefined)]);
  if (declared.length === 0 && examples.length === 0) options.push([4, fc.constant(undefined)]);
  return weighted(...options);
}

/** Percent-encodes a value's UTF-8 bytes (a lone surrogate too, which encodeURIComponent throws on). */
const encode = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 'utf8')
    .toString('latin1')
    .replace(/[^A-Za-z0-9\-_.~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** A path parameter's value as it goes in the URL: a valid one, one at or past its limits, or a malformed encoding. */
function pathValue(operation: Operation, parameter: Parameter, known: Known, validOnly: boolean): fc.Arbitrary<string> {
  const prefix = operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
  const valid = known.paths[prefix] ?? [];
  const own = validValue(parameter.schema, known).map(encode);
  if (validOnly) return valid.length > 0 ? fc.constantFrom(...valid) : own;
  const odd = fc.oneof(
    fc.constantFrom(...edgeValues(parameter.schema)).map(encode),
    fc.constantFrom('', '%', '%zz', '%E0%A4%A', '%00', '%2F', '..', '%2e%2e', '.', '%20', '1%2F2', '1;x', '1?', '€', 'é', 'x'.repeat(600)),
    nastyString.map(encode),
    nastyString.filter((s) => s !== '' && !/[/?#]/.test(s)),
  );
  return weighted(...(valid.length > 0 ? ([[7, fc.constantFrom(...valid)]] as [number, fc.Arbitrary<string>][]) : []), [2, own], [3, odd]);
}

/** `name=value` pairs for a query parameter; none when left out. */
function queryPairs(parameter: Parameter, known: Known, validOnly: boolean): fc.Arbitrary<string[]> {
  if (validOnly) {
    if (parameter.exploded) {
      const pair = fc
        .constantFrom(...Object.entries(known.names))
        .chain(([k, values]) => fc.constantFrom(...values).map((v) => `${encode(k)}=${encode(v)}`));
      return fc.array(pair, { maxLength: 3 });
    }
    const value = validValue(parameter.schema, known, parameter.name).map((v) => [`${parameter.name}=${encode(v)}`]);
    return parameter.required ? value : weighted([2, value], [1, fc.constant([])]);
  }
  if (parameter.exploded) {
    const valueSchema = typeof parameter.schema.additionalProperties === 'object' ? parameter.schema.additionalProperties : {};
    const key = weighted(
      [3, fc.constantFrom(...Object.keys(known.names))],
      [1, fc.constantFrom(...EXTRA_KEYS)],
      [1, fc.string({ maxLength: 10 })],
    );
    return fc
      .array(fc.tuple(key, fc.oneof(wildValue(valueSchema, known), fc.constantFrom(...Object.values(known.names).flat()))), {
        maxLength: 4,
      })
      .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`));
  }
  const value = wildValue(parameter.schema, known, parameter.name).map((v) => [`${parameter.name}=${encode(v)}`]);
  return parameter.required ? weighted([9, value], [1, fc.constant([])]) : weighted([3, value], [2, fc.constant([])]);
}

/** Query text no careful client would write: broken escapes, duplicates, prototype paths, raw bytes. */
const oddQuery = fc.constantFrom(
  '%',
  '%zz=1',
  'a=%E0%A4%A',
  '__proto__[polluted]=yes',
  'constructor[prototype][polluted]=yes',
  '__proto__.polluted=yes',
  '=',
  '&&',
  'a[]=1&a[]=2',
  'page=1&page=2',
  'pageSize=-1',
  'x=€',
  'y=\u00e9',
  `q=${'x'.repeat(5000)}`,
);

/** The Authorization (or Cookie) header a request carries, if any, by the operation's security. */
function authorization(operation: Operation, known: Known): fc.Arbitrary<[string, string][]> {
  const bearer = `Bearer ${known.bearer}`;
  const odd = fc.constantFrom<[string, string][]>(
    [],
    [['Authorization', 'Bearer']],
    [['Authorization', 'Bearer ']],
    [['Authorization', 'Bearer not-a-token']],
    [['Authorization', `bearer ${known.bearer}`]],
    [['Authorization', `${bearer} extra`]],
    [['Authorization', `Bearer ${'x'.repeat(9000)}`]],
    [['Authorization', `Bearer ${known.otherBearer}`]],
    [['Authorization', 'Basic !!!']],
    [['Authorization', known.basic]],
    [
      ['Authorization', bearer],
      ['Authorization', 'Bearer other'],
    ],
  );
  const options: [number, fc.Arbitrary<[string, string][]>][] = [[2, odd]];
  for (const security of operation.security) {
    if (security === 'bearer') options.push([8, fc.constant([['Authorization', bearer]])]);
    if (security === 'clientBasic') options.push([3, fc.constant([['Authorization', known.basic]])]);
    if (security === 'connectSession') {
      options.push([8, fc.constant([['Cookie', known.cookie]])]);
      options.push([
        1,
        fc.constantFrom<[string, string][]>(
          [['Cookie', 'patchbay_connect=nope']],
          [['Cookie', `${known.cookie}; ${known.cookie}x`]],
          [['Cookie', ';;=;']],
        ),
      ]);
    }
    if (security === 'none') options.push([3, fc.constant([])]);
  }
  return weighted(...options);
}

/** Header bytes fetch would refuse: NUL, a lone CR or LF, a line break with an injected header, latin1 and invalid UTF-8. */
const rawHeaderValue = fc.constantFrom(
  Buffer.from([0x61, 0x00, 0x62]),
  Buffer.from('a\rb'),
  Buffer.from('a\nX-Injected: 1'),
  Buffer.from('a\r\nX-Injected: 1'),
  Buffer.from([0xc3, 0x28, 0xff]),
  Buffer.from([0xe9, 0x74, 0xe9]),
  Buffer.from('\u00e9t\u00e9', 'utf8'),
  Buffer.from([0x7f, 0x01, 0x1b]),
  Buffer.from('\t leading and trailing \t'),
);

/** Headers beyond the ones a request needs: repeats, framing conflicts, odd names and raw bytes. */
function extraHeaders(known: Known): fc.Arbitrary<[string, Buffer][]> {
  const one = fc
    .oneof(
      fc.tuple(
        fc.constantFrom('Content-Type', 'Authorization', 'X-Cyclr-Account', 'X-Patchbay-Account', 'Host', 'Content-Length'),
        nastyString,
      ),
      fc.tuple(fc.constant('X-Request-Id'), fc.oneof(nastyString, fc.constant('ok-id'))),
      fc.tuple(fc.constantFrom('Accept', 'Origin', 'MCP-Protocol-Version', 'Transfer-Encoding', 'Accept-Encoding'), nastyString),
      fc.tuple(fc.constant('Transfer-Encoding'), fc.constantFrom('chunked', 'gzip', 'identity')),
      fc.tuple(fc.constantFrom('X-Ünïcode', 'Bad Name', 'Colon:Name', 'X-Empty', '__proto__', 'constructor'), fc.constantFrom('1', '')),
      fc.tuple(fc.constantFrom('Cookie'), fc.constantFrom('__proto__=x', known.cookie, 'a=%', 'a="b')),
    )
    .map(([name, value]) => [name, Buffer.from(value, 'utf8')] as [string, Buffer]);
  const raw = fc.tuple(
    fc.constantFrom('X-Cyclr-Account', 'X-Patchbay-Account', 'Authorization', 'X-Request-Id', 'Content-Type', 'X-Other'),
    rawHeaderValue,
  );
  return fc.array(weighted<[string, Buffer]>([3, one], [1, raw]), { maxLength: 3 });
}

/**
 * A header value that cannot end the headers early: a line break it carries is followed by more text,
 * so the bytes after it stay part of this request instead of becoming a second one.
 */
const oneLine = (value: Buffer) => Buffer.from(value.toString('latin1').replace(/(\r?\n|\r)(?=[\r\n]|$)/g, '$1x'), 'latin1');

/** A request for the operation: mostly malformed in one or more parts, a quarter of them valid throughout. */
export function requestFor(operation: Operation, known: Known): fc.Arbitrary<WireRequest> {
  return weighted([3, requestOf(operation, known, false)], [1, requestOf(operation, known, true)]);
}

/** The valid body of an operation: an example, or one its first documented content type takes. */
function validBody(operation: Operation, known: Known): fc.Arbitrary<Body | undefined> {
  const examples = known.bodies[operation.id] ?? [];
  if (examples.length > 0)
    return fc.constantFrom(...examples).map((v) => ({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(v)) }));
  const [declared] = Object.entries(operation.body?.content ?? {});
  if (declared === undefined) return fc.constant(undefined);
  const [type, schema] = declared;
  return objectValue(schema, known, false).map((v) => ({
    contentType: type,
    bytes: Buffer.from(type.includes('urlencoded') ? form(v) : (JSON.stringify(v) ?? 'null')),
  }));
}

/** The credentials the operation's first way of authenticating takes. */
function validAuthorization(operation: Operation, known: Known): [string, string][] {
  switch (operation.security[0]) {
    case 'bearer':
      return [['Authorization', `Bearer ${known.bearer}`]];
    case 'clientBasic':
      return [['Authorization', known.basic]];
    case 'connectSession':
      return [['Cookie', known.cookie]];
    default:
      return [];
  }
}

function requestOf(operation: Operation, known: Known, valid: boolean): fc.Arbitrary<WireRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const headerParameters = operation.parameters.filter((p) => p.in === 'header');
  const path = fc.tuple(...pathParameters.map((p) => pathValue(operation, p, known, valid))).map((values) => {
    let text = operation.path;
    pathParameters.forEach((p, i) => {
      text = text.replace(`{${p.name}}`, values[i] ?? '');
    });
    return text;
  });
  const query = fc
    .tuple(
      fc.tuple(...queryParameters.map((p) => queryPairs(p, known, valid))),
      fc.array(oddQuery, { maxLength: valid ? 0 : 2 }),
      fc.boolean(),
    )
    .map(([pairs, odd, shuffle]) => {
      const all = [...pairs.flat(), ...odd];
      return all.length === 0 ? '' : `?${(shuffle ? all.reverse() : all).join('&')}`;
    });
  const accountHeaders = fc.tuple(
    ...headerParameters.map((p) => {
      const named = validValue(p.schema, known, p.name).map((v): [string, Buffer][] => [[p.name, Buffer.from(String(v))]]);
      return valid
        ? named
        : weighted<[string, Buffer][]>(
            [6, named],
            [3, fc.constant([])],
            [2, nastyString.map((v) => [[p.name, Buffer.from(v, 'utf8')]])],
            [1, rawHeaderValue.map((v) => [[p.name, v]])],
          );
    }),
  );
  const accept = valid
    ? fc.constant('application/json, text/event-stream')
    : fc.option(
        fc.constantFrom('application/json, text/event-stream', '*/*', 'application/json', 'text/html', 'text/event-stream', '', 'x/;;'),
        {
          freq: 2,
        },
      );
  return fc
    .record({
      path,
      query,
      body: valid ? validBody(operation, known) : bodyFor(operation, known),
      auth: valid ? fc.constant(validAuthorization(operation, known)) : authorization(operation, known),
      account: accountHeaders,
      accept,
      extra: valid ? fc.constant([]) : extraHeaders(known),
      method: valid
        ? fc.constant(operation.method)
        : weighted([19, fc.constant(operation.method)], [1, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'FOO')]),
    })
    .map(({ path: p, query: q, body, auth, account, accept: a, extra, method }) => {
      const headers: [string, Buffer][] = auth.map(([name, value]) => [name, Buffer.from(value)]);
      headers.push(...account.flat());
      if (a !== null) headers.push(['Accept', Buffer.from(a)]);
      if (body?.contentType !== undefined) headers.push(['Content-Type', Buffer.from(body.contentType)]);
      const bytes = body?.bytes ?? Buffer.alloc(0);
      if (bytes.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method))
        headers.push(['Content-Length', Buffer.from(String(bytes.length))]);
      headers.push(...extra);
      return { method, target: `${p}${q}`, headers: headers.map(([name, value]) => [name, oneLine(value)]), body: bytes };
    });
}

/** A request in a line or two, for a failure message. */
export function describeRequest(request: WireRequest): string {
  const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}... (${text.length} chars)` : text);
  const headers = request.headers.map(([name, value]) => `${name}: ${cut(JSON.stringify(value.toString('latin1')), 120)}`);
  return [`${request.method} ${cut(request.target, 300)}`, ...headers, cut(JSON.stringify(request.body.toString('latin1')), 400)].join(
    '\n  ',
  );
}
