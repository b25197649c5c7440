import type { ParsedAuthValue } from '../auth/auth-value.js';
import type { Connector } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import { PatchbayError } from '../errors.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';

/** What trying a key or password with the provider showed, to keep on its credential. */
export interface Verification {
  /** 'Verified', or null when the provider could not tell (unreachable, failing). */
  status: 'Verified' | null;
  at: string;
  message: string | null;
}

/** A credential's verification columns for what a check showed; unknown when there was none. */
export function verificationColumns(verification: Verification | undefined) {
  return {
    verified_status: verification?.status ?? null,
    verified_at: verification?.at ?? null,
    verified_message: verification?.message ?? null,
  };
}

/** Trying a key or password before it is stored: what the credentials service needs of CredentialCheck. */
export interface KeyChecker {
  /** Throws PB_ERR_AUTHENTICATION_FAILED when the provider refuses; undefined when nothing could be tried. */
  check(
    accountId: string,
    connector: Connector,
    parsed: ParsedAuthValue,
    values: ReadonlyMap<string, string>,
  ): Promise<Verification | undefined>;
}

/**
 * A KeyChecker given its implementation after construction. The check runs methods, whose token refresher
 * stores tokens through the credentials service: the credentials service must exist before the check can,
 * so it holds this and the check is bound to it once built.
 */
export class LateKeyChecker implements KeyChecker {
  private target: KeyChecker | undefined;

  bind(target: KeyChecker): void {
    if (this.target !== undefined) throw new Error('The credential check is already bound');
    this.target = target;
  }

  check(...args: Parameters<KeyChecker['check']>): Promise<Verification | undefined> {
    if (this.target === undefined) throw new Error('The credential check was used before it was bound');
    return this.target.check(...args);
  }
}

/**
 * Tries a key, or a username and password, with the connector's test method before it is stored. A refusal
 * (the provider answers 401 or 403) stops the install with the provider's reason; a provider that cannot
 * be reached or answers otherwise leaves it unverified, saying why. OAuth and client credentials are
 * checked by their own flows; a connector without a test method is not tried.
 */
export class CredentialCheck implements KeyChecker {
  constructor(
    private readonly runner: MethodRunner,
    private readonly clock: Clock,
  ) {}

  /** `values` are the install's property values (partner setup and defaults included), as a call would use them. */
  async check(
    accountId: string,
    connector: Connector,
    parsed: ParsedAuthValue,
    values: ReadonlyMap<string, string>,
  ): Promise<Verification | undefined> {
    const { Auth: auth, TestMethod: testMethod, Name: name } = connector.definition;
    if (testMethod === undefined || (auth.Type !== 'ApiKey' && auth.Type !== 'Basic')) return undefined;
    const candidate: ResolvedInstall = {
      id: 0,
      accountId,
      name,
      connector,
      authenticated: true,
      authError: null,
      credentialId: null,
      secret: parsed.secret,
      token: null,
      customMethods: new Map(),
      customObjects: new Map(),
      values,
    };
    try {
      await this.runner.run(candidate, testMethod, {});
      return { status: 'Verified', at: this.clock.nowIso(), message: null };
    } catch (error) {
      if (!(error instanceof PatchbayError)) throw error;
      const status = error.upstream?.Status;
      if (error.code === 'PB_ERR_UPSTREAM' && (status === 401 || status === 403)) {
        throw new PatchbayError('PB_ERR_AUTHENTICATION_FAILED', `${name} refused the credentials: ${error.message}`);
      }
      // The provider could not say: the credentials are kept, and the reason with them.
      if (error.status >= 500 || error.code === 'PB_ERR_UPSTREAM_RATE_LIMITED') {
        return { status: null, at: this.clock.nowIso(), message: `Not verified at install: ${error.message}` };
      }
      throw error;
    }
  }
}
