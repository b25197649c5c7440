import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { launchChromium } from './support/browser.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { signinToken } from './support/oauth-flow.js';

const CAPSULE = 3;
const PIPEDRIVE = 2;
const PIPEDRIVE_TOKEN = 'connect-page-token';
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SCREENSHOTS = path.join(import.meta.dirname, '..', 'test-output', 'screenshots');

describe("the end user's connect page", () => {
  let capsule: CapsuleSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let capsuleId: number;
  let pipedriveId: number;
  let logoServer: Server;
  let logoOrigin: string;

  /** Follows a sign-in link the way a browser would, without following the redirect; returns the session cookie. */
  async function open(account: string): Promise<{ reply: Response; cookie: string }> {
    const reply = await fetch(`${patchbay.url}/account/signinwithtoken?token=${await signinToken(patchbay, account)}`, {
      redirect: 'manual',
    });
    const cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { reply, cookie };
  }
  const api = (cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${patchbay.url}/account/connect/api/${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    // The partner's logo, on its own origin ("localhost" differs from Patchbay's 127.0.0.1).
    logoServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(ONE_PIXEL_PNG));
    await new Promise<void>((resolve) => logoServer.listen(0, '127.0.0.1', resolve));
    logoOrigin = `http://localhost:${(logoServer.address() as AddressInfo).port}`;
    pipedrive = await startPipedriveSimulator({ apiTokens: [PIPEDRIVE_TOKEN] });
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.capsulecrm.com': capsule.url, 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_CONNECT_TITLE: 'Connect your apps to Acme CRM',
      PATCHBAY_CONNECT_ACCENT: '#7a1fa2',
      PATCHBAY_CONNECT_LOGO_URL: `${logoOrigin}/logo.png`,
    });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
    capsuleId = await installInto(patchbay, 'end-user', CAPSULE);
    pipedriveId = await installInto(patchbay, 'end-user', PIPEDRIVE);
    await installInto(patchbay, 'someone-else', PIPEDRIVE, PIPEDRIVE_TOKEN);
  });
  afterAll(async () => {
    await patchbay.close();
    await pipedrive.close();
    await capsule.close();
    await new Promise((resolve) => logoServer.close(resolve));
  });

  it('trades a sign-in token, once, for an HttpOnly session cookie and sends the browser to the page', async () => {
    const token = await signinToken(patchbay, 'end-user');
    const first = await fetch(`${patchbay.url}/account/signinwithtoken?token=${token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/account/connect');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^patchbay_connect=pbc_[^;]+; Path=\/account\/; Max-Age=3600; HttpOnly; SameSite=Strict$/);

    const again = await fetch(`${patchbay.url}/account/signinwithtoken?token=${token}`, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ Code: 'PB_ERR_SIGNIN_TOKEN_INVALID' });
    const inBrowser = await fetch(`${patchbay.url}/account/signinwithtoken?token=${token}`, { headers: { accept: 'text/html' } });
    expect(inBrowser.headers.get('content-type')).toContain('text/html');
    expect(await inBrowser.text()).toContain('already used');
  });

  it("lists the account's apps, and only its own, with the partner's brand, to a live session only", async () => {
    expect((await api('', 'GET', 'apps')).status).toBe(401);
    expect((await api('patchbay_connect=pbc_forged', 'GET', 'apps')).status).toBe(401);
    const { cookie } = await open('end-user');
    const page = (await (await api(cookie, 'GET', 'apps')).json()) as Reply<'listConnectPageApps'>;
    expect(page).toMatchObject({ Title: 'Connect your apps to Acme CRM', Accent: '#7a1fa2', LogoUrl: `${logoOrigin}/logo.png` });
    // The page may show the partner's logo, and nothing else from elsewhere; it is never framed.
    const html = await fetch(`${patchbay.url}/account/connect`);
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`img-src 'self' data: ${patchbay.url} ${logoOrigin};`);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.Apps.map((app) => [app.Id, app.Connect, app.Icon])).toEqual([
      [capsuleId, 'popup', `${patchbay.url}/v1.0/connectors/${CAPSULE}/icon`],
      [pipedriveId, 'key', `${patchbay.url}/v1.0/connectors/${PIPEDRIVE}/icon`],
    ]);
    expect(JSON.stringify(page)).not.toContain(PIPEDRIVE_TOKEN);
  });

  it('refuses what does not fit the app, apps of other accounts, and writes from other origins', async () => {
    const { cookie } = await open('end-user');
    expect((await api(cookie, 'POST', `apps/${pipedriveId}/popup`)).status).toBe(400);
    expect((await api(cookie, 'PUT', `apps/${capsuleId}`, { AuthValue: 'x' })).status).toBe(400);
    const others = (await (await patchbay.call('GET', '/v1.0/account/connectors', { account: 'someone-else' })).json()) as { Id: number }[];
    expect((await api(cookie, 'PUT', `apps/${others[0]?.Id}`, { AuthValue: 'x' })).status).toBe(404);
    const forged = await api(cookie, 'PUT', `apps/${pipedriveId}`, { AuthValue: PIPEDRIVE_TOKEN }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await api(cookie, 'PUT', `apps/${pipedriveId}`, {})).status).toBe(400);
    const view = (await (
      await patchbay.call('GET', `/v1.0/account/connectors/${pipedriveId}`, { account: 'end-user' })
    ).json()) as Reply<'getAccountConnector'>;
    expect(view.Authenticated).toBe(false);
  });

  describe('in a real browser', () => {
    let browser: Browser;
    const consoleErrors: string[] = [];
    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('connects Capsule through the popup and Pipedrive with a key', async () => {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      page.setDefaultTimeout(8000);
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      await page.goto(`${patchbay.url}/account/signinwithtoken?token=${await signinToken(patchbay, 'end-user')}`);
      await page.getByRole('heading', { name: 'Connect your apps to Acme CRM' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/account/connect');
      expect(await page.title()).toBe('Connect your apps to Acme CRM');
      await expect.poll(() => page.locator('img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'connect-page.png'), fullPage: true });

      const capsuleRow = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Connector 3' }) });
      const [popup] = await Promise.all([
        page.waitForEvent('popup'),
        capsuleRow.getByRole('button', { name: 'Connect Connector 3' }).click(),
      ]);
      await popup.getByRole('button', { name: 'Allow' }).click();
      await capsuleRow.getByText('Connected', { exact: true }).waitFor({ timeout: 10_000 });
      const parties = await patchbay.call('GET', `/v1.0/account/connectors/${capsuleId}/methods/list-parties`, { account: 'end-user' });
      expect(parties.status).toBe(200);

      const pipedriveRow = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Connector 2' }) });
      await pipedriveRow.getByRole('button', { name: 'Connect Connector 2' }).click();
      await pipedriveRow.getByLabel('API key').fill(PIPEDRIVE_TOKEN);
      await pipedriveRow.getByRole('button', { name: 'Save' }).click();
      await pipedriveRow.getByText('Connected', { exact: true }).waitFor();
      expect(
        (await patchbay.call('GET', `/v1.0/account/connectors/${pipedriveId}/methods/list-persons`, { account: 'end-user' })).status,
      ).toBe(200);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'connect-page-connected.png'), fullPage: true });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });

    it("shows each app's connector icon, loaded from Patchbay, instead of its initial", async () => {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      page.setDefaultTimeout(8000);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${patchbay.url}/account/signinwithtoken?token=${await signinToken(patchbay, 'end-user')}`);
      await page.getByRole('heading', { name: 'Connect your apps to Acme CRM' }).waitFor();
      const icons = page.locator('li img.icon');
      await expect.poll(() => icons.count()).toBe(2);
      await expect
        .poll(() =>
          icons.evaluateAll((images: HTMLImageElement[]) => images.map((img) => [new URL(img.src).pathname, img.naturalWidth > 0])),
        )
        .toEqual([
          [`/v1.0/connectors/${CAPSULE}/icon`, true],
          [`/v1.0/connectors/${PIPEDRIVE}/icon`, true],
        ]);
      expect(await page.locator('li span.icon').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
