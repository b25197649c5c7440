/** The console talks to Patchbay through the public API only: /oauth/token and /v1.0, with a bearer token. */

const TOKEN_KEY = 'patchbay.console.token';

/** An API answer that was not a success, with the server's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function failure(reply: Response): Promise<ApiError> {
  const text = await reply.text();
  try {
    const body = JSON.parse(text) as { Message?: string; Code?: string };
    if (body.Message) return new ApiError(reply.status, body.Message, body.Code);
  } catch {
    // Not JSON: the status says it.
  }
  return new ApiError(reply.status, `The server answered ${reply.status} ${reply.statusText}`.trim());
}

/** Exchanges an API client's id and secret for a token, as any API client does. */
export async function signIn(clientId: string, clientSecret: string): Promise<void> {
  const reply = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  if (!reply.ok) throw await failure(reply);
  const { access_token } = (await reply.json()) as { access_token: string };
  sessionStorage.setItem(TOKEN_KEY, access_token);
}

export interface Call {
  /** The account to act in (X-Cyclr-Account), for /v1.0/account/... */
  account?: string;
  body?: unknown;
}

/** Signs the console out when the token is refused, so the sign-in form shows again. */
let onUnauthenticated: () => void = () => undefined;
export const whenSignedOut = (handler: () => void) => {
  onUnauthenticated = handler;
};

export async function api<T>(method: string, path: string, call: Call = {}): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}` };
  if (call.account !== undefined) headers['x-cyclr-account'] = call.account;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const reply = await fetch(path, { method, headers, body: call.body === undefined ? null : JSON.stringify(call.body) });
  if (reply.status === 401) {
    session.signOut();
    onUnauthenticated();
  }
  if (!reply.ok) throw await failure(reply);
  const data = (reply.status === 204 ? undefined : await reply.json()) as T;
  return { data, headers: reply.headers };
}

/** What a call answered, whatever the status, and how long it took: for the method tester. */
export interface RawAnswer {
  status: number;
  ms: number;
  body: unknown;
}

export async function raw(method: string, path: string, call: Call = {}): Promise<RawAnswer> {
  const started = performance.now();
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}`, 'content-type': 'application/json' };
  if (call.account !== undefined) headers['x-cyclr-account'] = call.account;
  const reply = await fetch(path, { method, headers, body: call.body === undefined ? null : JSON.stringify(call.body) });
  const text = await reply.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON: shown as text.
  }
  return { status: reply.status, ms, body };
}

export const get = async <T>(path: string, call: Call = {}) => (await api<T>('GET', path, call)).data;
