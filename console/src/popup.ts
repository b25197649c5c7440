import type { Connector } from './types';

interface PatchbayConnect {
  connect(options: { url: string }): Promise<unknown>;
}

/** Runs an OAuth popup from its start URL through Patchbay's browser helper, the one partners' pages use. */
export async function runPopup(url: string): Promise<void> {
  const { Patchbay } = (await import(/* @vite-ignore */ `${window.location.origin}/sdk/connect.js`)) as { Patchbay: PatchbayConnect };
  await Patchbay.connect({ url });
}

/** OAuth 2.0 with the user's consent (authorization code); client credentials need no browser. */
export const signsInWithPopup = (connector: Connector) => connector.AuthType === 'OAuth2' && connector.OAuth2Type === 'AuthorisationCode';
