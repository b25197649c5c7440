import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Small server-rendered pages for the browser side of the OAuth flow. No outside resources, strict CSP. */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON that is safe inside a <script> element: no "</script>" or "<!--" can be formed. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

function page(reply: FastifyReply, status: number, title: string, body: string, nonce = randomBytes(16).toString('base64')): FastifyReply {
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', csp)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2328}` +
        `h1{font-size:1.25rem}p.detail{color:#57606a}</style></head><body>${body}</body></html>`,
    );
}

/** Whether the caller is a browser navigating (an HTML answer) rather than an API client (JSON). */
export function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

export function errorPage(reply: FastifyReply, status: number, message: string): FastifyReply {
  return page(
    reply,
    status,
    'Could not connect',
    `<main><h1>Could not connect</h1><p role="alert">${escapeHtml(message)}</p><p class="detail">You can close this window and try again from the app.</p></main>`,
  );
}

/**
 * Reports the outcome to the window that opened the popup (or the parent frame) with postMessage, to
 * `targetOrigin` only, then closes. The message is the partner's callback message, or `{Error, Message}`.
 */
export function postMessagePage(
  reply: FastifyReply,
  targetOrigin: string,
  message: unknown,
  text: { title: string; detail: string },
  status = 200,
) {
  const nonce = randomBytes(16).toString('base64');
  const script =
    `(function(){var d=JSON.parse(document.getElementById('patchbay-outcome').textContent);` +
    `var w=window.opener||(window.parent!==window?window.parent:null);` +
    `if(w){w.postMessage(d.message,d.targetOrigin);}` +
    `if(window.opener){window.close();}})();`;
  return page(
    reply,
    status,
    text.title,
    `<main><h1>${escapeHtml(text.title)}</h1><p${status >= 400 ? ' role="alert"' : ''}>${escapeHtml(text.detail)}</p></main>` +
      `<script type="application/json" id="patchbay-outcome">${scriptJson({ targetOrigin, message })}</script>` +
      `<script nonce="${nonce}">${script}</script>`,
    nonce,
  );
}
