import { v1, v2 } from 'pipedrive';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';

const PIPEDRIVE = 'https://api.pipedrive.com';
const TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'acme';

/**
 * Pipedrive's own npm client, unchanged, pointed at Patchbay's raw proxy: its base path is the proxy plus
 * Pipedrive's version prefix, and the only credentials it carries are Patchbay's (the proxy adds Pipedrive's).
 */
describe("Pipedrive's official client through the raw proxy", () => {
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  let proxyBase: string;

  /** A client configuration for one version prefix, with the partner's token and the account set on every request. */
  function configuration<C extends { baseOptions?: unknown }>(make: (params: { basePath: string }) => C, prefix: string): C {
    const config = make({ basePath: `${proxyBase}${prefix}` });
    config.baseOptions = { headers: { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': ACCOUNT } };
    return config;
  }
  const v2Config = () => configuration((params) => new v2.Configuration(params), '/api/v2');

  beforeAll(async () => {
    sim = await startPipedriveSimulator({ seed: { persons: 250, deals: 5, organizations: 3 } });
    patchbay = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }));
    const id = await installInto(patchbay, ACCOUNT, 2, TOKEN);
    proxyBase = `${patchbay.url}/v1.0/account/connectors/${id}/proxy`;
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  it('lists every person with v2 PersonsApi, following next_cursor to the end', async () => {
    const persons = new v2.PersonsApi(v2Config());
    const ids: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await persons.getPersons({ limit: 100, ...(cursor ? { cursor } : {}) });
      expect(page.success).toBe(true);
      for (const person of page.data ?? []) {
        ids.push(person.id as number);
        expect(person.emails?.[0]?.value).toBe(`person${person.id}@example.com`);
        expect(person.is_deleted).toBe(false);
        expect(person.visible_to).toBe(3);
        expect(person.label_ids).toEqual([]);
      }
      cursor = page.additional_data?.next_cursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('gets, adds, updates with PATCH and deletes a person with v2 PersonsApi', async () => {
    const persons = new v2.PersonsApi(v2Config());
    const one = await persons.getPerson({ id: 7 });
    expect(one.data).toMatchObject({ id: 7, name: 'Person 7', owner_id: 1, org_id: 1 });
    expect(one.data?.add_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const added = await persons.addPerson({
      AddPersonRequest: { name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true, label: 'work' }], org_id: 2 },
    });
    const id = added.data?.id as number;
    expect(added.data).toMatchObject({ id: 251, first_name: 'Ada', last_name: 'Lovelace', org_id: 2 });

    const updated = await persons.updatePerson({ id, UpdatePersonRequest: { name: 'Augusta Ada King' } });
    expect(updated.data).toMatchObject({ id, name: 'Augusta Ada King', emails: [{ value: 'ada@example.com', primary: true }] });
    expect(sim.items('persons').find((p) => p.id === id)).toMatchObject({ name: 'Augusta Ada King' });

    const deleted = await persons.deletePerson({ id });
    expect(deleted).toEqual({ success: true, data: { id } });
    await expect(persons.getPerson({ id })).rejects.toMatchObject({ success: false, error: 'Person not found' });
  });

  it('searches persons, deals and every item type with v2 PersonsApi, DealsApi and ItemSearchApi', async () => {
    const config = v2Config();
    const persons = await new v2.PersonsApi(config).searchPersons({ term: 'Person 12', limit: 3 });
    expect(persons.data?.items?.[0]).toMatchObject({ result_score: 1, item: { id: 12, type: 'person', emails: ['person12@example.com'] } });
    expect(persons.additional_data?.next_cursor).toEqual(expect.any(String));

    const deals = new v2.DealsApi(config);
    const open = await deals.getDeals({ status: 'open', limit: 2 });
    expect(open.data?.map((d) => [d.id, d.pipeline_id, d.is_archived])).toEqual([
      [1, 1, false],
      [2, 1, false],
    ]);
    const found = await deals.searchDeals({ term: 'Deal 3', exact_match: true });
    expect(found.data?.items?.map((hit) => hit.item?.title)).toEqual(['Deal 3']);

    const items = await new v2.ItemSearchApi(config).searchItem({ term: 'Organization 2', item_types: 'organization' });
    expect(items.data?.items?.[0]).toMatchObject({ result_score: 1, item: { id: 2, type: 'organization' } });
  });

  it('reaches v1 with a v1 class when the base path ends in /v1', async () => {
    const users = new v1.UsersApi(configuration((params) => new v1.Configuration(params), '/v1'));
    const me = await users.getCurrentUser();
    expect(me.data).toMatchObject({ id: 1, company_domain: 'testco', active_flag: true });
  });
});
