/**
 * The error registry. Every error a client can receive has a stable code, an HTTP status and a
 * meaning; codes are never reused. The README's error table is checked against this list by a test.
 */
export const ERROR_CODES = {
  PB_ERR_BAD_REQUEST: { status: 400, meaning: 'A value in the request is missing or invalid; the message names it.' },
  PB_ERR_ID_IN_USE: { status: 400, meaning: 'The supplied Id is already used by another record.' },
  PB_ERR_ACCOUNT_REQUIRED: { status: 400, meaning: 'An account-level call did not name the account (X-Cyclr-Account).' },
  PB_ERR_OAUTH_STATE_INVALID: { status: 400, meaning: 'The OAuth callback has an unknown, expired or already used state.' },
  PB_ERR_URL_REFUSED: {
    status: 400,
    meaning: "The URL policy refused an outbound URL: not https, off the connector's allowed hosts, or to a private address.",
  },
  PB_ERR_AUTHENTICATION_FAILED: {
    status: 400,
    meaning: 'The provider refused the credentials given at install or re-authentication; its reason is in the message.',
  },
  PB_ERR_BODY_TOO_DEEP: {
    status: 400,
    meaning: 'The JSON body nests objects and arrays more than 64 levels deep.',
  },
  PB_ERR_OAUTH_DENIED: { status: 400, meaning: 'The provider refused the authorization (e.g. the user chose Deny).' },
  PB_ERR_UNAUTHENTICATED: { status: 401, meaning: 'No bearer token, or one that is unknown, expired or revoked.' },
  PB_ERR_INVALID_CLIENT: { status: 401, meaning: 'Unknown API client or wrong client secret at /oauth/token.' },
  PB_ERR_SIGNIN_TOKEN_INVALID: { status: 401, meaning: 'The sign-in token is unknown, expired or already used.' },
  PB_ERR_FORBIDDEN: { status: 403, meaning: 'The token may not act on this account.' },
  PB_ERR_ORIGIN_NOT_ALLOWED: { status: 403, meaning: 'targetOrigin is not one of the origins in PATCHBAY_ALLOWED_ORIGINS.' },
  PB_ERR_NOT_FOUND: { status: 404, meaning: 'No such record in this account (or no such route).' },
  PB_ERR_METHOD_NOT_ALLOWED: { status: 405, meaning: 'The route does not take this HTTP method; the Allow header names the ones it does.' },
  PB_ERR_REQUEST_TIMEOUT: {
    status: 408,
    meaning: 'The request (line, headers and body) did not arrive within PATCHBAY_REQUEST_TIMEOUT_MS; the connection is closed.',
  },
  PB_ERR_CONFLICT: { status: 409, meaning: 'The request conflicts with the current state of a record.' },
  PB_ERR_NOT_AUTHENTICATED: { status: 409, meaning: 'The account connector has no working credential; authenticate it again.' },
  PB_ERR_CYCLE_ACTIVE: { status: 409, meaning: 'The cycle is active: deactivate it before changing it.' },
  PB_ERR_CYCLE_PREREQUISITES: {
    status: 409,
    meaning: 'The cycle cannot be activated yet; the reply lists its Prerequisites, each naming the step or field at fault.',
  },
  PB_ERR_NOT_OAUTH: { status: 409, meaning: 'The account connector does not authenticate with the OAuth 2.0 authorization code flow.' },
  PB_ERR_PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The request body is over the size limit.' },
  PB_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The request body has a content type this route does not take.' },
  PB_ERR_UPSTREAM_RATE_LIMITED: { status: 429, meaning: 'The third party kept answering 429 after the retries allowed.' },
  PB_ERR_TOO_MANY_IN_FLIGHT: {
    status: 429,
    meaning:
      'The API client or the account already has as many requests in flight as PATCHBAY_MAX_IN_FLIGHT_PER_CLIENT or _PER_ACCOUNT allow; retry after Retry-After seconds.',
  },
  PB_ERR_HEADERS_TOO_LARGE: {
    status: 431,
    meaning: "The request line and headers together are over the server's limit (16 KB by default).",
  },
  PB_ERR_CLIENT_GONE: {
    status: 499,
    meaning:
      'The client closed its connection before its answer: the work for it was stopped (no third-party call is made or awaited for it). Only ever seen in the logs.',
  },
  PB_ERR_INTERNAL: { status: 500, meaning: 'An unexpected fault; it is logged with the request id.' },
  PB_ERR_UPSTREAM: { status: 502, meaning: 'The third party answered with an error; its status and body are included.' },
  PB_ERR_UPSTREAM_UNREACHABLE: {
    status: 502,
    meaning: 'The third party could not be reached, or broke off its answer.',
  },
  PB_ERR_OAUTH_EXCHANGE_FAILED: { status: 502, meaning: "The provider's token endpoint refused or failed the code exchange." },
  PB_ERR_TOKEN_REFRESH_FAILED: {
    status: 502,
    meaning: 'The token endpoint could not be reached or failed; the stored tokens are kept for the next try.',
  },
  PB_ERR_UPSTREAM_TIMEOUT: { status: 504, meaning: 'The third party did not answer in time.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What the third party said, carried on upstream errors. */
export interface UpstreamDetail {
  Status: number;
  Body: unknown;
}

export class PatchbayError extends Error {
  override name = 'PatchbayError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly upstream?: UpstreamDetail,
    readonly headers: Record<string, string> = {},
    /** More of the reply's body, e.g. the Prerequisites an activation is refused for. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = ERROR_CODES[code].status;
  }
}

export const badRequest = (message: string) => new PatchbayError('PB_ERR_BAD_REQUEST', message);
export const notFound = (message: string) => new PatchbayError('PB_ERR_NOT_FOUND', message);

/** Whether the error is a 404 or a 409 of an install that is gone or whose connector is (a step then just lacks it). */
export const isMissing = (error: unknown): boolean =>
  error instanceof PatchbayError && (error.code === 'PB_ERR_NOT_FOUND' || error.code === 'PB_ERR_CONFLICT');
