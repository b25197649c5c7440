import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCatalogue } from '../src/catalogue/loader.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import type { CycleDefinition } from '../src/cycles/model.js';
import { templateDefinition } from '../src/cycles/template-definition.js';
import { templateJsonSchema } from '../src/cycles/template-json-schema.js';
import { loadTemplates, TemplateError } from '../src/cycles/template-loader.js';
import type { TemplateFile } from '../src/cycles/template-schema.js';
import { builtInConnectorsDir, builtInTemplatesDir } from '../src/paths.js';
import { type Patchbay, startPatchbay } from './support/harness.js';

const CAPSULE = 'capsule-party-to-pipedrive-person';
const CASPIO = 'caspio-record-to-capsule-party';
const WEBHOOK = 'webhook-pipedrive-deal-reply';

/** A connector whose one method refuses fields it does not declare. */
const STRICT_CONNECTOR = `
Id: 540
Slug: strict
Name: Strict
Description: Refuses undeclared fields
Version: "1"
BaseUrl: https://api.strict.example
Auth: { Type: None }
Categories: [{ Id: things, Name: Things }]
Methods:
  - Id: create-thing
    MethodUniqueIdentifier: 7a3c1f0e-0b6d-4f61-9a55-4d0c1b3e2f10
    Name: Create Thing
    Category: things
    HttpMethod: POST
    Endpoint: /things
    Fields: [{ Name: label, Type: string }, { Name: code, Type: string, ReadOnly: true }]
    AdditionalFields: false
    Output: { Item: { type: object, properties: { id: { type: integer } } } }
`;

const tempDirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-templates-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const catalogue = loadCatalogue([builtInConnectorsDir, tempDir({ 'strict.yaml': STRICT_CONNECTOR })]);
const shipped = (slug: string): TemplateFile => parse(readFileSync(path.join(builtInTemplatesDir, `${slug}.yaml`), 'utf8'));

function problemsOf(files: Record<string, unknown>): { dir: string; problems: string[] } {
  const dir = tempDir(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, stringify(data)])));
  try {
    loadTemplates([dir], catalogue);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return { dir, problems: (error as TemplateError).problems };
  }
  throw new Error('loadTemplates accepted the files');
}

/** The one sample template changed by `change`, and the problems loading it reports (file names stripped). */
function refusalsOf(slug: string, change: (t: TemplateFile & Record<string, unknown>) => void): string[] {
  const template = shipped(slug) as TemplateFile & Record<string, unknown>;
  change(template);
  const { dir, problems } = problemsOf({ 'bad.yaml': template });
  const prefix = `${path.join(dir, 'bad.yaml')}: `;
  for (const problem of problems) expect(problem.startsWith(prefix)).toBe(true);
  return problems.map((p) => p.slice(prefix.length));
}

const step = (t: TemplateFile, key: string) => {
  const found = t.Steps.find((s) => s.Key === key);
  if (found === undefined) throw new Error(`no step ${key}`);
  return found as typeof found & Record<string, unknown>;
};
const stepField = (SourceStep: string, SourceFieldId: string) => ({ MappingType: 'StepField' as const, SourceStep, SourceFieldId });

describe('shipped templates', () => {
  it('load against the shipped connectors, all three', () => {
    const templates = loadTemplates([builtInTemplatesDir], loadCatalogue([builtInConnectorsDir]));
    expect(templates.all.map((t) => t.definition.Slug).sort()).toEqual([CAPSULE, CASPIO, WEBHOOK]);
  });

  it('point at the committed JSON Schema, which is the one the loader validates with (npm run templates:schema)', () => {
    const committed = readFileSync(path.join(builtInTemplatesDir, 'template.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(templateJsonSchema()));
    for (const slug of [CAPSULE, CASPIO, WEBHOOK]) {
      const text = readFileSync(path.join(builtInTemplatesDir, `${slug}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./template.schema.json');
    }
  });
});

describe('cross-checks refuse a template, naming the file and the JSON path', () => {
  const cases: [string, string, (t: TemplateFile & Record<string, unknown>) => void, string][] = [
    [
      'a property the schema does not know',
      WEBHOOK,
      (t) => Object.assign(step(t, 'order'), { Colour: 'red' }),
      '/Steps/0: unknown property "Colour"',
    ],
    [
      'a step Key used twice',
      WEBHOOK,
      (t) => Object.assign(step(t, 'small_order'), { Key: 'reply' }),
      '/Steps/4/Key: "reply" is the Key of another step',
    ],
    [
      'an unknown connector',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal'), { Connector: 'hubspot' }),
      '/Steps/2/Connector: "hubspot" is not the Slug of a connector in the catalogue',
    ],
    [
      'an unknown method',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal'), { Method: 'create-lead' }),
      '/Steps/2/Method: "create-lead" is not a method of pipedrive',
    ],
    [
      "a customisable category's method without its Object",
      CASPIO,
      (t) => delete step(t, 'new_record').Object,
      '/Steps/0/Object: required: caspio list-records works on one object of category "tables" (its table)',
    ],
    [
      'an Object on a method of no customisable category',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal'), { Object: 'Deals' }),
      '/Steps/2/Object: pipedrive create-deal does not work on an object of a customisable category',
    ],
    [
      'a parameter the method does not have',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal'), { Parameters: { nope: { MappingType: 'StaticValue', Value: 1 } } }),
      '/Steps/2/Parameters/nope: not a parameter of pipedrive create-deal',
    ],
    [
      'a required parameter left unmapped',
      CAPSULE,
      (t) => Object.assign(step(t, 'new_party'), { Method: 'get-party' }),
      '/Steps/0/Parameters: the required parameter "id" of capsule get-party is not mapped',
    ],
    [
      'a required field left unmapped',
      WEBHOOK,
      (t) => delete step(t, 'create_deal').Fields?.title,
      '/Steps/2/Fields: the required field "title" of pipedrive create-deal is not mapped',
    ],
    [
      'a required field mapped as Ignore',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { title: { MappingType: 'Ignore' } }),
      '/Steps/2/Fields: the required field "title" of pipedrive create-deal is not mapped',
    ],
    [
      'a field the method refuses (AdditionalFields: false)',
      WEBHOOK,
      (t) =>
        Object.assign(step(t, 'create_deal'), {
          Connector: 'strict',
          Method: 'create-thing',
          Fields: { labl: stepField('order', 'title') },
        }),
      '/Steps/2/Fields/labl: not a field of strict create-thing',
    ],
    [
      'a read-only field',
      WEBHOOK,
      (t) =>
        Object.assign(step(t, 'create_deal'), {
          Connector: 'strict',
          Method: 'create-thing',
          Fields: { code: stepField('order', 'title') },
        }),
      '/Steps/2/Fields/code: read-only in strict create-thing',
    ],
    [
      'a StepField from no step',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { title: stepField('nobody', 'title') }),
      '/Steps/2/Fields/title/SourceStep: "nobody" is not the Key of a step',
    ],
    [
      'a StepField from a later step',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { title: stepField('reply', 'title') }),
      '/Steps/2/Fields/title/SourceStep: "reply" does not come before "create_deal" in the edges\' order',
    ],
    [
      "a StepField path not in a webhook's sample payload",
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { title: stepField('order', 'titel') }),
      '/Steps/2/Fields/title/SourceFieldId: "titel" is not a field of the output of "order"',
    ],
    [
      "a StepField path not in a method's declared output",
      CAPSULE,
      (t) => Object.assign(step(t, 'create_person').Fields ?? {}, { email: stepField('new_party', 'emailAddresses.0.mail') }),
      '/Steps/1/Fields/email/SourceFieldId: "emailAddresses.0.mail" is not a field of the output of "new_party"',
    ],
    [
      'a StepField from a step without output',
      WEBHOOK,
      (t) => Object.assign(step(t, 'reply').Response ?? {}, { Body: stepField('large_order', 'x') }),
      '/Steps/3/Response/Body/SourceStep: "large_order" (Decision) has no output fields to map',
    ],
    [
      'a StepField without its SourceFieldId',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { title: { MappingType: 'StepField', SourceStep: 'order' } }),
      '/Steps/2/Fields/title/SourceFieldId: required for a StepField mapping',
    ],
    [
      'a Variable mapping of an undeclared variable',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal').Fields ?? {}, { currency: { MappingType: 'Variable', VariableName: 'Currency' } }),
      '/Steps/2/Fields/currency/VariableName: "Currency" is not a declared variable',
    ],
    [
      'an Expression that does not compile',
      WEBHOOK,
      (t) =>
        Object.assign(step(t, 'reply').Response ?? {}, { Body: { MappingType: 'Expression', Value: '{"DealId": steps.create_deal.id' } }),
      '/Steps/3/Response/Body/Value: not a valid JSONata expression: Expected "}" before end of expression at 31',
    ],
    [
      'a property of another kind of step',
      WEBHOOK,
      (t) => Object.assign(step(t, 'create_deal'), { DelaySeconds: 60 }),
      '/Steps/2/DelaySeconds: only a Delay step has DelaySeconds',
    ],
    [
      'a Decision comparing with no right operand',
      WEBHOOK,
      (t) => delete step(t, 'large_order').Decision?.Right,
      '/Steps/1/Decision/Right: required for GreaterThan',
    ],
    [
      'an edge to no step',
      WEBHOOK,
      (t) => t.Edges?.push({ From: 'reply', To: 'nowhere' }),
      '/Edges/4/To: "nowhere" is not the Key of a step',
    ],
    [
      'a True edge out of a step that is not a Decision',
      WEBHOOK,
      (t) => Object.assign(t.Edges?.[3] ?? {}, { EdgeType: 'True' }),
      '/Edges/3/EdgeType: True edges leave only a Decision step',
    ],
    [
      'two triggers',
      WEBHOOK,
      (t) => t.Edges?.splice(2, 1),
      '/Edges: "order", "small_order" have no edge leading to them; a cycle has exactly one trigger',
    ],
    [
      'a trigger that is neither a Method nor a Webhook',
      CAPSULE,
      (t) => {
        t.Steps.push({ Key: 'wait', Name: 'Wait', ActionType: 'Delay', DelaySeconds: 60 });
        t.Edges?.push({ From: 'wait', To: 'new_party' });
      },
      '/Steps/2/ActionType: the trigger "wait" must be a Method or a Webhook step',
    ],
    [
      'steps the trigger does not reach',
      CAPSULE,
      (t) => {
        t.Steps.push(
          { Key: 'a', Name: 'A', ActionType: 'Delay', DelaySeconds: 1 },
          { Key: 'b', Name: 'B', ActionType: 'Delay', DelaySeconds: 1 },
        );
        t.Edges?.push({ From: 'a', To: 'b' }, { From: 'b', To: 'a' });
      },
      '/Steps/2: "a" is not reached from the trigger "new_party"',
    ],
    [
      'a loop',
      CAPSULE,
      (t) => {
        t.Steps.push(
          { Key: 'a', Name: 'A', ActionType: 'Delay', DelaySeconds: 1 },
          { Key: 'b', Name: 'B', ActionType: 'Delay', DelaySeconds: 1 },
        );
        t.Edges?.push({ From: 'create_person', To: 'a' }, { From: 'a', To: 'b' }, { From: 'b', To: 'a' });
      },
      '/Edges/3: the edge from "b" to "a" closes a loop; a transaction must end',
    ],
    [
      'a synchronous response without a webhook trigger',
      CAPSULE,
      (t) => {
        t.Steps.push({
          Key: 'reply',
          Name: 'Reply',
          ActionType: 'SynchronousResponse',
          Response: { Status: 200, Body: { MappingType: 'StaticValue', Value: 'ok' } },
        });
        t.Edges?.push({ From: 'create_person', To: 'reply' });
      },
      '/Steps/2/ActionType: a SynchronousResponse answers a webhook, and the trigger "new_party" is not one',
    ],
  ];
  it.each(cases)('%s', (_name, slug, change, expected) => {
    expect(refusalsOf(slug, change)).toContain(expected);
  });

  it('refuses two files with the same Id or Slug, naming both', () => {
    const template = shipped(WEBHOOK);
    const { dir, problems } = problemsOf({ 'a.yaml': template, 'b.yaml': template });
    expect(problems).toEqual([
      `${path.join(dir, 'b.yaml')}: /Id ${template.Id} is already used by ${path.join(dir, 'a.yaml')}`,
      `${path.join(dir, 'b.yaml')}: /Slug "${template.Slug}" is already used by ${path.join(dir, 'a.yaml')}`,
    ]);
  });

  it('fails start-up listing every problem of every file in PATCHBAY_TEMPLATES_DIR', async () => {
    const bad = shipped(WEBHOOK);
    Object.assign(step(bad, 'create_deal'), { Method: 'create-lead' });
    const worse = { ...shipped(CAPSULE), Edges: [] as unknown[], Colour: 'red' };
    const templates = tempDir({ 'bad.yaml': stringify(bad), 'worse.yaml': stringify(worse) });
    const config = loadConfig({ PATCHBAY_DATA_DIR: tempDir({}), PATCHBAY_LOG_LEVEL: 'silent', PATCHBAY_TEMPLATES_DIR: templates });
    const failure = await createContext(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TemplateError);
    expect((failure as TemplateError).problems).toEqual([
      `${path.join(templates, 'bad.yaml')}: /Steps/2/Method: "create-lead" is not a method of pipedrive`,
      `${path.join(templates, 'worse.yaml')}: /: unknown property "Colour"`,
    ]);
  });
});

describe('the cycle definition of a template', () => {
  it('has the steps by Key, connectors by Slug, method ids, mappings and edges by Keys (Head: the step an edge leaves)', () => {
    const definition: CycleDefinition = templateDefinition(shipped(WEBHOOK));
    expect(definition).toMatchObject({
      Name: 'Webhook -> Pipedrive deal -> synchronous reply with the deal id',
      StepErrorAction: 'StopTransaction',
      Variables: [],
      Edges: [
        { Head: 'order', Tail: 'large_order', EdgeType: 'Forward' },
        { Head: 'large_order', Tail: 'create_deal', EdgeType: 'True' },
        { Head: 'large_order', Tail: 'small_order', EdgeType: 'False' },
        { Head: 'create_deal', Tail: 'reply', EdgeType: 'Forward' },
      ],
    });
    // Settings the template leaves out are left to the cycle defaults.
    expect(definition.CollectionSplitType).toBeUndefined();
    expect(definition.Steps.map((s) => [s.Key, s.ActionType, s.Connector, s.MethodId])).toEqual([
      ['order', 'Webhook', undefined, undefined],
      ['large_order', 'Decision', undefined, undefined],
      ['create_deal', 'Method', 'pipedrive', 'create-deal'],
      ['reply', 'SynchronousResponse', undefined, undefined],
      ['small_order', 'Stop', undefined, undefined],
    ]);
    const [order, decision, deal, reply] = definition.Steps;
    expect(order?.SamplePayload).toEqual({ title: 'Website order 1001', amount: 1200, currency: 'EUR', person_id: 1 });
    expect(decision?.Decision).toEqual({
      Left: stepField('order', 'amount'),
      Condition: 'GreaterThan',
      Right: { MappingType: 'StaticValue', Value: 1000 },
    });
    expect(deal?.Fields?.value).toEqual(stepField('order', 'amount'));
    expect(deal?.Parameters).toBeUndefined();
    expect(reply?.Response).toEqual({ Status: 200, Body: { MappingType: 'Expression', Value: '{"DealId": steps.create_deal.id}' } });
  });

  it("keeps a customisable category's Object for the install", () => {
    const [trigger] = templateDefinition(shipped(CASPIO)).Steps;
    expect(trigger).toMatchObject({ Connector: 'caspio', MethodId: 'list-records', Object: 'Contacts' });
  });
});

describe('GET /v1.0/templates', () => {
  let patchbay: Patchbay;
  beforeAll(async () => {
    patchbay = await startPatchbay();
  });
  afterAll(() => patchbay?.close());

  it('lists the templates with the connectors each uses, their step counts and icons', async () => {
    const reply = await patchbay.call('GET', '/v1.0/templates');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('total-records')).toBe('3');
    const templates = (await reply.json()) as {
      Id: string;
      Name: string;
      Connectors: { Name: string; StepCount: number; Icon: string }[];
    }[];
    const capsule = templates.find((t) => t.Name === 'Capsule: new party -> Pipedrive person');
    expect(capsule?.Connectors).toEqual([
      { Id: 3, Name: 'Capsule v2', Version: '2.0', StepCount: 1, Icon: `${patchbay.url}/v1.0/connectors/3/icon` },
      { Id: 2, Name: 'Pipedrive', Version: '2.0', StepCount: 1, Icon: `${patchbay.url}/v1.0/connectors/2/icon` },
    ]);
    const webhook = templates.find((t) => t.Id === 'b5043790-1fe2-4d4a-9f62-aff8192e3b90');
    expect(webhook?.Connectors.map((c) => [c.Name, c.StepCount])).toEqual([['Pipedrive', 1]]);
  });

  it('pages with page and pageSize, totals in the headers', async () => {
    const all = (await (await patchbay.call('GET', '/v1.0/templates')).json()) as { Id: string }[];
    const reply = await patchbay.call('GET', '/v1.0/templates?page=2&pageSize=2');
    expect(reply.headers.get('total-pages')).toBe('2');
    expect(((await reply.json()) as { Id: string }[]).map((t) => t.Id)).toEqual([all[2]?.Id]);
  });

  it('filters by connectorName, the Name in any case or the Slug', async () => {
    const names = async (query: string) =>
      ((await (await patchbay.call('GET', `/v1.0/templates?connectorName=${query}`)).json()) as { Name: string }[]).map((t) => t.Name);
    expect(await names('caspio')).toEqual(['Caspio: new record in a table -> Capsule party']);
    expect(await names('PIPEDRIVE')).toHaveLength(2);
    expect(await names('capsule%20V2')).toEqual(await names('capsule'));
    expect(await names('capsule')).toHaveLength(2);
    expect(await names('nobody')).toEqual([]);
  });

  it('answers one template by Id or Slug with its steps summarised, and 404 for an unknown one', async () => {
    const reply = await patchbay.call('GET', `/v1.0/templates/${CASPIO}`);
    expect(reply.status).toBe(200);
    const template = (await reply.json()) as { Id: string; Steps: unknown[]; Edges: unknown[] };
    expect(template.Steps[0]).toEqual({
      Key: 'new_record',
      Name: 'New record in the Contacts table',
      ActionType: 'Method',
      ConnectorId: 5,
      ConnectorName: 'Caspio',
      MethodId: 'list-records',
      MethodName: 'List Records',
      Object: 'Contacts',
      Parameters: [],
      Fields: [],
    });
    expect(template.Edges).toEqual([{ From: 'new_record', To: 'create_party', EdgeType: 'Forward' }]);
    expect((await patchbay.call('GET', `/v1.0/templates/${template.Id.toUpperCase()}`)).status).toBe(200);
    const missing = await patchbay.call('GET', '/v1.0/templates/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ Code: 'PB_ERR_NOT_FOUND' });
  });

  it('refuses a call without a token', async () => {
    expect((await patchbay.call('GET', '/v1.0/templates', { token: null })).status).toBe(401);
  });
});
