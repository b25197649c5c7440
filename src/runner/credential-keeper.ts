import { PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';

/** Keeps credentials usable: refreshes before a call and after the provider refuses a token. */
export interface CredentialKeeper {
  /** The install to call with: refreshed first when its access token is about to expire. */
  ready(install: ResolvedInstall): Promise<ResolvedInstall>;
  /** After the provider answered 401: a fresh install to send again with, or null when none can be had. */
  afterRejection(install: ResolvedInstall): Promise<ResolvedInstall | null>;
}

/** The install a call is made with; replaced when its token is refreshed mid-call. */
export interface CurrentInstall {
  install: ResolvedInstall;
}

/**
 * Sends with the current install's credential. A 401 is answered once by refreshing the token and sending
 * again, when the request can be sent again (`replayable`); the refused answer is handed to `discard` first.
 */
export async function sendWithRefresh<Answer extends { statusCode: number }>(
  keeper: CredentialKeeper,
  current: CurrentInstall,
  send: (install: ResolvedInstall) => Promise<Answer>,
  options: { replayable: boolean; discard?: (answer: Answer) => void },
): Promise<Answer> {
  const answer = await send(current.install);
  if (answer.statusCode !== 401 || !options.replayable) return answer;
  const next = await keeper.afterRejection(current.install);
  if (next === null) return answer;
  options.discard?.(answer);
  current.install = next;
  return send(next);
}

/** Throws unless the install has a working credential. */
export function assertAuthenticated(install: ResolvedInstall): void {
  if (!install.authenticated) {
    throw new PatchbayError(
      'PB_ERR_NOT_AUTHENTICATED',
      `Account connector '${install.name}' is not authenticated${install.authError ? ` (${install.authError})` : ''}; authenticate it again`,
    );
  }
}
