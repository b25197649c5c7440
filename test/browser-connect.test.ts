import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { launchChromium } from './support/browser.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { signinToken } from './support/oauth-flow.js';

const CAPSULE = 3;

/** The partner's page, on its own origin: a Connect button that runs the popup flow through /sdk/connect.js. */
function partnerPage(patchbayUrl: string, startUrl: string): string {
  return `<!doctype html><html><head><title>Partner app</title></head><body>
<button id="connect">Connect Capsule</button><output id="result"></output>
<script type="module">
import { Patchbay } from ${JSON.stringify(`${patchbayUrl}/sdk/connect.js`)};
document.getElementById('connect').addEventListener('click', () => {
  Patchbay.connect({ url: ${JSON.stringify(startUrl)} }).then(
    (message) => { document.getElementById('result').textContent = 'ok:' + message; },
    (error) => { document.getElementById('result').textContent = 'error:' + error.code; },
  );
});
</script></body></html>`;
}

describe('connecting in a real browser', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let partner: Server;
  let partnerOrigin: string;
  let browser: Browser;
  /** The start URL the partner page will open next; set per test. */
  let nextStartUrl = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    partner = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(partnerPage(patchbay.url, nextStartUrl));
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    // "localhost" makes the partner page a different origin from Patchbay's 127.0.0.1.
    partnerOrigin = `http://localhost:${(partner.address() as AddressInfo).port}`;
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_ALLOWED_ORIGINS: partnerOrigin,
    });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await patchbay.close();
    await capsule.close();
    await new Promise((resolve) => partner.close(resolve));
  });

  /** Opens the partner page for a fresh install and clicks Connect; returns the page and the popup. */
  async function openPopup(account: string): Promise<{ page: Page; popup: Page; id: number }> {
    const id = await installInto(patchbay, account, CAPSULE);
    const token = await signinToken(patchbay, account);
    nextStartUrl = `${patchbay.url}/connectorauth/updateaccountconnectoroauth?${new URLSearchParams({
      id: String(id),
      token,
      targetOrigin: partnerOrigin,
      callbackMessage: 'capsule-connected',
    })}`;
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${partnerOrigin}/`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Connect Capsule' }).click()]);
    await popup.waitForLoadState();
    return { page, popup, id };
  }

  it('runs the popup flow: consent, callback message to the partner page, then a method call', async () => {
    const { page, popup, id } = await openPopup('browser-allow');
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => page.locator('#result').textContent(), { timeout: 10_000 }).toBe('ok:capsule-connected');
    await expect.poll(() => popup.isClosed()).toBe(true);
    const parties = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/list-parties`, { account: 'browser-allow' });
    expect(parties.status).toBe(200);
    expect(((await parties.json()) as unknown[]).length).toBe(capsule.items('parties').length);
    await page.close();
  });

  it('rejects with the denial when the user clicks Deny', async () => {
    const { page, popup, id } = await openPopup('browser-deny');
    await popup.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => page.locator('#result').textContent(), { timeout: 10_000 }).toBe('error:PB_ERR_OAUTH_DENIED');
    const view = await patchbay.call('GET', `/v1.0/account/connectors/${id}`, { account: 'browser-deny' });
    expect(((await view.json()) as Reply<'getAccountConnector'>).Authenticated).toBe(false);
    await page.close();
  });

  it('rejects when the user closes the popup', async () => {
    const { page, popup } = await openPopup('browser-close');
    await popup.close();
    await expect.poll(() => page.locator('#result').textContent(), { timeout: 10_000 }).toBe('error:POPUP_CLOSED');
    await page.close();
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
