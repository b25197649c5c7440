import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { MethodDefinition } from '../catalogue/schema.js';
import type { Egress } from '../egress/egress.js';
import { notFound, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../services/install-cache.js';
import { type BuiltRequest, buildRequest } from './build-request.js';
import type { MethodInput } from './inputs.js';
import { nextPageParameters, valueAt } from './pagination.js';
import { readBody, retryAfterSeconds, upstreamError } from './upstream-response.js';

export interface RunOptions extends MethodInput {
  /** Follow the connector's pagination and return every item (up to the page cap). */
  AllPages?: boolean;
}

export interface MethodResult {
  status: number;
  data: unknown;
  /** Reply headers: the next page's parameters, the pages read, truncation. */
  headers: Record<string, string>;
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
    private readonly limits: RunnerLimits,
  ) {}

  method(install: ResolvedInstall, key: string): MethodDefinition {
    const method = install.connector.methods.get(key) ?? install.connector.methods.get(key.toLowerCase());
    if (method === undefined) throw notFound(`Method '${key}' not found in ${install.connector.definition.Name}`);
    return method;
  }

  async run(install: ResolvedInstall, key: string, options: RunOptions): Promise<MethodResult> {
    const method = this.method(install, key);
    if (!install.authenticated) {
      throw new PatchbayError(
        'PB_ERR_NOT_AUTHENTICATED',
        `Account connector '${install.name}' is not authenticated${install.authError ? ` (${install.authError})` : ''}; authenticate it again`,
      );
    }
    if (options.AllPages && method.Pagination !== undefined) return this.allPages(install, method, options);
    const request = buildRequest(install, method, options);
    const page = await this.fetch(install, method, request);
    const headers: Record<string, string> = {};
    if (method.Pagination !== undefined) {
      const next = nextPageParameters(method.Pagination, currentParameters(options), page);
      if (next !== null) headers['x-patchbay-next-parameters'] = JSON.stringify(next);
    }
    return { status: page.status, data: page.data, headers };
  }

  private async allPages(install: ResolvedInstall, method: MethodDefinition, options: RunOptions): Promise<MethodResult> {
    const pagination = method.Pagination as NonNullable<MethodDefinition['Pagination']>;
    const items: unknown[] = [];
    let parameters = { ...options.Parameters };
    for (let pages = 1; ; pages++) {
      const page = await this.fetch(install, method, buildRequest(install, method, { ...options, Parameters: parameters }));
      if (Array.isArray(page.data)) items.push(...page.data);
      else if (page.data !== null && page.data !== undefined) items.push(page.data);
      const next = nextPageParameters(pagination, currentParameters({ Parameters: parameters }), page);
      if (next === null) return { status: 200, data: items, headers: { 'x-patchbay-pages': String(pages) } };
      if (pages >= this.limits.maxPages) {
        return {
          status: 200,
          data: items,
          headers: {
            'x-patchbay-pages': String(pages),
            'x-patchbay-truncated': 'true',
            'x-patchbay-next-parameters': JSON.stringify(next),
          },
        };
      }
      parameters = { ...parameters, ...next };
    }
  }

  /** One upstream request, with 429s retried within the limits. */
  private async fetch(install: ResolvedInstall, method: MethodDefinition, request: BuiltRequest) {
    const name = install.connector.definition.Name;
    for (let attempt = 0; ; attempt++) {
      const response: Dispatcher.ResponseData = await this.egress.request(request);
      const body = await readBody(response);
      if (response.statusCode === 429 && attempt < this.limits.maxRetries) {
        const wait = retryAfterSeconds(response.headers);
        if (wait <= this.limits.maxRetryAfterSeconds) {
          await sleep(wait * 1000);
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

function currentParameters(options: MethodInput): Map<string, unknown> {
  return new Map(Object.entries(options.Parameters ?? {}));
}
