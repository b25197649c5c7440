import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { launchChromium } from './support/browser.js';
import { overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const PIPEDRIVE_TOKEN = 'console-pipedrive-token';
/** Where the screenshots of the main pages go, for reviewers to look at. */
const SCREENSHOTS = path.join(import.meta.dirname, '..', 'test-output', 'screenshots');

/**
 * The partner console in a real browser, against the sandbox: each test goes on from where the one
 * before left the console (signed in, Capsule set up, the account made).
 */
describe('the partner console', () => {
  let capsule: CapsuleSimulator;
  let pipedrive: PipedriveSimulator;
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let browser: Browser;
  let page: Page;
  let client: { ClientId: string; ClientSecret: string };
  const consoleErrors: string[] = [];
  /** Answers of 400 and more: the tests expect exactly the ones they provoke. */
  const failedResponses: string[] = [];
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const shoot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A second Capsule app: the one an account brings for its own credential.
    capsule = await startCapsuleSimulator({
      clients: [
        { clientId: 'capsule-client', clientSecret: 'capsule-secret' },
        { clientId: 'acme-own-app', clientSecret: 'acme-own-secret' },
      ],
    });
    pipedrive = await startPipedriveSimulator({ apiTokens: [PIPEDRIVE_TOKEN] });
    caspio = await startCaspioSimulator();
    patchbay = await startPatchbay(
      overrides({ 'https://api.capsulecrm.com': capsule.url, 'https://api.pipedrive.com': pipedrive.url, ...caspio.overrides() }),
    );
    client = await patchbay.ctx.clients.create('console');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    // Well inside the test's own timeout, so a step that waits in vain says which.
    page.setDefaultTimeout(8000);
    page.on('console', (message) => {
      // The browser logs each failed answer too; those are checked below, as answers.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400)
        failedResponses.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await patchbay.close();
    await pipedrive.close();
    await caspio.close();
    await capsule.close();
  });

  it('refuses a bad client secret in plain words, then signs in', async () => {
    await page.goto(`${patchbay.url}/console`);
    await page.getByLabel('Client ID').fill(client.ClientId);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Invalid client credentials');
    await shoot('sign-in-error');

    await page.getByLabel('Client secret').fill(client.ClientSecret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connector Library' }).waitFor();
  });

  it("lists the connector library with each connector's icon, search and a Setup Required marker", async () => {
    const capsuleCard = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Capsule v2' }) });
    await expect.poll(() => capsuleCard.getByText('Setup Required').count()).toBe(1);
    const pipedriveCard = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Pipedrive', exact: true }) });
    expect(await pipedriveCard.getByText('Setup Required').count()).toBe(0);
    // Drawn, and loaded from Patchbay: an icon that failed would have fallen back to the initial.
    const loaded = () =>
      page.locator('.card-head img.icon').evaluateAll((images: HTMLImageElement[]) => images.filter((img) => img.naturalWidth > 0).length);
    await expect.poll(loaded).toBe(5);
    await shoot('connector-library');

    await page.getByLabel('Search connectors').fill('caspio');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Caspio']);
    await page.getByLabel('Search connectors').fill('no such app');
    await page.getByText('No connector matches').waitFor();
    await page.getByLabel('Search connectors').fill('');
  });

  it('sets up Capsule v2: callback URL to copy, secret as a password field, Save Changes', async () => {
    // As the guides say: the Setup Required icon opens the setup.
    await page.getByRole('link', { name: 'Setup Required: set up Capsule v2' }).click();
    await page.getByRole('heading', { name: 'Capsule v2: Setup' }).waitFor();
    expect(await page.getByLabel('Callback URL', { exact: true }).inputValue()).toBe(`${patchbay.url}/connector/callback`);
    expect(await page.getByLabel('Client Secret').getAttribute('type')).toBe('password');
    await page.getByLabel('Client ID').fill('capsule-client');
    await page.getByLabel('Client Secret').fill('capsule-secret');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    await expect.poll(() => page.getByText('Setup Required').count()).toBe(0);
    // The stored secret is never shown, only that one is stored.
    await expect.poll(() => page.getByLabel('Client Secret').inputValue()).toBe('');
    expect(await page.getByLabel('Client Secret').getAttribute('placeholder')).toContain('Stored');
    await shoot('connector-setup');

    const setup = (await (await patchbay.call('GET', '/v1.0/connectors/3/setup')).json()) as Reply<'getConnectorSetup'>;
    expect(setup.SetupRequired).toBe(false);
    await page.getByRole('link', { name: 'Connector Library' }).click();
    const capsuleCard = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Capsule v2' }) });
    await capsuleCard.waitFor();
    expect(await capsuleCard.getByText('Setup Required').count()).toBe(0);
  });

  it("offers a property's Choices by their labels, and shows a callback URL only to an OAuth connector", async () => {
    await page.getByRole('link', { name: 'Pipedrive (OAuth 2.0)', exact: true }).click();
    await page.getByRole('heading', { name: 'Pipedrive (OAuth 2.0): Setup' }).waitFor();
    const scope = page.getByLabel('Access scopes');
    expect(await scope.evaluate((element) => element.tagName)).toBe('SELECT');
    expect(await scope.locator('option').allTextContents()).toEqual([expect.any(String), 'Read only', 'Full access']);
    await scope.selectOption({ label: 'Read only' });
    await page.getByLabel('Client ID').fill('pipedrive-client');
    await page.getByLabel('Client Secret').fill('pipedrive-secret');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const setup = (await (await patchbay.call('GET', '/v1.0/connectors/4/setup')).json()) as Reply<'getConnectorSetup'>;
    expect(setup.Properties.find((property) => property.Name === 'Scope')?.Value).toBe(
      'base deals:read contacts:read activities:read products:read search:read',
    );

    await page.getByRole('link', { name: 'Connector Library' }).click();
    await page.getByRole('link', { name: 'Pipedrive', exact: true }).click();
    await page.getByRole('heading', { name: 'Pipedrive: Setup' }).waitFor();
    expect(await page.getByLabel('Callback URL', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Connector Library' }).click();
  });

  it('creates an account and opens it', async () => {
    await nav().getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('No accounts yet').waitFor();
    // Escape closes a dialog, and focus starts in it.
    await page.getByRole('button', { name: 'Create account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create account' });
    await expect.poll(() => dialog.getByLabel('Name').evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByLabel('Name').fill('Acme Ltd');
    await dialog.getByLabel('Id').fill('acme');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Acme Ltd' }).waitFor();
    await page.getByText('Nothing installed yet').waitFor();
    expect((await patchbay.call('GET', '/v1.0/accounts/acme')).status).toBe(200);
  });

  it('shows why an install failed, next to the form', async () => {
    await page.getByRole('button', { name: 'Install connector' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install connector' });
    await dialog.getByLabel('Connector').selectOption({ label: 'Caspio' });
    // Caspio's setup was left blank, so the dialog asks for its properties.
    await dialog.getByLabel('Account Subdomain').fill('not a subdomain!');
    await dialog.getByRole('button', { name: 'Install' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain("Property 'AccountSubdomain' does not match the pattern");
    await shoot('install-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const installs = (await (await patchbay.call('GET', '/v1.0/account/connectors', { account: 'acme' })).json()) as unknown[];
    expect(installs).toEqual([]);
  });

  it('installs Pipedrive with an API key, deauthenticates it and gives it the key again', async () => {
    await page.getByRole('button', { name: 'Install connector' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install connector' });
    await dialog.getByLabel('Connector').selectOption({ label: 'Pipedrive' });
    await dialog.getByLabel('API key').fill(PIPEDRIVE_TOKEN);
    await dialog.getByRole('button', { name: 'Install' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Pipedrive' }) });
    await row.getByText('Authenticated', { exact: true }).waitFor();
    const [install] = (await (await patchbay.call('GET', '/v1.0/account/connectors', { account: 'acme' })).json()) as { Id: number }[];
    const persons = await patchbay.call('GET', `/v1.0/account/connectors/${install?.Id}/methods/list-persons`, { account: 'acme' });
    expect(persons.status).toBe(200);

    await row.getByRole('button', { name: 'Deauthenticate' }).click();
    await row.getByText('Not authenticated').waitFor();
    const listPersons = () => patchbay.call('GET', `/v1.0/account/connectors/${install?.Id}/methods/list-persons`, { account: 'acme' });
    expect((await listPersons()).status).toBe(409);

    await row.getByRole('button', { name: 'Update key' }).click();
    const update = page.getByRole('dialog', { name: 'Authenticate Pipedrive' });
    await update.getByLabel('API key').fill(PIPEDRIVE_TOKEN);
    await update.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Authenticated', { exact: true }).waitFor();
    expect((await listPersons()).status).toBe(200);
  });

  it('installs Capsule and authenticates it through the real popup flow', async () => {
    await page.getByRole('button', { name: 'Install connector' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install connector' });
    await dialog.getByLabel('Connector').selectOption({ label: 'Capsule v2' });
    await dialog.getByLabel('Name').fill('Capsule CRM');
    await dialog.getByRole('button', { name: 'Install' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Capsule CRM' }) });
    await row.getByText('Not authenticated').waitFor();

    const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByRole('button', { name: 'Authenticate' }).click()]);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await row.getByText('Authenticated', { exact: true }).waitFor({ timeout: 10_000 });
    await shoot('account');

    const installs = (await (
      await patchbay.call('GET', '/v1.0/account/connectors', { account: 'acme' })
    ).json()) as Reply<'listAccountConnectors'>;
    const capsuleInstall = installs.find((install) => install.Name === 'Capsule CRM');
    const parties = await patchbay.call('GET', `/v1.0/account/connectors/${capsuleInstall?.Id}/methods/list-parties`, { account: 'acme' });
    expect(parties.status).toBe(200);
    expect(((await parties.json()) as unknown[]).length).toBe(capsule.items('parties').length);
  });

  it('adds a credential, probes it, shares it with a new install, and will not delete it while in use', async () => {
    const credentials = page.getByRole('region', { name: 'Credentials' });
    await credentials.getByRole('button', { name: '+ Add Credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add New Credential' });
    await dialog.getByLabel('Name').fill('Shared Pipedrive');
    await dialog.getByLabel('Description').fill('The sales team key');
    await dialog.getByLabel('Connector').selectOption({ label: 'Pipedrive' });
    await dialog.getByLabel('API key').fill(PIPEDRIVE_TOKEN);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const tile = credentials.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Shared Pipedrive' }) });
    // The key was tried with Pipedrive before it was stored.
    await tile.getByText(/^Verified /).waitFor();
    // The secret is never shown whole.
    expect(await tile.textContent()).not.toContain(PIPEDRIVE_TOKEN);

    await tile.getByRole('button', { name: 'Probe' }).click();
    await tile.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    await tile.getByText(/^Verified /).waitFor();
    await tile.getByRole('button', { name: 'Usage' }).click();
    await tile.getByText('No install uses it.').waitFor();

    await page.getByRole('button', { name: 'Install connector' }).click();
    const install = page.getByRole('dialog', { name: 'Install connector' });
    await install.getByLabel('Connector').selectOption({ label: 'Pipedrive' });
    await install.getByLabel('Name').fill('Pipedrive shared');
    await install.getByLabel('Credential').selectOption({ label: 'Shared Pipedrive' });
    expect(await install.getByLabel('API key').count()).toBe(0);
    await install.getByRole('button', { name: 'Install' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Pipedrive shared' }) });
    await row.getByText('Authenticated', { exact: true }).waitFor();
    await tile.getByRole('button', { name: 'Usage' }).click();
    await tile.getByText('Used by Pipedrive shared.').waitFor();

    page.once('dialog', (confirm) => confirm.accept());
    await tile.getByRole('button', { name: 'Delete Shared Pipedrive' }).click();
    await tile.getByRole('alert').waitFor();
    expect(await tile.getByRole('alert').textContent()).toMatch(/in use|used/i);
    await shoot('credentials');
  });

  it('adds a Capsule credential with its own app as the guide says, authorizes it on Save, and installs with it', async () => {
    const credentials = page.getByRole('region', { name: 'Credentials' });
    await credentials.getByRole('button', { name: '+ Add Credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add New Credential' });
    await dialog.getByLabel('Connector').selectOption({ label: 'Capsule v2' });
    await dialog.getByLabel('Credential Name').fill('Acme Capsule');
    await dialog.getByLabel('Credential Description').fill('Our own Capsule app, read only');
    await dialog.getByLabel('Client ID').fill('acme-own-app');
    await dialog.getByLabel('Client Secret').fill('acme-own-secret');
    expect(await dialog.getByLabel('Client Secret').getAttribute('type')).toBe('password');
    await dialog.getByLabel('Access Scope').fill('read');
    // The authorise and token URLs are preconfigured: named, not editable.
    const preconfigured = dialog.getByLabel('Preconfigured');
    await preconfigured.getByText('https://api.capsulecrm.com/oauth/authorise?scope=read+write').waitFor();
    await preconfigured.getByText('https://api.capsulecrm.com/oauth/token').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Authorise URL' }).count()).toBe(0);
    await shoot('add-oauth-credential');

    const [popup] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Save' }).click()]);
    await popup.getByText('acme-own-app wants access to your account (scope read)').waitFor();
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    const tile = credentials.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Acme Capsule' }) });
    await tile.getByText(/^Verified /).waitFor();
    expect(await tile.textContent()).not.toContain('acme-own-secret');

    await page.getByRole('button', { name: 'Install connector' }).click();
    const install = page.getByRole('dialog', { name: 'Install connector' });
    await install.getByLabel('Connector').selectOption({ label: 'Capsule v2' });
    await install.getByLabel('Name').fill('Capsule own app');
    await install.getByLabel('Credential').selectOption({ label: 'Acme Capsule' });
    await install.getByRole('button', { name: 'Install' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Capsule own app' }) });
    await row.getByText('Authenticated', { exact: true }).waitFor();

    const installs = (await (
      await patchbay.call('GET', '/v1.0/account/connectors', { account: 'acme' })
    ).json()) as Reply<'listAccountConnectors'>;
    const own = installs.find((i) => i.Name === 'Capsule own app');
    const parties = await patchbay.call('GET', `/v1.0/account/connectors/${own?.Id}/methods/list-parties`, { account: 'acme' });
    expect(parties.status).toBe(200);
    expect(((await parties.json()) as unknown[]).length).toBe(capsule.items('parties').length);
    const token = (await patchbay.ctx.installs.resolve('acme', own?.Id as number)).token?.AccessToken as string;
    expect(capsule.oauth.clientOf(token)).toBe('acme-own-app');
  });

  it('runs a method in the tester and shows the sandbox data, the status and the time', async () => {
    await page.getByRole('link', { name: 'Capsule CRM' }).click();
    await page.getByRole('heading', { name: 'Method tester' }).waitFor();
    await page.getByLabel('Method', { exact: true }).selectOption({ label: 'List Parties' });
    await page.getByRole('button', { name: 'Run' }).click();
    const response = page.getByLabel('Response');
    await response.waitFor();
    await page.getByText('Status 200').waitFor();
    const shown = JSON.parse((await response.textContent()) ?? '') as { id: number }[];
    expect(shown.map((party) => party.id)).toEqual(
      capsule
        .items('parties')
        .map((party) => party.id)
        .slice(0, shown.length),
    );
    expect(shown.length).toBeGreaterThan(0);

    // A failing call shows its status and the server's message, as the tester's answer.
    await page.getByLabel('Method', { exact: true }).selectOption({ label: 'Get Party' });
    await page.getByLabel('id', { exact: true }).fill('999999');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Status 502').waitFor();
    await shoot('method-tester');
  });

  it('copies the Caspio Tables category for a table: a starred category with its fields, whose methods the tester runs', async () => {
    await setupConnector(patchbay, 'caspio', { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' });
    await page.getByRole('link', { name: '← Account' }).click();
    await page.getByRole('button', { name: 'Install connector' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install connector' });
    await dialog.getByLabel('Connector').selectOption({ label: 'Caspio' });
    await dialog.getByRole('button', { name: 'Install' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Caspio' }) });
    await row.getByText('Authenticated', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'Caspio' }).click();

    // The copy button shows once the category is expanded.
    const copyButton = page.getByRole('button', { name: 'Copy Tables for an object' });
    expect(await copyButton.isVisible()).toBe(false);
    await page.locator('summary', { hasText: 'can be copied' }).click();
    await page.getByText('List Records').first().waitFor();
    await copyButton.click();
    const copy = page.getByRole('dialog', { name: 'Copy Tables' });
    await copy.getByLabel('Object').selectOption('Contacts');
    await copy.getByRole('button', { name: 'Copy' }).click();
    const custom = page.locator('details.custom').filter({ hasText: 'Tables: Contacts' });
    await custom.getByText('★').waitFor();
    await custom.locator('summary').click();
    await custom.getByRole('cell', { name: 'First_Name' }).waitFor();
    await shoot('custom-category');

    const copied = await page.getByRole('option', { name: /★ List Records/ }).getAttribute('value');
    await page.getByLabel('Method', { exact: true }).selectOption(copied ?? '');
    await page.getByLabel('q.where').fill("First_Name = 'Grace'");
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Status 200').waitFor();
    const records = JSON.parse((await page.getByLabel('Response').textContent()) ?? '') as { First_Name: string }[];
    expect(records.length).toBe(caspio.records('demo', 'Contacts').filter((r) => r.First_Name === 'Grace').length);
    expect(records.every((record) => record.First_Name === 'Grace')).toBe(true);
  });

  it('deletes an account after asking, and signs out', async () => {
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'short-lived', Name: 'Short-lived Inc' } });
    await nav().getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Short-lived Inc' }).waitFor();
    await shoot('accounts');
    await page.getByRole('button', { name: 'Delete Short-lived Inc' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Short-lived Inc?' });
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Short-lived Inc' }).count()).toBe(0);
    expect((await patchbay.call('GET', '/v1.0/accounts/short-lived')).status).toBe(404);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('logs no errors in the browser console, and meets no failure but those provoked', () => {
    expect(consoleErrors).toEqual([]);
    expect(failedResponses).toEqual([
      '401 POST /oauth/token',
      '400 POST /v1.0/connectors/5/install',
      '409 DELETE /v1.0/account/credentials/3',
      '502 POST /v1.0/account/connectors/2/methods/get-party',
    ]);
  });
});
