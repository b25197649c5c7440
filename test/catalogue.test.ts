import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Reply } from '../console/src/types.js';
import { CatalogueError, loadCatalogue } from '../src/catalogue/loader.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { type Patchbay, startPatchbay } from './support/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'patchbay.js');
const PIPEDRIVE_FILE = path.join(ROOT, 'connectors', 'pipedrive.yaml');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Connector = Reply<'getConnector'>;

type Method = Reply<'listConnectorMethods'>[number];

/** A small valid connector file; `extra` is appended at the top level, `method` replaces the one method. */
function connectorYaml(options: { id: number; slug: string; guid?: string; extra?: string; method?: string }): string {
  const method =
    options.method ??
    `  - Id: get-thing
    MethodUniqueIdentifier: ${options.guid ?? randomUUID()}
    Name: Get Thing
    Category: things
    HttpMethod: GET
    Endpoint: /things
    Output: { Item: { type: object } }`;
  return `Id: ${options.id}
Slug: ${options.slug}
Name: Fixture ${options.slug}
Description: A test fixture.
Version: "1.0"
BaseUrl: https://api.fixture.example/v1
Auth:
  Type: None
Categories:
  - Id: things
    Name: Things
Methods:
${method}
${options.extra ?? ''}`;
}

const tempDirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-catalogue-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function problemsOf(dirs: string[]): string[] {
  try {
    loadCatalogue(dirs);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogueError);
    return (error as CatalogueError).problems;
  }
  throw new Error('loadCatalogue accepted the files');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the connector catalogue API', () => {
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay();
  });
  afterAll(async () => {
    await patchbay.close();
  });

  const get = async <T>(url: string): Promise<{ status: number; body: T; headers: Headers }> => {
    const reply = await patchbay.call('GET', url);
    return { status: reply.status, body: (await reply.json()) as T, headers: reply.headers };
  };
  const ids = (connectors: Connector[]) => connectors.map((c) => c.Id);

  it('lists the built-in connectors ordered by Id, with Total-Records and Total-Pages', async () => {
    const { status, body, headers } = await get<Connector[]>('/v1.0/connectors');
    expect(status).toBe(200);
    expect(ids(body)).toEqual([1, 2, 3, 4, 5]);
    expect(headers.get('total-records')).toBe('5');
    expect(headers.get('total-pages')).toBe('1');
    expect(body[1]).toMatchObject({
      Id: 2,
      Name: 'Pipedrive',
      AuthType: 'ApiKey',
      Status: 'Approved',
      Categories: expect.arrayContaining([expect.objectContaining({ Id: 'persons', Name: 'Persons' })]),
      Authentication: [expect.objectContaining({ Id: expect.stringMatching(GUID), AuthType: 'ApiKey' })],
    });
  });

  it('filters by query= on the name or the description, in any case', async () => {
    expect(ids((await get<Connector[]>('/v1.0/connectors?query=pipe')).body)).toEqual([2, 4]);
    expect(ids((await get<Connector[]>('/v1.0/connectors?query=EXAMPLE')).body)).toEqual([1]);
    expect(ids((await get<Connector[]>('/v1.0/connectors?query=sales%20crm')).body)).toEqual([2, 4]);
    expect(ids((await get<Connector[]>('/v1.0/connectors?query=capsule')).body)).toEqual([3]);
    const none = await get<Connector[]>('/v1.0/connectors?query=no-such-connector');
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    expect(none.headers.get('total-records')).toBe('0');
  });

  it('filters by category= on the category id or name', async () => {
    expect(ids((await get<Connector[]>('/v1.0/connectors?category=persons')).body)).toEqual([2, 4]);
    expect(ids((await get<Connector[]>('/v1.0/connectors?category=Contacts')).body)).toEqual([1]);
    expect(ids((await get<Connector[]>('/v1.0/connectors?category=contacts&query=example')).body)).toEqual([1]);
    expect((await get<Connector[]>('/v1.0/connectors?category=no-such-category')).body).toEqual([]);
  });

  it('pages with page and pageSize', async () => {
    const first = await get<Connector[]>('/v1.0/connectors?pageSize=1');
    expect(ids(first.body)).toEqual([1]);
    expect(first.headers.get('total-records')).toBe('5');
    expect(first.headers.get('total-pages')).toBe('5');
    expect(ids((await get<Connector[]>('/v1.0/connectors?page=2&pageSize=1')).body)).toEqual([2]);
    expect((await get<Connector[]>('/v1.0/connectors?page=6&pageSize=1')).body).toEqual([]);
    expect((await patchbay.call('GET', '/v1.0/connectors?pageSize=0')).status).toBe(400);
  });

  it('gets a connector by Id, by Name in any case, or by slug', async () => {
    const byId = await get<Connector>('/v1.0/connectors/2');
    expect(byId.status).toBe(200);
    for (const key of ['Pipedrive', 'pipedrive', 'PIPEDRIVE', 'PipeDrive']) {
      const reply = await get<Connector>(`/v1.0/connectors/${key}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(byId.body);
    }
    expect((await get<Connector>('/v1.0/connectors/example%20CONNECTOR')).body.Id).toBe(1);
    expect((await get<Connector>('/v1.0/connectors/example')).body.Id).toBe(1);
  });

  it('answers 404 PB_ERR_NOT_FOUND for an unknown connector, and for its methods', async () => {
    for (const url of ['/v1.0/connectors/999', '/v1.0/connectors/NoSuchThing', '/v1.0/connectors/999/methods']) {
      const reply = await get<unknown>(url);
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ Message: expect.any(String), Code: 'PB_ERR_NOT_FOUND' });
    }
  });

  it("lists Pipedrive's 29 methods, each with its own GUID MethodUniqueIdentifier", async () => {
    const { status, body } = await get<Method[]>('/v1.0/connectors/2/methods');
    expect(status).toBe(200);
    expect(body).toHaveLength(29);
    for (const method of body) {
      expect(method).toEqual({
        Id: expect.stringMatching(/^[a-z0-9-]+$/),
        Name: expect.any(String),
        Description: expect.any(String),
        Category: expect.stringMatching(/^(persons|organizations|deals|activities|products|search|users)$/),
        HttpMethod: expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
        EndPoint: expect.stringMatching(/^\//),
        MethodUniqueIdentifier: expect.stringMatching(GUID),
        Paginated: expect.any(Boolean),
        Parameters: expect.any(Array),
        Fields: expect.any(Array),
        Output: { Kind: expect.stringMatching(/^(List|Item|Nothing)$/), Schema: expect.anything() },
        OutputFields: expect.any(Array),
      });
    }
    expect(new Set(body.map((m) => m.MethodUniqueIdentifier.toLowerCase())).size).toBe(29);
    const file = parse(readFileSync(PIPEDRIVE_FILE, 'utf8')) as { Methods: { MethodUniqueIdentifier: string }[] };
    expect(body.map((m) => m.MethodUniqueIdentifier)).toEqual(file.Methods.map((m) => m.MethodUniqueIdentifier));
    expect((await get<Method[]>('/v1.0/connectors/Pipedrive/methods')).body).toEqual(body);
    expect(body.find((m) => m.Id === 'list-persons')).toMatchObject({ Paginated: true, HttpMethod: 'GET', EndPoint: '/persons' });
  });

  it('filters methods by query= (name or description) and by category=', async () => {
    const all = (await get<Method[]>('/v1.0/connectors/2/methods')).body;
    const persons = (await get<Method[]>('/v1.0/connectors/2/methods?query=PERSON')).body;
    const expected = all.filter((m) => `${m.Name}\n${m.Description}`.toLowerCase().includes('person'));
    expect(persons.length).toBeGreaterThanOrEqual(5);
    expect(persons).toEqual(expected);

    const deals = (await get<Method[]>('/v1.0/connectors/2/methods?category=deals')).body;
    expect(deals).toHaveLength(6);
    expect(deals.every((m) => m.Category === 'deals')).toBe(true);

    const both = (await get<Method[]>('/v1.0/connectors/2/methods?category=deals&query=delete')).body;
    expect(both.map((m) => m.Id)).toEqual(['delete-deal']);
    expect((await get<Method[]>('/v1.0/connectors/2/methods?category=Deals')).body).toEqual(deals);
    expect((await get<Method[]>('/v1.0/connectors/2/methods?category=nothing')).body).toEqual([]);
  });
});

describe('the connector file loader', () => {
  it('loads a folder of valid files', () => {
    const dir = tempDir({
      'one.yaml': connectorYaml({ id: 501, slug: 'one' }),
      'two.yml': connectorYaml({ id: 502, slug: 'two' }),
      'notes.txt': 'not a connector',
    });
    const catalogue = loadCatalogue([dir]);
    expect(catalogue.all.map((c) => c.definition.Id)).toEqual([501, 502]);
  });

  it('names the file and the JSON path of an unknown property', () => {
    const dir = tempDir({ 'extra.yaml': connectorYaml({ id: 510, slug: 'extra', extra: 'Colour: red' }) });
    expect(problemsOf([dir])).toEqual([`${path.join(dir, 'extra.yaml')}: /: unknown property "Colour"`]);
  });

  it('names the file and the JSON path of an unknown property inside a method', () => {
    const method = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: things
    HttpMethod: GET
    Endpoint: /things
    Output: { Item: { type: object } }
    Verb: GET`;
    const dir = tempDir({ 'deep.yaml': connectorYaml({ id: 511, slug: 'deep', method }) });
    expect(problemsOf([dir])).toEqual([`${path.join(dir, 'deep.yaml')}: /Methods/0: unknown property "Verb"`]);
  });

  it('refuses a method without an Output, and outputs a mapping picker could not read', () => {
    const method = (output: string, extra = '') => `  - Id: list-things
    MethodUniqueIdentifier: ${randomUUID()}
    Name: List Things
    Category: things
    HttpMethod: GET
    Endpoint: /things${extra}${output}`;
    const paged = `
    Parameters:
      - { Name: page, In: query, Type: integer }
    Pagination: { Style: PageLink, PageParam: page }`;
    const dir = tempDir({
      'o1.yaml': connectorYaml({ id: 530, slug: 'o1', method: method('') }),
      'o2.yaml': connectorYaml({ id: 531, slug: 'o2', method: method('\n    Output: { Item: { type: object } }', paged) }),
      'o3.yaml': connectorYaml({
        id: 532,
        slug: 'o3',
        method: method('\n    Output: { Item: { type: object, required: [id], properties: { name: { type: string } } } }'),
      }),
      'o4.yaml': connectorYaml({
        id: 533,
        slug: 'o4',
        method: method('\n    Output: { List: { type: string, properties: { a: { type: string } } } }'),
      }),
      'o5.yaml': connectorYaml({
        id: 534,
        slug: 'o5',
        method: method('\n    Output: { Item: { type: object, additionalProperties: false } }'),
      }),
      'o6.yaml': connectorYaml({ id: 535, slug: 'o6', method: method('\n    Output: Everything') }),
    });
    const file = (name: string) => path.join(dir, name);
    const problems = problemsOf([dir]);
    expect(problems).toEqual(
      expect.arrayContaining([
        `${file('o1.yaml')}: /Methods/0: must have required property 'Output'`,
        `${file('o2.yaml')}: /Methods/0/Output: a paginated method answers a List`,
        `${file('o3.yaml')}: /Methods/0/Output/Item/required: "id" is not one of its properties`,
        `${file('o4.yaml')}: /Methods/0/Output/List/properties: only an object has properties`,
        `${file('o5.yaml')}: /Methods/0/Output/Item: unknown property "additionalProperties"`,
      ]),
    );
    expect(problems.filter((p) => p.startsWith(file('o6.yaml')))).not.toEqual([]);
  });

  it('names the method of an unknown Category', () => {
    const method = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: widgets
    HttpMethod: GET
    Endpoint: /things
    Output: { Item: { type: object } }`;
    const dir = tempDir({ 'category.yaml': connectorYaml({ id: 512, slug: 'category', method }) });
    expect(problemsOf([dir])).toEqual([`${path.join(dir, 'category.yaml')}: /Methods/0/Category: "widgets" is not a declared category`]);
  });

  it('names an endpoint placeholder that is not declared', () => {
    const method = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: things
    HttpMethod: GET
    Endpoint: /things/{{thing_id}}
    Output: { Item: { type: object } }`;
    const dir = tempDir({ 'placeholder.yaml': connectorYaml({ id: 513, slug: 'placeholder', method }) });
    const problems = problemsOf([dir]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^${escapeRegExp(path.join(dir, 'placeholder.yaml'))}: /Methods/0/Endpoint: \\{\\{thing_id\\}\\} `),
    );
  });

  it('refuses a method RelativeTo a ProxyBaseUrl the file lacks, and a ProxyBaseUrl of undeclared values or hosts', () => {
    const method = `  - Id: get-me
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Me
    Category: things
    HttpMethod: GET
    RelativeTo: ProxyBaseUrl
    Endpoint: /v0/me
    Output: { Item: { type: object } }`;
    const dir = tempDir({
      'no-proxy-base.yaml': connectorYaml({ id: 515, slug: 'no_proxy_base', method }),
      'templated.yaml': connectorYaml({ id: 516, slug: 'templated', extra: 'ProxyBaseUrl: "https://{{Region}}.fixture.example"' }),
      'plain-http.yaml': connectorYaml({ id: 517, slug: 'plain_http', extra: 'ProxyBaseUrl: http://api.fixture.example' }),
    });
    const problems = problemsOf([dir]).map((p) => p.slice(dir.length + 1));
    expect(problems).toEqual([
      'no-proxy-base.yaml: /Methods/0/RelativeTo: the connector declares no ProxyBaseUrl',
      'plain-http.yaml: /ProxyBaseUrl: must be an absolute https URL',
      'templated.yaml: /ProxyBaseUrl: {{Region}} is neither a property nor a kept token field',
      'templated.yaml: /AllowedHosts: required because /ProxyBaseUrl use placeholders',
    ]);
  });

  it('names a pagination ExclusiveWith parameter that is not a declared query parameter', () => {
    const method = `  - Id: list-things
    MethodUniqueIdentifier: ${randomUUID()}
    Name: List Things
    Category: things
    HttpMethod: GET
    Endpoint: /things
    Parameters:
      - { Name: page, In: query, Type: integer }
      - { Name: size, In: query, Type: integer }
    Pagination: { Style: PageNumber, PageParam: page, SizeParam: size, ExclusiveWith: [limit] }
    Output: { List: { type: object } }`;
    const dir = tempDir({ 'exclusive.yaml': connectorYaml({ id: 516, slug: 'exclusive', method }) });
    expect(problemsOf([dir])).toEqual([
      `${path.join(dir, 'exclusive.yaml')}: /Methods/0/Pagination: "limit" must be declared as a query parameter`,
    ]);
  });

  it('names both files when two use the same method GUID', () => {
    const guid = randomUUID();
    const dir = tempDir({
      'first.yaml': connectorYaml({ id: 514, slug: 'first', guid }),
      'second.yaml': connectorYaml({ id: 515, slug: 'second', guid }),
    });
    expect(problemsOf([dir])).toEqual([
      `${path.join(dir, 'second.yaml')}: MethodUniqueIdentifier ${guid} is already used by ${path.join(dir, 'first.yaml')}`,
    ]);
  });

  it('reports invalid YAML with the file name', () => {
    const dir = tempDir({ 'broken.yaml': 'Id: [1, 2\nName: "unterminated\n' });
    const problems = problemsOf([dir]);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const problem of problems) expect(problem.startsWith(`${path.join(dir, 'broken.yaml')}: YAML: `)).toBe(true);
  });

  it('collects every problem of every file in one error', () => {
    const guid = randomUUID();
    const badCategory = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: widgets
    HttpMethod: GET
    Endpoint: /things
    Output: { Item: { type: object } }`;
    const badPlaceholder = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: things
    HttpMethod: GET
    Endpoint: /things/{{thing_id}}
    Output: { Item: { type: object } }`;
    const dir = tempDir({
      'a-unknown-property.yaml': connectorYaml({ id: 520, slug: 'a', extra: 'Colour: red' }),
      'b-category.yaml': connectorYaml({ id: 521, slug: 'b', method: badCategory }),
      'c-placeholder.yaml': connectorYaml({ id: 522, slug: 'c', method: badPlaceholder }),
      'd-guid.yaml': connectorYaml({ id: 523, slug: 'd', guid }),
      'e-guid.yaml': connectorYaml({ id: 524, slug: 'e', guid }),
      'f-broken.yaml': 'Id: [1, 2\n',
      'g-valid.yaml': connectorYaml({ id: 525, slug: 'g' }),
    });
    const file = (name: string) => path.join(dir, name);
    let error: unknown;
    try {
      loadCatalogue([dir]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    const problems = (error as CatalogueError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        `${file('a-unknown-property.yaml')}: /: unknown property "Colour"`,
        `${file('b-category.yaml')}: /Methods/0/Category: "widgets" is not a declared category`,
        expect.stringMatching(new RegExp(`^${escapeRegExp(file('c-placeholder.yaml'))}: /Methods/0/Endpoint: `)),
        `${file('e-guid.yaml')}: MethodUniqueIdentifier ${guid} is already used by ${file('d-guid.yaml')}`,
        expect.stringMatching(new RegExp(`^${escapeRegExp(file('f-broken.yaml'))}: YAML: `)),
      ]),
    );
    expect(problems.some((p) => p.startsWith(file('g-valid.yaml')))).toBe(false);
    expect(problems.some((p) => p.startsWith(file('d-guid.yaml')))).toBe(false);
    for (const name of ['a-unknown-property.yaml', 'b-category.yaml', 'c-placeholder.yaml', 'e-guid.yaml', 'f-broken.yaml']) {
      expect((error as Error).message).toContain(file(name));
    }
  });

  it('refuses a file that reuses the Id of a built-in connector', () => {
    const dir = tempDir({ 'clash.yaml': connectorYaml({ id: 2, slug: 'clash' }) });
    const problems = problemsOf([path.join(ROOT, 'connectors'), dir]);
    expect(problems).toEqual([`${path.join(dir, 'clash.yaml')}: /Id 2 is already used by ${PIPEDRIVE_FILE}`]);
  });

  it('shares the methods of another file with MethodsFrom, each under a GUID of its own', () => {
    const catalogue = loadCatalogue([path.join(ROOT, 'connectors')]);
    const apiKey = catalogue.find('pipedrive');
    const oauth = catalogue.find('pipedrive_oauth');
    expect(oauth?.definition.Methods.map((m) => m.Id)).toEqual(apiKey?.definition.Methods.map((m) => m.Id));
    const guids = new Set(apiKey?.definition.Methods.map((m) => m.MethodUniqueIdentifier));
    for (const method of oauth?.definition.Methods ?? []) {
      expect(method.MethodUniqueIdentifier).toMatch(GUID);
      expect(guids.has(method.MethodUniqueIdentifier)).toBe(false);
    }
    // Derived, so stable from one start to the next.
    expect(loadCatalogue([path.join(ROOT, 'connectors')]).find('pipedrive_oauth')?.definition.Methods).toEqual(oauth?.definition.Methods);
  });

  it('refuses MethodsFrom beside methods of its own, or naming a missing file', () => {
    const shared = `MethodsFrom: ./base.yaml`;
    const dir = tempDir({
      'base.yaml': connectorYaml({ id: 501, slug: 'base' }),
      'both.yaml': connectorYaml({ id: 502, slug: 'both', extra: shared }),
      'missing.yaml': connectorYaml({ id: 503, slug: 'missing', extra: 'MethodsFrom: ./nope.yaml' }).replace(
        /Categories:[\s\S]*?(?=MethodsFrom)/,
        '',
      ),
    });
    const problems = problemsOf([dir]);
    expect(problems).toContainEqual(
      expect.stringMatching(/both\.yaml: \/MethodsFrom: a connector sharing methods declares no Categories or Methods/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/missing\.yaml: \/MethodsFrom: \.\/nope\.yaml: cannot be read/));
  });

  it('requires an OAuth2 connector to declare ClientId and ClientSecret, and a Default among its Choices', () => {
    const oauth = `PartnerProperties:
  - { Name: ClientId, DisplayName: Client ID }
  - { Name: Scope, DisplayName: Scope, Default: all, Choices: [{ Value: read, Label: Read only }] }
`;
    const yaml = connectorYaml({ id: 504, slug: 'oauthless', extra: oauth }).replace(
      'Auth:\n  Type: None',
      'Auth:\n  Type: OAuth2\n  Flow: AuthorisationCode\n  AuthoriseUrl: https://id.fixture.example/auth\n  TokenUrl: https://id.fixture.example/token',
    );
    const problems = problemsOf([tempDir({ 'oauth.yaml': yaml })]);
    expect(problems).toContainEqual(expect.stringContaining('/PartnerProperties: an OAuth2 connector must declare "ClientSecret"'));
    expect(problems).toContainEqual(expect.stringContaining('/Properties/Scope/Default: must be one of the Choices'));
  });

  it('reports a connectors folder that cannot be read', () => {
    const missing = path.join(tmpdir(), `patchbay-missing-${randomUUID()}`);
    expect(problemsOf([missing])).toEqual([`${missing}: not a readable folder`]);
  });
});

describe('start-up and configuration', () => {
  it('fails to start (createContext throws CatalogueError) when PATCHBAY_CONNECTORS_DIR holds an invalid file', async () => {
    const connectors = tempDir({ 'bad.yaml': connectorYaml({ id: 530, slug: 'bad', extra: 'Colour: red' }) });
    const dataDir = tempDir({});
    const config = loadConfig({ PATCHBAY_DATA_DIR: dataDir, PATCHBAY_LOG_LEVEL: 'silent', PATCHBAY_CONNECTORS_DIR: connectors });
    const failure = await createContext(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CatalogueError);
    expect((failure as CatalogueError).problems).toEqual([`${path.join(connectors, 'bad.yaml')}: /: unknown property "Colour"`]);
  });

  it('starts with a valid extra connectors folder and serves its connector', async () => {
    const connectors = tempDir({ 'good.yaml': connectorYaml({ id: 531, slug: 'good' }) });
    const patchbay = await startPatchbay({ PATCHBAY_CONNECTORS_DIR: connectors });
    try {
      const reply = await patchbay.call('GET', '/v1.0/connectors/good');
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({ Id: 531, Name: 'Fixture good', AuthType: 'None' });
    } finally {
      await patchbay.close();
    }
  });

  it('reads a valid environment into typed values', () => {
    const config = loadConfig({
      PATCHBAY_PORT: '9090',
      PATCHBAY_LOG_LEVEL: 'warn',
      PATCHBAY_UPSTREAM_OVERRIDES: '{"https://api.example.com":"http://127.0.0.1:1234/"}',
      PATCHBAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.port).toBe(9090);
    expect(config.logLevel).toBe('warn');
    expect(config.upstreamOverrides.get('https://api.example.com')).toBe('http://127.0.0.1:1234');
  });

  for (const [name, value] of [
    ['PATCHBAY_PORT', 'abc'],
    ['PATCHBAY_PORT', '70000'],
    ['PATCHBAY_UPSTREAM_OVERRIDES', 'not-json'],
    ['PATCHBAY_UPSTREAM_OVERRIDES', '["https://api.example.com"]'],
    ['PATCHBAY_UPSTREAM_OVERRIDES', '{"https://api.example.com":42}'],
    ['PATCHBAY_ENCRYPTION_KEY', 'short'],
    ['PATCHBAY_LOG_LEVEL', 'loud'],
    ['PATCHBAY_MAX_PAGES', '0'],
    ['PATCHBAY_SQLITE_SYNCHRONOUS', 'OFF'],
  ] as const) {
    it(`throws ConfigError naming ${name} for ${name}=${value}`, () => {
      let error: unknown;
      try {
        loadConfig({ [name]: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(name);
    });
  }
});

describe('the patchbay CLI', () => {
  beforeAll(() => {
    // The CLI runs the built dist; build it when it is missing or older than the sources.
    const built = path.join(ROOT, 'dist', 'src', 'cli.js');
    const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
    if (newestSource(path.join(ROOT, 'src')) > builtAt) {
      try {
        execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
      } catch (error) {
        // tsc still emits on type errors elsewhere; only a missing entry point is fatal here.
        if (!existsSync(built)) throw error;
      }
    }
  }, 200_000);

  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });

  it('validates connectors/pipedrive.yaml: exit 0', () => {
    const result = run(['connectors', 'validate', PIPEDRIVE_FILE]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${PIPEDRIVE_FILE}: ok`);
  });

  it('refuses a bad file: exit 1, every problem printed with the file and the JSON path', () => {
    const method = `  - Id: get-thing
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Thing
    Category: widgets
    HttpMethod: GET
    Endpoint: /things/{{thing_id}}
    Output: { Item: { type: object } }`;
    const dir = tempDir({ 'bad.yaml': connectorYaml({ id: 540, slug: 'bad', method }) });
    const file = path.join(dir, 'bad.yaml');
    const result = run(['connectors', 'validate', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}: /Methods/0/Category: "widgets" is not a declared category`);
    expect(result.stderr).toContain(`${file}: /Methods/0/Endpoint: {{thing_id}}`);
    expect(result.stdout).not.toContain(`${file}: ok`);
  });

  it('exits 1 when any one of several files is bad', () => {
    const dir = tempDir({ 'bad.yaml': 'Id: [\n' });
    const result = run(['connectors', 'validate', PIPEDRIVE_FILE, path.join(dir, 'bad.yaml')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${PIPEDRIVE_FILE}: ok`);
    expect(result.stderr).toContain(`${path.join(dir, 'bad.yaml')}: YAML: `);
  });

  it('prints an MCP client config for an account, with a fresh token restricted to it', async () => {
    const dataDir = tempDir({});
    const env = { PATCHBAY_DATA_DIR: dataDir, PATCHBAY_PUBLIC_URL: 'https://patchbay.example.com', PATCHBAY_DATABASE_URL: '' };
    expect(run(['clients', 'create', '--name', 'agents'], env).status).toBe(0);
    expect(run(['accounts', 'create', 'Acme', '--id', 'acme'], env).status).toBe(0);
    const result = run(['mcp-config', '--account', 'acme'], env);
    expect(result.status).toBe(0);
    const config = JSON.parse(result.stdout) as {
      mcpServers: Record<string, { type: string; url: string; headers: { Authorization: string } }>;
    };
    const server = config.mcpServers['patchbay-acme'];
    expect(server).toMatchObject({ type: 'http', url: 'https://patchbay.example.com/mcp' });
    const token = server?.headers.Authorization.replace(/^Bearer /, '') as string;
    const ctx = await createContext(loadConfig(env));
    try {
      expect((await ctx.tokens.authenticate(token)).accountId).toBe('acme');
    } finally {
      await ctx.close();
    }
    const vscode = JSON.parse(run(['mcp-config', '--account', 'acme', '--format', 'vscode'], env).stdout) as { servers: object };
    expect(Object.keys(vscode.servers)).toEqual(['patchbay-acme']);
    const missing = run(['mcp-config', '--account', 'nobody'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Account 'nobody' not found");
    // Five command-line runs, each starting the product: seconds apiece on a busy machine.
  }, 90_000);

  it('refuses to serve with PATCHBAY_PORT=abc: non-zero exit and one line naming PATCHBAY_PORT', () => {
    const dataDir = tempDir({});
    const result = run(['serve'], { PATCHBAY_PORT: 'abc', PATCHBAY_DATA_DIR: dataDir });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PATCHBAY_PORT');
    expect(result.stdout).not.toContain('listening');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}
