import { expect } from 'vitest';
import type { Reply } from '../../console/src/types.js';
import type { Patchbay } from './harness.js';

export const PARTNER_ORIGIN = 'https://app.partner.test';

/** A sign-in token for the account, from the seed's endpoint. */
export async function signinToken(patchbay: Patchbay, account: string): Promise<string> {
  const reply = await patchbay.call('POST', '/v1.0/accounts/tokens', { account });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as Reply<'createSignInToken'>).Token;
}

export function startUrl(patchbay: Patchbay, id: number, token: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ id: String(id), token, targetOrigin: PARTNER_ORIGIN, ...extra });
  return `${patchbay.url}/connectorauth/updateaccountconnectoroauth?${query}`;
}

/** GET without following redirects. */
export const visit = (url: string, headers: Record<string, string> = {}) => fetch(url, { redirect: 'manual', headers });

/** The cookies an answer sets, as a browser would send them back (`name=value; ...`). */
export function cookiesOf(reply: Response): Record<string, string> {
  const pairs = reply.headers.getSetCookie().map((cookie) => cookie.split(';')[0] as string);
  return pairs.length === 0 ? {} : { cookie: pairs.join('; ') };
}

/**
 * Walks the whole flow over HTTP the way a browser would: start URL, the provider's consent form
 * (Allow or Deny), then Patchbay's callback. Returns the callback's answer.
 */
export async function authorise(
  patchbay: Patchbay,
  account: string,
  id: number,
  options: { decision?: 'allow' | 'deny'; callbackMessage?: string; targetOrigin?: string } = {},
): Promise<Response> {
  const token = await signinToken(patchbay, account);
  const extra: Record<string, string> = options.callbackMessage === undefined ? {} : { callbackMessage: options.callbackMessage };
  if (options.targetOrigin !== undefined) extra.targetOrigin = options.targetOrigin;
  const start = await visit(startUrl(patchbay, id, token, extra));
  expect(start.status).toBe(302);
  const consent = await decide(start.headers.get('location') as string, options.decision ?? 'allow');
  expect(consent.status).toBe(302);
  const callback = consent.headers.get('location') as string;
  expect(callback.startsWith(`${patchbay.url}/connector/callback?`)).toBe(true);
  // Back in the browser that started, with what Patchbay asked it to keep.
  return visit(callback, cookiesOf(start));
}

/** Submits the provider's consent form for an authorise URL, as clicking Allow or Deny would. */
export async function decide(authoriseUrl: string, decision: 'allow' | 'deny'): Promise<Response> {
  const url = new URL(authoriseUrl);
  const page = await visit(url.href);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? url.pathname;
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    if (name !== undefined) fields.set(name, decodeHtml(value));
  }
  fields.set('decision', decision);
  return fetch(new URL(decodeHtml(action), url).href, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
  });
}

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The message and target origin a callback page posts to its opener. */
export function postedMessage(html: string): { targetOrigin: string; message: unknown } {
  const json = /<script type="application\/json" id="patchbay-outcome">([^<]*)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error('no outcome in the callback page');
  return JSON.parse(json) as { targetOrigin: string; message: unknown };
}
