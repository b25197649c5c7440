import type { StoredToken } from './token-set.js';

/**
 * What the token refresher needs of the place credentials are kept. The credentials side implements it;
 * auth knows nothing else about it.
 *
 * - `token` reads the credential's current token afresh (never from a cache): a refresher compares it
 *   with the one its caller held to learn whether someone else refreshed meanwhile. null: it holds none.
 * - `claimRefresh` takes the credential's refresh lease for `leaseMs` unless another live owner holds an
 *   unexpired one; exactly one concurrent caller wins. `owner` is a node identity: the lease of a node
 *   known to be dead (see NodePresence) is free at once, any other lapses at its expiry.
 * - `releaseRefresh` gives the lease back, only when `owner` still holds it.
 * - `saveToken` stores a new token durably before it returns (a rotated refresh token must be kept
 *   before the old one is forgotten) and marks the credential's installs authenticated.
 * - `markRefused` records that the provider refused the grant for good: the secret is dropped and the
 *   installs become unauthenticated with `reason`.
 */
export interface CredentialStore {
  token(accountId: string, credentialId: number): Promise<StoredToken | null>;
  claimRefresh(credentialId: number, owner: string, leaseMs: number): Promise<boolean>;
  releaseRefresh(credentialId: number, owner: string): Promise<void>;
  saveToken(accountId: string, credentialId: number, token: StoredToken): Promise<void>;
  markRefused(credentialId: number, reason: string): Promise<void>;
}
