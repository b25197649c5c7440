import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { PatchbayError } from '../errors.js';
import type { Principal } from '../services/access-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The account an account-level call acts on. */
    accountId: string;
    /**
     * Aborted when the client goes away before its reply is sent, so that the work done for it stops.
     * (Fastify's own `signal` follows the request stream, which closes as soon as the body has been read.)
     */
    clientGone: AbortSignal;
  }
}

const ACCOUNT_HEADERS = ['x-cyclr-account', 'x-patchbay-account'] as const;
const unauthenticated = () => new PatchbayError('PB_ERR_UNAUTHENTICATED', 'Authorization has been denied for this request.');

function bearer(headers: IncomingHttpHeaders): string {
  const header = headers.authorization;
  if (header === undefined) throw unauthenticated();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) throw unauthenticated();
  return match[1] as string;
}

/** The account named by the request, if any. */
function namedAccount(headers: IncomingHttpHeaders): string | undefined {
  for (const name of ACCOUNT_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

const clientGone = () => new PatchbayError('PB_ERR_CLIENT_GONE', 'The client closed its connection before the answer was sent');

/**
 * Counts the request against its caller's in-flight caps (429 over them) until its reply is finished or
 * its connection is gone, whichever comes first; in the second case `request.clientGone` aborts too.
 */
function countInFlight(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, clientId: string, accountId: string | null): void {
  const release = ctx.inFlight.enter(clientId, accountId);
  const gone = new AbortController();
  request.clientGone = gone.signal;
  const closed = () => {
    release();
    // A reply sent in full closes its response too: only one cut short leaves work to stop.
    if (!reply.raw.writableFinished) gone.abort(clientGone());
  };
  // A client that went away while it was being identified has no reply left to wait for.
  if (reply.raw.closed) closed();
  else reply.raw.once('close', closed);
}

/** Partner-level routes: any valid token. A token restricted to one account may only reach that account. */
export function partnerAuth(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = await ctx.tokens.authenticate(bearer(request.headers));
    countInFlight(ctx, request, reply, request.principal.clientId, request.principal.accountId);
  };
}

/** Partner-level routes that a restricted token must not use (creating or listing accounts, ...). */
export function unrestrictedAuth(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = await ctx.tokens.authenticate(bearer(request.headers));
    if (request.principal.accountId !== null) {
      throw new PatchbayError('PB_ERR_FORBIDDEN', 'This token is restricted to one account and cannot make partner-level calls');
    }
    countInFlight(ctx, request, reply, request.principal.clientId, null);
  };
}

/** The account a principal acts on: its own when the token is restricted, else the one the request names. */
function accountOf(headers: IncomingHttpHeaders, principal: Principal): string {
  const named = namedAccount(headers);
  if (principal.accountId !== null) {
    if (named !== undefined && named !== principal.accountId) {
      throw new PatchbayError('PB_ERR_FORBIDDEN', 'This token is restricted to another account');
    }
    return principal.accountId;
  }
  if (named === undefined) throw new PatchbayError('PB_ERR_ACCOUNT_REQUIRED', 'Name the account with the X-Cyclr-Account header');
  return named;
}

/** Account-level routes: the account comes from the header, or from the token when it is restricted. */
export function accountAuth(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = await ctx.tokens.authenticate(bearer(request.headers));
    request.accountId = accountOf(request.headers, request.principal);
    // Counted before the account is looked up: a flood of calls for unknown accounts is capped too.
    countInFlight(ctx, request, reply, request.principal.clientId, request.accountId);
    await ctx.accounts.assertExists(request.accountId);
  };
}

/** Guards a route that names an account in its path. */
export function assertAccountAllowed(principal: Principal, accountId: string): void {
  if (principal.accountId !== null && principal.accountId !== accountId) {
    throw new PatchbayError('PB_ERR_FORBIDDEN', 'This token is restricted to another account');
  }
}
