import type { Clock } from '../clock.js';
import { hashToken, randomToken } from '../crypto/tokens.js';
import { PatchbayError } from '../errors.js';
import type { Db } from '../store/database.js';
import { insertSigninToken, spendSigninToken } from '../store/sessions.js';

export const SIGNIN_TOKEN_LIFETIME_SECONDS = 300;

/**
 * Sign-in tokens: single use, five minutes, stored as hashes. They let a browser act for one account
 * (the OAuth popup, the connect page) without ever holding an API token.
 */
export class SigninTokens {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async issue(accountId: string, username: string | null): Promise<{ Token: string; ExpiresAtUtc: string }> {
    const token = randomToken('pbs_');
    const expiresAt = this.clock.isoIn(SIGNIN_TOKEN_LIFETIME_SECONDS * 1000);
    await insertSigninToken(this.db, {
      token_hash: hashToken(token),
      account_id: accountId,
      username,
      expires_at: expiresAt,
      used_at: null,
      created_at: this.clock.nowIso(),
    });
    return { Token: token, ExpiresAtUtc: expiresAt };
  }

  /** Uses the token up and returns its account; the conditional update makes a second use fail even when racing. */
  async consume(token: string): Promise<string> {
    const accountId = await spendSigninToken(this.db, hashToken(token), this.clock.nowIso());
    if (accountId === undefined) {
      throw new PatchbayError('PB_ERR_SIGNIN_TOKEN_INVALID', 'The sign-in token is unknown, expired or already used; ask for a new one');
    }
    return accountId;
  }
}
