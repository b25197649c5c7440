import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

type Cycle = Reply<'getCycle'>;
type Step = Reply<'getCycleStep'>;
type Prerequisite = Reply<'listCyclePrerequisites'>[number];

const EXAMPLE = 1;
const CAPSULE = 3;
const EXAMPLE_KEY = 'example-api-key';

describe('cycles API', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    patchbay = await startPatchbay(overrides({ 'https://api.example.com': example.url }));
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
  });

  /** An account with the Example connector installed and authenticated. */
  async function account(): Promise<{ account: string; exampleId: number }> {
    const id = `cycles-${randomUUID()}`;
    return { account: id, exampleId: await installInto(patchbay, id, EXAMPLE, EXAMPLE_KEY) };
  }

  function client(account: string) {
    const send = async <T>(method: string, path: string, body?: unknown, status = 200): Promise<T> => {
      const reply = await patchbay.call(method, path, { account, body });
      const text = await reply.text();
      expect(reply.status, `${method} ${path}: ${text}`).toBe(status);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    };
    const refused = async (method: string, path: string, body: unknown, status: number, code: string): Promise<ErrorReply> => {
      const reply = await patchbay.call(method, path, { account, body });
      const answer = (await reply.json()) as ErrorReply;
      expect({ status: reply.status, code: answer.Code }, answer.Message).toEqual({ status, code });
      return answer;
    };
    return {
      send,
      refused,
      cycle: (body: Record<string, unknown> = { Name: 'A cycle' }) => send<Cycle>('POST', '/v1.0/cycles', body),
      step: (cycleId: number, body: Record<string, unknown>) => send<Step>('POST', `/v1.0/cycles/${cycleId}/steps`, body),
      edge: (cycleId: number, HeadStepId: number, TailStepId: number, EdgeType = 'Forward') =>
        send<Reply<'createCycleEdge'>>('POST', `/v1.0/cycles/${cycleId}/edges`, { HeadStepId, TailStepId, EdgeType }),
      map: (stepId: number, kind: 'parameters' | 'fieldmappings', name: string, mapping: Record<string, unknown>) =>
        send<Reply<'setStepParameter'>>('PUT', `/v1.0/steps/${stepId}/${kind}/${name}`, mapping),
      prerequisites: async (cycleId: number) =>
        (await send<Prerequisite[]>('GET', `/v1.0/cycles/${cycleId}/prerequisites`)).map((p) => [p.ReasonCode, p.ObjectType, p.FieldName]),
    };
  }

  /** A complete cycle: list contacts -> decision (email exists?) -> true: update contact -> create contact; false: stop. */
  async function buildCycle(api: ReturnType<typeof client>, exampleId: number) {
    const cycle = await api.cycle({ Name: 'Contacts sync', Description: 'Copies contacts', StepErrorAction: 'StopTransaction' });
    const list = await api.step(cycle.Id, {
      Name: 'List contacts',
      Key: 'contacts',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: 'list-contacts',
    });
    const decide = await api.step(cycle.Id, { Name: 'Has an email?', ActionType: 'Decision' });
    const update = await api.step(cycle.Id, {
      Name: 'Update',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: 'update-contact',
    });
    const create = await api.step(cycle.Id, {
      Name: 'Create',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: '6f1c2a0e-3b7d-4c59-9a52-1d0e8f3b7a04',
    });
    const stop = await api.step(cycle.Id, { Name: 'Stop', ActionType: 'Stop' });
    await api.edge(cycle.Id, list.Id, decide.Id);
    await api.edge(cycle.Id, decide.Id, update.Id, 'True');
    await api.edge(cycle.Id, decide.Id, stop.Id, 'False');
    await api.edge(cycle.Id, update.Id, create.Id);
    await api.send('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'domain', DisplayName: 'Mail domain', Value: 'example.org' });
    await api.send('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'apiSecret', Value: 'a-very-secret-value', Sensitive: true });
    await api.send('PUT', `/v1.0/steps/${decide.Id}`, {
      Decision: { Left: { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'email' }, Condition: 'Exists' },
    });
    await api.map(list.Id, 'parameters', 'page', { MappingType: 'StaticValue', Value: 1 });
    await api.map(list.Id, 'parameters', 'per_page', { MappingType: 'Ignore' });
    await api.map(update.Id, 'parameters', 'id', { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'id' });
    await api.map(update.Id, 'fieldmappings', 'name', { MappingType: 'Expression', Value: 'steps.contacts.name & " (copy)"' });
    await api.map(update.Id, 'fieldmappings', 'email', { MappingType: 'Variable', VariableName: 'domain' });
    await api.map(create.Id, 'fieldmappings', 'name', { MappingType: 'ValueList', Value: 'Ada' });
    await api.map(create.Id, 'fieldmappings', 'email', { MappingType: 'StepField', SourceStepId: update.Id, SourceFieldId: 'email' });
    return { cycle, list, decide, update, create, stop };
  }

  it('creates a blank cycle with the default settings, paused', async () => {
    const { account: id } = await account();
    const cycle = await client(id).cycle({ Name: 'Blank' });
    expect(cycle).toEqual({
      Id: expect.any(Number),
      Name: 'Blank',
      Description: null,
      Status: 'Paused',
      TemplateId: null,
      StepErrorAction: 'Retry',
      CollectionSplitType: 'First',
      LogStepDataRequests: false,
      StepDataSuccessRetentionHours: 744,
      StepDataErroredRetentionHours: 744,
      StartTime: null,
      Interval: null,
      RunOnce: false,
      CreatedOnUtc: expect.any(String),
      LastSuccessfulRunDate: null,
      ErrorCount: 0,
      WarningCount: 0,
      InProgressTransactionCount: 0,
      Connectors: [],
    });
  });

  it('builds a cycle of method steps, a decision and mappings of every type, and reads every part back', async () => {
    const { account: id, exampleId } = await account();
    const api = client(id);
    const { cycle, list, decide, update, create, stop } = await buildCycle(api, exampleId);

    const read = await api.send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`);
    expect(read).toMatchObject({ Name: 'Contacts sync', Description: 'Copies contacts', StepErrorAction: 'StopTransaction' });
    expect(read.Connectors).toEqual([
      {
        Id: EXAMPLE,
        AccountConnectorId: exampleId,
        Name: 'Example Connector',
        Version: '1.0',
        Authenticated: true,
        StepCount: 3,
        Icon: `${patchbay.url}/v1.0/connectors/1/icon`,
      },
    ]);
    const steps = await api.send<Step[]>('GET', `/v1.0/cycles/${cycle.Id}/steps`);
    expect(steps.map((s) => [s.Name, s.ActionType, s.Key])).toEqual([
      ['List contacts', 'Method', 'contacts'],
      ['Has an email?', 'Decision', `step_${decide.Id}`],
      ['Update', 'Method', `step_${update.Id}`],
      ['Create', 'Method', `step_${create.Id}`],
      ['Stop', 'Stop', `step_${stop.Id}`],
    ]);
    expect(steps[3]).toMatchObject({ MethodId: 'create-contact', MethodUniqueIdentifier: '6f1c2a0e-3b7d-4c59-9a52-1d0e8f3b7a04' });
    expect(await api.send('GET', `/v1.0/steps/${decide.Id}`)).toMatchObject({
      Decision: { Left: { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'email' }, Condition: 'Exists', Right: null },
    });
    const edges = await api.send<Reply<'listCycleEdges'>>('GET', `/v1.0/cycles/${cycle.Id}/edges`);
    expect(edges.map((e) => [e.HeadStepId, e.TailStepId, e.EdgeType])).toEqual([
      [list.Id, decide.Id, 'Forward'],
      [decide.Id, update.Id, 'True'],
      [decide.Id, stop.Id, 'False'],
      [update.Id, create.Id, 'Forward'],
    ]);
    expect(await api.send('GET', `/v1.0/steps/${update.Id}/parameters`)).toEqual([
      {
        Name: 'id',
        DataType: 'integer',
        IsRequired: true,
        Description: '',
        Mapping: { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'id' },
      },
    ]);
    expect(await api.send('GET', `/v1.0/steps/${update.Id}/fieldmappings/name`)).toMatchObject({
      Mapping: { MappingType: 'Expression', Value: 'steps.contacts.name & " (copy)"' },
    });
    expect(await api.send('GET', `/v1.0/steps/${create.Id}/fieldmappings`)).toMatchObject([
      { Name: 'name', IsRequired: true, Mapping: { MappingType: 'ValueList', Value: 'Ada' } },
      { Name: 'email', IsRequired: false, Mapping: { MappingType: 'StepField', SourceStepId: update.Id, SourceFieldId: 'email' } },
    ]);
    expect(await api.send('GET', `/v1.0/steps/${list.Id}/parameters`)).toMatchObject([
      { Name: 'page', Mapping: { MappingType: 'StaticValue', Value: 1 } },
      { Name: 'per_page', Mapping: { MappingType: 'Ignore' } },
    ]);
    expect(await api.send('GET', `/v1.0/cycles/${cycle.Id}/variables`)).toEqual([
      { Name: 'apiSecret', DisplayName: 'apiSecret', Value: expect.stringMatching(/^\*+alue$/), Sensitive: true },
      { Name: 'domain', DisplayName: 'Mail domain', Value: 'example.org', Sensitive: false },
    ]);
    expect((await patchbay.storedBytes()).includes('a-very-secret-value')).toBe(false);
  });

  it('lists the earlier steps with their typed output fields for mapping, a webhook by its sample payload', async () => {
    const { account: id, exampleId } = await account();
    const api = client(id);
    const { list, update, create } = await buildCycle(api, exampleId);
    const fields = await api.send<Reply<'listStepFieldsForMapping'>>('GET', `/v1.0/steps/${create.Id}/fieldsformapping`);
    expect(fields.map((f) => [f.StepId, f.StepKey])).toEqual([
      [list.Id, 'contacts'],
      [update.Id, `step_${update.Id}`],
    ]);
    expect(fields[0]?.Fields).toEqual([
      { Field: 'id', DataType: 'integer', IsNullable: false, Format: null, Description: 'Contact id' },
      { Field: 'name', DataType: 'string', IsNullable: false, Format: null, Description: 'Name' },
      { Field: 'email', DataType: 'string', IsNullable: true, Format: null, Description: 'Email address' },
      { Field: 'createdAt', DataType: 'string', IsNullable: false, Format: 'date-time', Description: 'When the contact was created (UTC)' },
    ]);
    expect(await api.send('GET', `/v1.0/steps/${list.Id}/fieldsformapping`)).toEqual([]);

    const hooked = await api.cycle({ Name: 'Hooked' });
    const hook = await api.step(hooked.Id, {
      Name: 'Incoming',
      ActionType: 'Webhook',
      SamplePayload: { deal: { title: 'Big', amount: 10.5 }, tags: [{ name: 'x' }] },
    });
    expect(hook.WebhookUrl).toMatch(new RegExp(`^${patchbay.url}/api/webhook/[A-Za-z0-9_-]{32}$`));
    const after = await api.step(hooked.Id, {
      Name: 'Create',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: 'create-contact',
    });
    await api.edge(hooked.Id, hook.Id, after.Id);
    const offered = await api.send<Reply<'listStepFieldsForMapping'>>('GET', `/v1.0/steps/${after.Id}/fieldsformapping`);
    expect(offered[0]?.Fields.map((f) => [f.Field, f.DataType])).toEqual([
      ['deal', 'object'],
      ['deal.title', 'string'],
      ['deal.amount', 'number'],
      ['tags', 'array'],
      ['tags[].name', 'string'],
    ]);
  });

  it('names each prerequisite as the graph is filled in, and activates once none is left', async () => {
    const { account: id, exampleId } = await account();
    const capsuleId = await installInto(patchbay, id, CAPSULE);
    const api = client(id);
    const cycle = await api.cycle();
    expect(await api.prerequisites(cycle.Id)).toEqual([[10, 'Cycle', null]]);
    const delay = await api.step(cycle.Id, { Name: 'Wait', ActionType: 'Delay' });
    const first = await api.step(cycle.Id, {
      Name: 'List',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: 'list-contacts',
    });
    // Two starts: the delay is the first step with nothing after it, so the other is named unconnected.
    expect(await api.prerequisites(cycle.Id)).toEqual([
      [11, 'Step', null],
      [11, 'Step', null],
      [32, 'Step', null],
    ]);
    await api.edge(cycle.Id, first.Id, delay.Id);
    expect(await api.prerequisites(cycle.Id)).toEqual([[32, 'Step', null]]);
    await api.send('PUT', `/v1.0/steps/${delay.Id}`, { DelaySeconds: 60 });
    const party = await api.step(cycle.Id, {
      Name: 'Party',
      ActionType: 'Method',
      AccountConnectorId: capsuleId,
      MethodId: 'update-party',
    });
    const decide = await api.step(cycle.Id, { Name: 'Decide', ActionType: 'Decision' });
    const wait = await api.step(cycle.Id, { Name: 'Until', ActionType: 'WaitUntil' });
    await api.edge(cycle.Id, delay.Id, party.Id);
    await api.edge(cycle.Id, party.Id, decide.Id);
    await api.edge(cycle.Id, decide.Id, wait.Id, 'True');
    expect(await api.prerequisites(cycle.Id)).toEqual([
      [20, 'AccountConnector', null],
      [40, 'StepParameter', 'id'],
      [31, 'Step', null],
      [33, 'Step', null],
    ]);
    const refused = await api.refused('PUT', `/v1.0/cycles/${cycle.Id}/activate`, {}, 409, 'PB_ERR_CYCLE_PREREQUISITES');
    expect(refused.Prerequisites?.map((p) => p.ReasonCode)).toEqual([20, 40, 31, 33]);
    expect(refused.Prerequisites?.[1]).toEqual({
      ReasonCode: 40,
      Reason: expect.stringContaining("'id'"),
      ObjectType: 'StepParameter',
      ObjectId: String(party.Id),
      StepId: party.Id,
      FieldName: 'id',
    });

    await api.send(
      'PUT',
      `/v1.0/steps/${decide.Id}`,
      {
        Decision: {
          Left: { MappingType: 'Variable', VariableName: 'missing' },
          Condition: 'Equals',
          Right: { MappingType: 'StaticValue', Value: 1 },
        },
      },
      400,
    );
    await api.send('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'limit', Value: '5' });
    await api.send('PUT', `/v1.0/steps/${decide.Id}`, {
      Decision: {
        Left: { MappingType: 'Variable', VariableName: 'limit' },
        Condition: 'Equals',
        Right: { MappingType: 'Variable', VariableName: 'limit' },
      },
    });
    // Removing the variable the operands read leaves both missing.
    await api.send('DELETE', `/v1.0/cycles/${cycle.Id}/variables/limit`, undefined, 204);
    expect((await api.prerequisites(cycle.Id)).filter(([code]) => code === 50 || code === 51)).toEqual([
      [50, 'Step', null],
      [51, 'Step', null],
    ]);
    await api.send('PUT', `/v1.0/steps/${decide.Id}`, {
      Decision: { Left: { MappingType: 'StepField', SourceStepId: first.Id, SourceFieldId: 'name' }, Condition: 'Exists' },
    });
    await api.send('PUT', `/v1.0/steps/${wait.Id}`, {
      WaitUntil: { MappingType: 'StepField', SourceStepId: first.Id, SourceFieldId: 'createdAt' },
    });
    // The Capsule step goes back to Example, whose update needs its id.
    await api.send('PUT', `/v1.0/steps/${party.Id}`, { AccountConnectorId: exampleId, MethodId: 'update-contact' });
    expect(await api.prerequisites(cycle.Id)).toEqual([[40, 'StepParameter', 'id']]);
    const create = await api.step(cycle.Id, {
      Name: 'Create',
      ActionType: 'Method',
      AccountConnectorId: exampleId,
      MethodId: 'create-contact',
    });
    await api.edge(cycle.Id, wait.Id, create.Id);
    expect(await api.prerequisites(cycle.Id)).toEqual([
      [40, 'StepParameter', 'id'],
      [41, 'StepField', 'name'],
    ]);
    await api.map(party.Id, 'parameters', 'id', { MappingType: 'StepField', SourceStepId: first.Id, SourceFieldId: 'id' });
    await api.map(create.Id, 'fieldmappings', 'name', { MappingType: 'Ignore' });
    expect(await api.prerequisites(cycle.Id)).toEqual([[41, 'StepField', 'name']]);
    await api.map(create.Id, 'fieldmappings', 'name', { MappingType: 'StepField', SourceStepId: first.Id, SourceFieldId: 'name' });
    expect(await api.prerequisites(cycle.Id)).toEqual([]);

    await api.refused('PUT', `/v1.0/cycles/${cycle.Id}/activate`, { Interval: 7 }, 400, 'PB_ERR_BAD_REQUEST');
    const active = await api.send<Cycle>('PUT', `/v1.0/cycles/${cycle.Id}/activate`, {
      Interval: 15,
      StartTime: '2030-01-01T00:00:00Z',
    });
    expect(active).toMatchObject({ Status: 'Active', Interval: 15, StartTime: '2030-01-01T00:00:00.000Z', RunOnce: false });
  });

  it('answers 409 to every change of an active cycle until it is deactivated', async () => {
    const { account: id, exampleId } = await account();
    const api = client(id);
    const { cycle, list, update, create } = await buildCycle(api, exampleId);
    expect((await api.send<Cycle>('PUT', `/v1.0/cycles/${cycle.Id}/activate`, { RunOnce: true })).Status).toBe('Active');
    const conflict = (method: string, path: string, body?: unknown) => api.refused(method, path, body, 409, 'PB_ERR_CYCLE_ACTIVE');
    await conflict('PUT', `/v1.0/cycles/${cycle.Id}`, { Name: 'Renamed' });
    await conflict('DELETE', `/v1.0/cycles/${cycle.Id}`);
    await conflict('PUT', `/v1.0/cycles/${cycle.Id}/activate`);
    await conflict('POST', `/v1.0/cycles/${cycle.Id}/steps`, { Name: 'More', ActionType: 'Stop' });
    await conflict('PUT', `/v1.0/steps/${list.Id}`, { Name: 'Renamed' });
    await conflict('DELETE', `/v1.0/steps/${create.Id}`);
    await conflict('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: list.Id, TailStepId: create.Id });
    await conflict('DELETE', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: update.Id, TailStepId: create.Id });
    await conflict('PUT', `/v1.0/steps/${create.Id}/fieldmappings/name`, { MappingType: 'StaticValue', Value: 'x' });
    await conflict('DELETE', `/v1.0/steps/${create.Id}/fieldmappings/name`);
    await conflict('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'more', Value: 'x' });
    await conflict('PUT', `/v1.0/cycles/${cycle.Id}/variables/domain`, { Value: 'y' });
    await conflict('DELETE', `/v1.0/cycles/${cycle.Id}/variables/domain`);
    expect((await api.send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`)).Name).toBe('Contacts sync');

    expect((await api.send<Cycle>('PUT', `/v1.0/cycles/${cycle.Id}/deactivate`)).Status).toBe('Paused');
    expect((await api.send<Cycle>('PUT', `/v1.0/cycles/${cycle.Id}`, { Name: 'Renamed' })).Name).toBe('Renamed');
  });

  it('refuses faulty parts with a 400 naming the fault, and writes nothing', async () => {
    const { account: id, exampleId } = await account();
    const api = client(id);
    const { cycle, list, decide, update, create } = await buildCycle(api, exampleId);
    const bad = async (method: string, path: string, body: unknown, mentions: string, status = 400, code = 'PB_ERR_BAD_REQUEST') =>
      expect((await api.refused(method, path, body, status, code)).Message).toContain(mentions);
    const steps = `/v1.0/cycles/${cycle.Id}/steps`;
    await bad(
      'POST',
      steps,
      { Name: 'X', ActionType: 'Method', AccountConnectorId: exampleId, MethodId: 'no-such-method' },
      'no-such-method',
    );
    await bad('POST', steps, { Name: 'X', ActionType: 'Method', AccountConnectorId: exampleId }, 'MethodId');
    await bad(
      'POST',
      steps,
      { Name: 'X', ActionType: 'Method', AccountConnectorId: 999_999, MethodId: 'get-me' },
      '999999',
      404,
      'PB_ERR_NOT_FOUND',
    );
    await bad('POST', steps, { Name: 'X', ActionType: 'Stop', DelaySeconds: 5 }, 'DelaySeconds');
    await bad('POST', steps, { Name: 'X', ActionType: 'Delay', DelaySeconds: 0 }, 'DelaySeconds');
    await bad('POST', steps, { Name: 'X', ActionType: 'Stop', Key: 'contacts' }, 'contacts', 409, 'PB_ERR_CONFLICT');
    await bad('PUT', `/v1.0/steps/${update.Id}/parameters/nope`, { MappingType: 'StaticValue', Value: 1 }, "'nope'");
    await bad('PUT', `/v1.0/steps/${update.Id}/fieldmappings/nope`, { MappingType: 'StaticValue', Value: 1 }, "'nope'");
    await bad(
      'PUT',
      `/v1.0/steps/${update.Id}/parameters/id`,
      { MappingType: 'StepField', SourceStepId: create.Id, SourceFieldId: 'id' },
      "'Create' does not come before",
    );
    await bad(
      'PUT',
      `/v1.0/steps/${update.Id}/parameters/id`,
      { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'emails[].x' },
      'SourceFieldId',
    );
    await bad('PUT', `/v1.0/steps/${update.Id}/fieldmappings/name`, { MappingType: 'Variable', VariableName: 'ghost' }, "'ghost'");
    await bad('PUT', `/v1.0/steps/${update.Id}/fieldmappings/name`, { MappingType: 'Expression', Value: 'steps.contacts.(' }, 'Expression');
    await bad('PUT', `/v1.0/steps/${update.Id}/fieldmappings/name`, { MappingType: 'StaticValue' }, 'Value');
    await bad('PUT', `/v1.0/steps/${decide.Id}/parameters/x`, { MappingType: 'Ignore' }, 'Decision step');
    const edges = `/v1.0/cycles/${cycle.Id}/edges`;
    await bad('POST', edges, { HeadStepId: create.Id, TailStepId: list.Id }, 'loop');
    await bad('POST', edges, { HeadStepId: list.Id, TailStepId: list.Id }, 'itself');
    await bad('POST', edges, { HeadStepId: list.Id, TailStepId: create.Id, EdgeType: 'True' }, 'Decision');
    await bad('POST', edges, { HeadStepId: list.Id, TailStepId: decide.Id }, 'already connected', 409, 'PB_ERR_CONFLICT');
    await bad('POST', edges, { HeadStepId: list.Id, TailStepId: 999_999 }, '999999');
    await bad('PUT', `/v1.0/cycles/${cycle.Id}/activate`, { Interval: 10 }, 'Interval');
    await bad('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'domain', Value: 'x' }, "'domain'", 409, 'PB_ERR_CONFLICT');
    await bad('POST', '/v1.0/cycles', { Name: 'X', StepErrorAction: 'Explode' }, 'StepErrorAction');

    // None of it was written.
    expect((await api.send<Step[]>('GET', steps)).length).toBe(5);
    expect((await api.send<unknown[]>('GET', edges)).length).toBe(4);
    expect(await api.send('GET', `/v1.0/steps/${update.Id}/fieldmappings/name`)).toMatchObject({ Mapping: { MappingType: 'Expression' } });
    expect((await api.send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`)).Status).toBe('Paused');
  });

  it("answers 404 to another account for every route given the first account's ids", async () => {
    const { account: a, exampleId } = await account();
    const { account: b } = await account();
    const { cycle, list, update } = await buildCycle(client(a), exampleId);
    const other = client(b);
    const edge = (await client(a).send<Reply<'listCycleEdges'>>('GET', `/v1.0/cycles/${cycle.Id}/edges`))[0]?.Id as number;
    const mapping = { MappingType: 'StaticValue', Value: 1 };
    const routes: [string, string, unknown?][] = [
      ['GET', `/v1.0/cycles/${cycle.Id}`],
      ['PUT', `/v1.0/cycles/${cycle.Id}`, { Name: 'Mine now' }],
      ['DELETE', `/v1.0/cycles/${cycle.Id}`],
      ['GET', `/v1.0/cycles/${cycle.Id}/steps`],
      ['POST', `/v1.0/cycles/${cycle.Id}/steps`, { Name: 'X', ActionType: 'Stop' }],
      ['GET', `/v1.0/steps/${list.Id}`],
      ['PUT', `/v1.0/steps/${list.Id}`, { Name: 'X' }],
      ['DELETE', `/v1.0/steps/${list.Id}`],
      ['GET', `/v1.0/cycles/${cycle.Id}/edges`],
      ['POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: list.Id, TailStepId: update.Id }],
      ['DELETE', `/v1.0/cycles/${cycle.Id}/edges/${edge}`],
      ['DELETE', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: list.Id, TailStepId: update.Id }],
      ['GET', `/v1.0/steps/${update.Id}/parameters`],
      ['GET', `/v1.0/steps/${update.Id}/parameters/id`],
      ['PUT', `/v1.0/steps/${update.Id}/parameters/id`, mapping],
      ['DELETE', `/v1.0/steps/${update.Id}/parameters/id`],
      ['GET', `/v1.0/steps/${update.Id}/fieldmappings`],
      ['GET', `/v1.0/steps/${update.Id}/fieldmappings/name`],
      ['PUT', `/v1.0/steps/${update.Id}/fieldmappings/name`, mapping],
      ['DELETE', `/v1.0/steps/${update.Id}/fieldmappings/name`],
      ['GET', `/v1.0/steps/${update.Id}/fieldsformapping`],
      ['GET', `/v1.0/cycles/${cycle.Id}/variables`],
      ['POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'x', Value: 'y' }],
      ['GET', `/v1.0/cycles/${cycle.Id}/variables/domain`],
      ['PUT', `/v1.0/cycles/${cycle.Id}/variables/domain`, { Value: 'y' }],
      ['DELETE', `/v1.0/cycles/${cycle.Id}/variables/domain`],
      ['GET', `/v1.0/cycles/${cycle.Id}/prerequisites`],
      ['PUT', `/v1.0/cycles/${cycle.Id}/activate`, {}],
      ['PUT', `/v1.0/cycles/${cycle.Id}/deactivate`],
    ];
    for (const [method, path, body] of routes) await other.refused(method, path, body, 404, 'PB_ERR_NOT_FOUND');
    // B's own cycle cannot call A's install either.
    const mine = await other.cycle();
    await other.refused(
      'POST',
      `/v1.0/cycles/${mine.Id}/steps`,
      { Name: 'X', ActionType: 'Method', AccountConnectorId: exampleId, MethodId: 'get-me' },
      404,
      'PB_ERR_NOT_FOUND',
    );
    expect(await other.send('GET', '/v1.0/cycles')).toEqual([mine]);
    // A's cycle is as it was.
    expect((await client(a).send<Step[]>('GET', `/v1.0/cycles/${cycle.Id}/steps`)).length).toBe(5);
  });

  it('pages the cycle list with the totals in headers', async () => {
    const { account: id } = await account();
    const api = client(id);
    for (const name of ['One', 'Two', 'Three']) await api.cycle({ Name: name });
    const reply = await patchbay.call('GET', '/v1.0/cycles?page=2&pageSize=2', { account: id });
    expect(reply.headers.get('total-records')).toBe('3');
    expect(reply.headers.get('total-pages')).toBe('2');
    expect(((await reply.json()) as Cycle[]).map((c) => c.Name)).toEqual(['Three']);
  });

  it('deletes a cycle with its steps, edges, mappings, variables and transactions', async () => {
    const { account: id, exampleId } = await account();
    const api = client(id);
    const { cycle, list } = await buildCycle(api, exampleId);
    const { db } = patchbay.ctx;
    const now = new Date().toISOString();
    await db
      .insertInto('cycle_transactions')
      .values({
        id: randomUUID(),
        cycle_id: cycle.Id,
        account_id: id,
        status: 'Success',
        trigger_item: null,
        message: null,
        created_at: now,
        started_at: now,
        completed_at: now,
      })
      .execute();
    const transaction = await db.selectFrom('cycle_transactions').select('id').where('cycle_id', '=', cycle.Id).executeTakeFirstOrThrow();
    await db
      .insertInto('step_runs')
      .values({
        transaction_id: transaction.id,
        account_id: id,
        step_id: list.Id,
        step_name: 'List contacts',
        status: 'Success',
        attempt: 1,
        started_at: now,
        completed_at: now,
        request: null,
        response: null,
        output: '[]',
        error: null,
      })
      .execute();

    await api.send('DELETE', `/v1.0/cycles/${cycle.Id}`, undefined, 204);
    await api.refused('GET', `/v1.0/cycles/${cycle.Id}`, undefined, 404, 'PB_ERR_NOT_FOUND');
    await api.refused('GET', `/v1.0/steps/${list.Id}`, undefined, 404, 'PB_ERR_NOT_FOUND');
    for (const table of ['cycle_steps', 'cycle_edges', 'step_mappings', 'cycle_variables', 'cycle_transactions'] as const) {
      const left = await db.selectFrom(table).select('account_id').where('account_id', '=', id).execute();
      expect(left, table).toEqual([]);
    }
    expect(await db.selectFrom('step_runs').select('id').where('account_id', '=', id).execute()).toEqual([]);
  });

  it('writes a whole cycle given as data in one go, step Keys resolved to ids, or nothing when it has a fault', async () => {
    const { account: id, exampleId } = await account();
    const definition = {
      Name: 'From a template',
      CollectionSplitType: 'All' as const,
      Variables: [{ Name: 'suffix', Value: ' (copied)' }],
      Steps: [
        { Key: 'list', Name: 'List', ActionType: 'Method' as const, Connector: 'example', MethodId: 'list-contacts' },
        {
          Key: 'create',
          Name: 'Create',
          ActionType: 'Method' as const,
          Connector: 'example',
          MethodId: 'create-contact',
          Fields: {
            name: { MappingType: 'Expression' as const, Value: 'steps.list.name & variables.suffix' },
            email: { MappingType: 'StepField' as const, SourceStep: 'list', SourceFieldId: 'email' },
          },
        },
      ],
      Edges: [{ Head: 'list', Tail: 'create' }],
    };
    const made = await patchbay.ctx.cycles.createFromDefinition(id, definition, { example: exampleId }, 'capsule-to-example');
    expect(made).toMatchObject({ Name: 'From a template', Status: 'Paused', TemplateId: 'capsule-to-example', CollectionSplitType: 'All' });
    const api = client(id);
    const steps = await api.send<Step[]>('GET', `/v1.0/cycles/${made.Id}/steps`);
    expect(steps.map((s) => [s.Key, s.AccountConnectorId, s.MethodId])).toEqual([
      ['list', exampleId, 'list-contacts'],
      ['create', exampleId, 'create-contact'],
    ]);
    expect(await api.send('GET', `/v1.0/steps/${steps[1]?.Id}/fieldmappings/email`)).toMatchObject({
      Mapping: { MappingType: 'StepField', SourceStepId: steps[0]?.Id, SourceFieldId: 'email' },
    });
    expect(await api.prerequisites(made.Id)).toEqual([]);

    const faulty = { ...definition, Edges: [{ Head: 'create', Tail: 'list' }] };
    await expect(patchbay.ctx.cycles.createFromDefinition(id, faulty, { example: exampleId })).rejects.toMatchObject({
      code: 'PB_ERR_BAD_REQUEST',
      message: expect.stringContaining("'List' does not come before"),
    });
    await expect(patchbay.ctx.cycles.createFromDefinition(id, definition, { example: 999_999 })).rejects.toMatchObject({
      code: 'PB_ERR_NOT_FOUND',
    });
    expect((await api.send<Cycle[]>('GET', '/v1.0/cycles')).length).toBe(1);
  });
});
