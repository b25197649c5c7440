// A minimal OAuth 2.0 authorization server (RFC 6749 authorization-code and refresh-token grants,
// RFC 7636 PKCE) that a simulator mounts on its own origin, as Capsule and Pipedrive serve OAuth
// beside their APIs. It has no server of its own: `handle()` answers the authorise and token paths.
//
// Behaviour modelled:
// - GET authorise validates client_id and redirect_uri first and shows a 400 page when either is
//   wrong (RFC 6749 4.1.2.1: never redirect to an unverified URI); any later error is a redirect
//   carrying `error` and `state`. Otherwise a consent page posts the request back with Allow/Deny.
// - Codes are single use, live 60 s and are bound to client, redirect_uri, scope and PKCE challenge.
//   Redeeming a code twice revokes every token issued from it (RFC 6749 4.1.2).
// - Token endpoint: form bodies only; the client authenticates in exactly one style (body or Basic);
//   errors are `{"error","error_description"}`, 400 or 401 `invalid_client`; answers are `no-store`.
// - Refresh keeps the granted scope; rotating providers invalidate the old refresh token, at once or
//   after a grace period during which it still works (as Auth0's reuse interval and Okta's grace period
//   do: a client that lost the answer to its refresh can try again with the token it still holds).
//
// Assumptions where providers are silent:
// - redirect_uri is required at authorise (both modelled providers document it as required) and is
//   compared as an exact string; an unregistered-any client still needs an absolute URI without fragment.
// - Any redemption attempt on a live code consumes it, so a wrong code_verifier cannot be retried.
// - The first `scope` parameter counts (a provider's authorise URL may already carry one). Scope values
//   are not checked against a list, and a `scope` sent with a refresh is ignored.
// - `state` is echoed only when the request carried one (RFC 6749 4.1.2).
// - PKCE applies whenever a challenge is sent, even for providers that document no PKCE support.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailureScript, type JsonObject, type ParsedUrl, readObjectBody, sendJson } from './http-util.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs allowed; undefined allows any absolute URI. */
  redirectUris?: string[];
}

export interface OAuthProviderOptions {
  /** Registered apps. */
  clients: OAuthClient[];
  /**
   * How the client authenticates at the token endpoint: 'body' (client_id/client_secret form fields)
   * or 'basic' (HTTP Basic). The other style is refused with 401 invalid_client.
   */
  clientAuth: 'body' | 'basic';
  /** e.g. '/oauth/authorise' (Capsule) or '/oauth/authorize' (Pipedrive). */
  authorisePath: string;
  tokenPath: string;
  accessTokenTtlSeconds: number;
  /** Each refresh issues a new refresh token and the old one answers invalid_grant. */
  rotateRefreshTokens: boolean;
  /** With rotation: seconds during which a rotated refresh token still works (each use issues a new pair). Default 0. */
  refreshTokenGraceSeconds?: number;
  /** 'bearer' (Capsule) or 'Bearer' (Pipedrive): providers differ in case. */
  tokenType: string;
  /** Extra fields in every token response, both grants, e.g. `{ subdomain: 'acme' }`. */
  extraTokenFields?: Record<string, unknown>;
  /** Scope granted when the request names none. */
  defaultScope: string;
  /** Title shown on the consent page. */
  appName: string;
}

export interface OAuthProvider {
  /** Handles the authorise and token paths; returns false when the path is not one of them. */
  handle(req: IncomingMessage, res: ServerResponse, url: ParsedUrl): Promise<boolean>;
  /** True for a live (issued, unexpired, unrevoked) access token. */
  isValidAccessToken(token: string): boolean;
  /** Scope string granted to that access token (undefined if invalid). */
  scopeOf(token: string): string | undefined;
  /** The app (client id) a live access token was issued to (undefined if invalid). */
  clientOf(token: string): string | undefined;
  /** Number of requests to the token endpoint so far (all grants, successful or not). */
  readonly tokenRequests: number;
  /** Refreshes answered with a rotated refresh token inside its grace period (refused without one). */
  readonly graceRefreshes: number;
  /** Expire every access token now (the next API call answers 401). */
  expireAccessTokens(): void;
  /** Revoke everything issued so far: codes and access tokens fail, refresh tokens answer invalid_grant. */
  revokeAll(): void;
  setAccessTokenTtl(seconds: number): void;
  /** The next n token-endpoint requests answer this status with a JSON error body, issuing nothing. */
  failTokenEndpoint(n: number, status: number): void;
  /** Delay every token-endpoint answer by ms (for concurrency tests); a client gone meanwhile is answered nothing. 0 = off. */
  setTokenDelay(ms: number): void;
  /** Issue and rotate at once, then hold the answer back by ms: a client gone meanwhile never learns its new tokens. 0 = off. */
  setAnswerDelay(ms: number): void;
  setRefreshTokenGrace(seconds: number): void;
  /** Issue a token pair directly (as if authorised) and return the token response body. */
  issueForTest(clientId: string, scope?: string): Record<string, unknown>;
  /** Forget all codes and tokens; counters to 0; failures and delays cleared. */
  reset(): void;
}

const CODE_TTL_MS = 60_000;
/** RFC 7636 4.1: the verifier (and so a plain challenge) is 43-128 unreserved characters. */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;
/** The request parameters the consent form carries back. */
const AUTHORISE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];

/** One authorisation. Tokens point at it so that redeeming its code twice can revoke them all. */
interface Grant {
  clientId: string;
  scope: string;
  revoked: boolean;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: string | undefined;
  method: string | undefined;
  expiresAt: number;
  /** Set once redeemed; kept so a second redemption can be detected. */
  grant: Grant | undefined;
}

interface AccessRecord {
  grant: Grant;
  expiresAt: number;
}

type Params = Record<string, string | undefined>;

/** A checked authorisation request, or why it failed and whether redirecting is safe. */
type AuthoriseCheck =
  | { ok: true; client: OAuthClient; redirectUri: string; scope: string; challenge: string | undefined; method: string | undefined }
  | { ok: false; page: string }
  | { ok: false; redirectUri: string; error: string; description: string };

class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

const newToken = (): string => randomBytes(32).toString('base64url');

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function sendHtml(res: ServerResponse, status: number, title: string, body: string, headers?: Record<string, string>): void {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  res.writeHead(status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // A consent page must not be framed (clickjacking); it needs no scripts or styles.
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  });
  res.end(text);
}

function redirect(res: ServerResponse, redirectUri: string, params: Params): void {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  res.writeHead(302, { location: target.href, 'cache-control': 'no-store' }).end();
}

/** A form or query field as a string; absent and empty are both undefined, as RFC 6749 3.1 says. */
function param(source: JsonObject | URLSearchParams, name: string): string | undefined {
  const value = source instanceof URLSearchParams ? source.get(name) : Object.hasOwn(source, name) ? source[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isForm(req: IncomingMessage): boolean {
  return req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** RFC 6749 2.3.1: id and secret are form-encoded before Basic encoding. Undefined when malformed. */
function parseBasic(header: string): { id: string; secret: string } | undefined {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  try {
    const unform = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function pkceMatches(challenge: string, method: string, verifier: string): boolean {
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return derived === challenge;
}

function checkSeconds(seconds: number, what = 'access token TTL'): void {
  if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError(`${what} must be a non-negative integer, got ${seconds}`);
}

function checkDelay(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a delay must be a non-negative number of ms, got ${ms}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createOAuthProvider(options: OAuthProviderOptions): OAuthProvider {
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  checkSeconds(options.accessTokenTtlSeconds);
  let ttlSeconds = options.accessTokenTtlSeconds;
  const failures = new FailureScript();
  let codes = new Map<string, CodeRecord>();
  let accessTokens = new Map<string, AccessRecord>();
  let refreshTokens = new Map<string, Grant>();
  /** Rotated refresh tokens still inside their grace period, until when (ms). */
  let rotated = new Map<string, { grant: Grant; until: number }>();
  let graceSeconds = options.refreshTokenGraceSeconds ?? 0;
  checkSeconds(graceSeconds, 'refresh token grace');
  let tokenRequests = 0;
  let graceRefreshes = 0;
  let tokenDelayMs = 0;
  let answerDelayMs = 0;

  function forgetIssued(): void {
    codes = new Map();
    accessTokens = new Map();
    refreshTokens = new Map();
    rotated = new Map();
  }

  /** The grant of a live refresh token, or of a rotated one still in its grace period. */
  function refreshGrant(token: string): Grant | undefined {
    const live = refreshTokens.get(token);
    if (live !== undefined) return live;
    const old = rotated.get(token);
    if (old === undefined) return undefined;
    if (Date.now() < old.until) {
      graceRefreshes++;
      return old.grant;
    }
    rotated.delete(token);
    return undefined;
  }

  function liveAccess(token: string): AccessRecord | undefined {
    const record = accessTokens.get(token);
    if (record === undefined) return undefined;
    if (record.grant.revoked || Date.now() >= record.expiresAt) {
      accessTokens.delete(token);
      return undefined;
    }
    return record;
  }

  function issue(grant: Grant, refreshToken: string): JsonObject {
    const accessToken = newToken();
    accessTokens.set(accessToken, { grant, expiresAt: Date.now() + ttlSeconds * 1000 });
    refreshTokens.set(refreshToken, grant);
    return {
      access_token: accessToken,
      token_type: options.tokenType,
      expires_in: ttlSeconds,
      refresh_token: refreshToken,
      scope: grant.scope,
      ...options.extraTokenFields,
    };
  }

  /** Validates an authorisation request, from the query (GET) or the consent form (POST). */
  function checkAuthorise(source: JsonObject | URLSearchParams): AuthoriseCheck {
    const clientId = param(source, 'client_id');
    const client = clientId === undefined ? undefined : clients.get(clientId);
    if (client === undefined) return { ok: false, page: 'Unknown client_id.' };
    const redirectUri = param(source, 'redirect_uri');
    if (redirectUri === undefined) return { ok: false, page: 'redirect_uri is required.' };
    const registered = client.redirectUris === undefined ? !redirectUri.includes('#') : client.redirectUris.includes(redirectUri);
    if (!registered || !URL.canParse(redirectUri)) return { ok: false, page: 'redirect_uri is not registered for this client.' };

    const fail = (error: string, description: string): AuthoriseCheck => ({ ok: false, redirectUri, error, description });
    const responseType = param(source, 'response_type');
    if (responseType === undefined) return fail('invalid_request', 'response_type is required');
    if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
    const challenge = param(source, 'code_challenge');
    const method = param(source, 'code_challenge_method');
    if (challenge === undefined && method !== undefined) return fail('invalid_request', 'code_challenge_method without code_challenge');
    if (challenge !== undefined) {
      if (method !== undefined && method !== 'S256' && method !== 'plain') {
        return fail('invalid_request', 'code_challenge_method must be S256 or plain');
      }
      if (!PKCE_VALUE.test(challenge)) return fail('invalid_request', 'code_challenge is malformed');
    }
    return {
      ok: true,
      client,
      redirectUri,
      scope: param(source, 'scope') ?? options.defaultScope,
      challenge,
      // RFC 7636 4.3: a challenge without a method is plain.
      method: challenge === undefined ? undefined : (method ?? 'plain'),
    };
  }

  function consentPage(res: ServerResponse, query: URLSearchParams, clientId: string, scope: string): void {
    const hidden = AUTHORISE_PARAMS.map((name) => [name, name === 'scope' ? scope : param(query, name)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
      .join('');
    const app = escapeHtml(options.appName);
    sendHtml(
      res,
      200,
      options.appName,
      `<h1>${app}</h1><p>${escapeHtml(clientId)} wants access to your account (scope ${escapeHtml(scope)}).</p>` +
        `<form method="post" action="${escapeHtml(options.authorisePath)}">${hidden}` +
        '<button type="submit" name="decision" value="allow">Allow</button> ' +
        '<button type="submit" name="decision" value="deny">Deny</button></form>',
    );
  }

  async function authorise(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const errorPage = (status: number, message: string, headers?: Record<string, string>): void =>
      sendHtml(res, status, `${options.appName}: error`, `<h1>${escapeHtml(options.appName)}</h1><p>${escapeHtml(message)}</p>`, headers);
    if (req.method !== 'GET' && req.method !== 'POST') return errorPage(405, 'Method not allowed.', { allow: 'GET, POST' });

    let source: JsonObject | URLSearchParams = query;
    if (req.method === 'POST') {
      const body = isForm(req) ? await readObjectBody(req, true) : undefined;
      if (body === undefined || !body.ok) return errorPage(400, 'The consent form must be posted as a form.');
      source = body.value;
    }
    const check = checkAuthorise(source);
    if (!check.ok) {
      if ('page' in check) return errorPage(400, check.page);
      return redirect(res, check.redirectUri, { error: check.error, error_description: check.description, state: param(source, 'state') });
    }
    if (source instanceof URLSearchParams) return consentPage(res, source, check.client.clientId, check.scope);

    const state = param(source, 'state');
    const decision = param(source, 'decision');
    if (decision === 'deny') {
      return redirect(res, check.redirectUri, { error: 'access_denied', error_description: 'The user denied access', state });
    }
    if (decision !== 'allow') return errorPage(400, 'Choose Allow or Deny.');
    const code = newToken();
    codes.set(code, {
      clientId: check.client.clientId,
      redirectUri: check.redirectUri,
      scope: check.scope,
      challenge: check.challenge,
      method: check.method,
      expiresAt: Date.now() + CODE_TTL_MS,
      grant: undefined,
    });
    redirect(res, check.redirectUri, { code, state });
  }

  /** Authenticates the client in the configured style; throws invalid_client otherwise. */
  function authenticateClient(req: IncomingMessage, form: JsonObject): OAuthClient {
    const header = req.headers.authorization;
    const basicHeader = header !== undefined && /^basic /i.test(header);
    const bodySecret = param(form, 'client_secret');
    let credentials: { id: string; secret: string } | undefined;
    if (options.clientAuth === 'basic') {
      const formId = param(form, 'client_id');
      credentials = basicHeader && bodySecret === undefined ? parseBasic(header) : undefined;
      // A client_id in the body is tolerated under Basic only when it names the same client.
      if (credentials !== undefined && formId !== undefined && formId !== credentials.id) credentials = undefined;
    } else if (!basicHeader) {
      const id = param(form, 'client_id');
      credentials = id === undefined || bodySecret === undefined ? undefined : { id, secret: bodySecret };
    }
    const client = credentials === undefined ? undefined : clients.get(credentials.id);
    if (client === undefined || client.clientSecret !== credentials?.secret) {
      throw new TokenError(401, 'invalid_client', `Client authentication failed (this server expects client_secret_${options.clientAuth})`);
    }
    return client;
  }

  function redeemCode(client: OAuthClient, form: JsonObject): JsonObject {
    const code = param(form, 'code');
    if (code === undefined) throw new TokenError(400, 'invalid_request', 'code is required');
    const record = codes.get(code);
    if (record === undefined) throw new TokenError(400, 'invalid_grant', 'The authorization code is invalid');
    if (record.grant !== undefined) {
      record.grant.revoked = true;
      throw new TokenError(400, 'invalid_grant', 'The authorization code was already used; tokens issued from it are revoked');
    }
    // Consumed by this attempt whatever its outcome: setting the grant marks the code used.
    const grant: Grant = { clientId: record.clientId, scope: record.scope, revoked: false };
    record.grant = grant;
    if (Date.now() >= record.expiresAt) throw new TokenError(400, 'invalid_grant', 'The authorization code has expired');
    if (record.clientId !== client.clientId) {
      throw new TokenError(400, 'invalid_grant', 'The authorization code was issued to another client');
    }
    if (param(form, 'redirect_uri') !== record.redirectUri) {
      throw new TokenError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    }
    if (record.challenge !== undefined) {
      const verifier = param(form, 'code_verifier');
      if (verifier === undefined || !PKCE_VALUE.test(verifier) || !pkceMatches(record.challenge, record.method ?? 'plain', verifier)) {
        throw new TokenError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
    }
    return issue(grant, newToken());
  }

  function refresh(client: OAuthClient, form: JsonObject): JsonObject {
    const token = param(form, 'refresh_token');
    if (token === undefined) throw new TokenError(400, 'invalid_request', 'refresh_token is required');
    const grant = refreshGrant(token);
    if (grant === undefined || grant.revoked || grant.clientId !== client.clientId) {
      throw new TokenError(400, 'invalid_grant', 'The refresh token is invalid, rotated or revoked');
    }
    if (!options.rotateRefreshTokens) return issue(grant, token);
    if (refreshTokens.delete(token) && graceSeconds > 0) rotated.set(token, { grant, until: Date.now() + graceSeconds * 1000 });
    return issue(grant, newToken());
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    tokenRequests++;
    const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
    const fail = (error: TokenError): void => {
      const headers =
        error.code === 'invalid_client' && options.clientAuth === 'basic'
          ? { ...noStore, 'www-authenticate': `Basic realm="${options.appName}"` }
          : noStore;
      sendJson(res, error.status, { error: error.code, error_description: error.message }, headers);
    };
    if (tokenDelayMs > 0) await sleep(tokenDelayMs);
    // A client that went away while the answer was delayed (a killed node) gets nothing issued or rotated,
    // like a provider that abandons a request whose connection dropped.
    if (req.socket.destroyed) return;
    const failure = failures.take();
    if (failure !== undefined) {
      const code = failure.status === 503 ? 'temporarily_unavailable' : failure.status >= 500 ? 'server_error' : 'invalid_request';
      return fail(new TokenError(failure.status, code, 'Scripted token endpoint failure'));
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return fail(new TokenError(405, 'invalid_request', 'The token endpoint accepts POST only'));
    }
    if (!isForm(req)) return fail(new TokenError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded'));
    const body = await readObjectBody(req, true);
    // Form bodies are never malformed, only too large.
    if (!body.ok) return fail(new TokenError(body.status, 'invalid_request', 'The request body is too large'));
    // Issued (and rotated) already: an answer lost on the way back leaves the client with the old tokens.
    const answer = async (issued: JsonObject): Promise<void> => {
      if (answerDelayMs > 0) await sleep(answerDelayMs);
      if (!res.destroyed) sendJson(res, 200, issued, noStore);
    };
    try {
      const client = authenticateClient(req, body.value);
      const grantType = param(body.value, 'grant_type');
      if (grantType === undefined) throw new TokenError(400, 'invalid_request', 'grant_type is required');
      if (grantType === 'authorization_code') return await answer(redeemCode(client, body.value));
      if (grantType === 'refresh_token') return await answer(refresh(client, body.value));
      throw new TokenError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    } catch (error) {
      if (error instanceof TokenError) return fail(error);
      throw error;
    }
  }

  return {
    async handle(req, res, url) {
      if (url.pathname === options.authorisePath) await authorise(req, res, url.query);
      else if (url.pathname === options.tokenPath) await token(req, res);
      else return false;
      return true;
    },
    isValidAccessToken: (accessToken) => liveAccess(accessToken) !== undefined,
    scopeOf: (accessToken) => liveAccess(accessToken)?.grant.scope,
    clientOf: (accessToken) => liveAccess(accessToken)?.grant.clientId,
    get tokenRequests() {
      return tokenRequests;
    },
    get graceRefreshes() {
      return graceRefreshes;
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeAll: forgetIssued,
    setAccessTokenTtl(seconds) {
      checkSeconds(seconds);
      ttlSeconds = seconds;
    },
    failTokenEndpoint: (n, status) => failures.add(n, status),
    setTokenDelay(ms) {
      checkDelay(ms);
      tokenDelayMs = ms;
    },
    setAnswerDelay(ms) {
      checkDelay(ms);
      answerDelayMs = ms;
    },
    setRefreshTokenGrace(seconds) {
      checkSeconds(seconds, 'refresh token grace');
      graceSeconds = seconds;
    },
    issueForTest(clientId, scope) {
      if (!clients.has(clientId)) throw new Error(`issueForTest: unknown client ${clientId}`);
      return issue({ clientId, scope: scope ?? options.defaultScope, revoked: false }, newToken());
    },
    reset() {
      forgetIssued();
      tokenRequests = 0;
      graceRefreshes = 0;
      tokenDelayMs = 0;
      answerDelayMs = 0;
      failures.clear();
    },
  };
}
