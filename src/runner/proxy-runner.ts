import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { injectCredential } from '../auth/inject.js';
import type { Egress, UpstreamAnswer } from '../egress/egress.js';
import { badRequest } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { assertAuthenticated, type CredentialKeeper, type CurrentInstall, sendWithRefresh } from './credential-keeper.js';
import type { FairShare } from './fair-share.js';
import { type BaseUrl, installBase } from './install-base.js';

/** Answers up to this size with a known length are read whole and sent on in one write; anything else streams through. */
const BUFFERED_BODY_LIMIT = 64 * 1024;

/** One raw request for a connector's API: a path below its proxy base URL, as the caller wrote it. */
export interface ProxyRequest {
  method: Dispatcher.HttpMethod;
  /** The path below the proxy base URL, starting with `/`, still percent-encoded. */
  path: string;
  /** The query string with its `?`, or ''. */
  query: string;
  /** Headers to send on; the credential is added to them. */
  headers: Record<string, string>;
  /** A body streamed through as it arrives; null for none. */
  body: Readable | null;
  /** Aborted when the caller no longer waits: the request leaves the fair share's queue, or is cancelled. */
  signal?: AbortSignal | undefined;
}

/** Whether `url` stays on the base URL's origin and below its path. */
function isBelow(base: BaseUrl, url: URL): boolean {
  return url.origin === base.origin && (url.pathname === base.path || url.pathname.startsWith(`${base.path}/`));
}

/**
 * The third-party URL for a proxied path. The path must stay below the connector's proxy base URL: no dot
 * segments (plain or encoded), no backslashes or encoded separators, and a final check on the parsed URL.
 */
function proxiedUrl(base: BaseUrl, path: string, query: string): URL {
  if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(path) || /\\|%2f|%5c/i.test(path)) {
    throw badRequest('The proxied path may not contain ".." segments, backslashes or encoded slashes');
  }
  const url = new URL(`${base.href}${path}${query}`);
  if (!isBelow(base, url)) {
    throw badRequest('The proxied path must stay below the connector\'s proxy base URL (no ".." segments)');
  }
  return url;
}

/**
 * The raw proxy: sends a request below the install's proxy base URL (the connector's ProxyBaseUrl, else
 * its BaseUrl) with the credential added, and hands the
 * answer back unchanged (small ones read whole, others as a stream). A refused OAuth token is refreshed and
 * the request sent once more, when there is no streamed body that would have to be replayed.
 */
export class ProxyRunner {
  constructor(
    private readonly egress: Egress,
    private readonly credentials: CredentialKeeper,
    private readonly share: FairShare,
  ) {}

  async forward(install: ResolvedInstall, request: ProxyRequest): Promise<UpstreamAnswer> {
    assertAuthenticated(install);
    const current: CurrentInstall = { install: await this.credentials.ready(install) };
    const { signal } = request;
    const send = async (using: ResolvedInstall) => {
      const outbound = {
        url: proxiedUrl(installBase(using, 'ProxyBaseUrl'), request.path, request.query),
        headers: { ...request.headers },
      };
      if (using.secret !== null) injectCredential(using.connector.definition.Auth, { secret: using.secret, token: using.token }, outbound);
      const done = await this.share.acquire(using, signal);
      let answer: UpstreamAnswer;
      try {
        answer = await this.egress.request(
          { method: request.method, url: outbound.url, headers: outbound.headers, body: request.body, signal },
          BUFFERED_BODY_LIMIT,
        );
      } catch (error) {
        done();
        throw error;
      }
      // A streamed answer holds its connection until it has been read or dropped.
      if (Buffer.isBuffer(answer.body)) done();
      else answer.body.once('close', done);
      return answer;
    };
    return sendWithRefresh(this.credentials, current, send, {
      replayable: request.body === null,
      discard: (answer) => {
        if (!Buffer.isBuffer(answer.body)) answer.body.destroy();
      },
    });
  }
}
