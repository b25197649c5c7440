import type { MethodDefinition } from '../catalogue/schema.js';
import type { Clock } from '../clock.js';
import type { Egress } from '../egress/egress.js';
import { notFound } from '../errors.js';
import { valueAt } from '../json-path.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { buildRequest } from './build-request.js';
import { assertAuthenticated, type CredentialKeeper, type CurrentInstall, sendWithRefresh } from './credential-keeper.js';
import type { FairShare } from './fair-share.js';
import { checkInputs, type MethodInput } from './inputs.js';
import { nextPageParameters } from './pagination.js';
import { readBody, retryAfterSeconds, upstreamError } from './upstream-response.js';

export interface RunOptions extends MethodInput {
  /** Follow the connector's pagination and return every item (up to the page cap). */
  AllPages?: boolean;
  /**
   * Aborted when the caller no longer waits for the answer: a call still waiting for its turn leaves the
   * queue, one under way is cancelled, and no further page is read. A token refresh other calls share goes on.
   */
  signal?: AbortSignal | undefined;
  /** Sent in the method's IdempotencyHeader, when it declares one: every send of one logical request carries the same key. */
  idempotencyKey?: string | undefined;
}

/** Where a paged read stands after a call. */
export interface Paging {
  /** The parameters that read the next page; null when there is none. */
  next: Record<string, unknown> | null;
  /** With AllPages: how many pages were read. */
  pages?: number;
  /** With AllPages: the page cap was reached before the last page. */
  truncated?: boolean;
}

export interface MethodResult {
  status: number;
  data: unknown;
  /** Set for a method with pagination. */
  paging?: Paging;
}

export interface RunnerLimits {
  maxPages: number;
  /** A 429 is retried when its Retry-After is at most this long... */
  maxRetryAfterSeconds: number;
  /** ...and at most this many times. */
  maxRetries: number;
}

/** Runs connector methods: builds the request, sends it through egress, pages, and maps failures. */
export class MethodRunner {
  constructor(
    private readonly egress: Egress,
    private readonly credentials: CredentialKeeper,
    private readonly share: FairShare,
    private readonly limits: RunnerLimits,
    private readonly clock: Clock,
  ) {}

  method(install: ResolvedInstall, key: string): MethodDefinition {
    const method =
      install.connector.methods.get(key) ??
      install.connector.methods.get(key.toLowerCase()) ??
      install.customMethods.get(key) ??
      install.customMethods.get(key.toLowerCase());
    if (method === undefined) throw notFound(`Method '${key}' not found in ${install.connector.definition.Name}`);
    return method;
  }

  async run(install: ResolvedInstall, key: string, options: RunOptions): Promise<MethodResult> {
    const method = this.method(install, key);
    assertAuthenticated(install);
    const current: CurrentInstall = { install: await this.credentials.ready(install) };
    options.signal?.throwIfAborted();
    if (options.AllPages && method.Pagination !== undefined) return this.allPages(current, method, options);
    const page = await this.fetch(current, method, options);
    if (method.Pagination === undefined) return { status: page.status, data: page.data };
    return {
      status: page.status,
      data: page.data,
      paging: { next: nextPageParameters(method.Pagination, sentParameters(method, options), page) },
    };
  }

  private async allPages(current: CurrentInstall, method: MethodDefinition, options: RunOptions): Promise<MethodResult> {
    const pagination = method.Pagination as NonNullable<MethodDefinition['Pagination']>;
    const items: unknown[] = [];
    let parameters = { ...options.Parameters };
    for (let pages = 1; ; pages++) {
      const page = await this.fetch(current, method, { ...options, Parameters: parameters });
      if (Array.isArray(page.data)) items.push(...page.data);
      else if (page.data !== null && page.data !== undefined) items.push(page.data);
      const next = nextPageParameters(pagination, sentParameters(method, { ...options, Parameters: parameters }), page);
      if (next === null) return { status: 200, data: items, paging: { next, pages } };
      if (pages >= this.limits.maxPages) return { status: 200, data: items, paging: { next, pages, truncated: true } };
      options.signal?.throwIfAborted();
      parameters = { ...parameters, ...next };
    }
  }

  /** One upstream request, with 429s retried within the limits and one retry after a refused OAuth token. */
  private async fetch(current: CurrentInstall, method: MethodDefinition, input: RunOptions) {
    const name = current.install.connector.definition.Name;
    const { signal } = input;
    const send = async (install: ResolvedInstall) => {
      const request = buildRequest(install, method, input);
      if (method.IdempotencyHeader !== undefined && input.idempotencyKey !== undefined) {
        request.headers[method.IdempotencyHeader.toLowerCase()] = input.idempotencyKey;
      }
      const done = await this.share.acquire(install, signal);
      try {
        return await this.egress.requestWhole({ ...request, signal });
      } finally {
        done();
      }
    };
    let rateLimitRetries = 0;
    for (;;) {
      const response = await sendWithRefresh(this.credentials, current, send, { replayable: true });
      const body = readBody(response);
      if (response.statusCode === 429 && rateLimitRetries < this.limits.maxRetries) {
        const wait = retryAfterSeconds(response.headers, this.clock.now());
        if (wait <= this.limits.maxRetryAfterSeconds) {
          rateLimitRetries++;
          await this.clock.sleep(wait * 1000);
          continue;
        }
      }
      if (response.statusCode >= 400) {
        const error = upstreamError(name, response.statusCode, body);
        const retryAfter = response.headers['retry-after'];
        if (response.statusCode === 429 && typeof retryAfter === 'string') error.headers['retry-after'] = retryAfter;
        throw error;
      }
      const data = valueAt(body, method.DataPath);
      const link = response.headers.link;
      return {
        status: response.statusCode,
        body,
        data,
        itemCount: Array.isArray(data) ? data.length : 0,
        linkHeader: Array.isArray(link) ? link.join(', ') : link,
      };
    }
  }
}

/** The parameters a page was read with, defaults included: a short page is only known by the size sent. */
function sentParameters(method: MethodDefinition, input: MethodInput): Map<string, unknown> {
  return checkInputs(method, input).parameters;
}
