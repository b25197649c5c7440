import type { Clock } from '../clock.js';
import { hashToken, randomToken } from '../crypto/tokens.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { Db } from '../store/database.js';
import { insertConnectSession, liveConnectSession } from '../store/sessions.js';
import type { AccountConnectors } from './account-connectors.js';
import type { SigninTokens } from './signin-tokens.js';

/** How long the connect page stays open after its link was followed. */
export const CONNECT_SESSION_SECONDS = 3600;

/** The message the connect page's popup posts back when an app is connected. */
export const CONNECTED_MESSAGE = 'patchbay-connected';

/** What the connect page shows of one installed app: nothing secret. */
export interface ConnectableApp {
  Id: number;
  Name: string;
  ConnectorName: string;
  Icon: string;
  AuthDescription: string;
  /** `popup`: OAuth 2.0 with the user's consent; `key` and `password`: typed in; `none`: nothing to do. */
  Connect: 'popup' | 'key' | 'password' | 'none';
  Authenticated: boolean;
  AuthenticationError: string | null;
}

/** How the page connects an app of this connector. */
function connectBy(connector: { AuthType: string; OAuth2Type: string }): ConnectableApp['Connect'] {
  if (connector.AuthType === 'OAuth2') return connector.OAuth2Type === 'AuthorisationCode' ? 'popup' : 'none';
  if (connector.AuthType === 'ApiKey') return 'key';
  return connector.AuthType === 'Basic' ? 'password' : 'none';
}

type InstallView = Awaited<ReturnType<AccountConnectors['get']>>;

function appOf(install: InstallView): ConnectableApp | undefined {
  const connector = install.Connector;
  if (connector === null) return undefined;
  return {
    Id: install.Id,
    Name: install.Name,
    ConnectorName: connector.Name,
    Icon: connector.Icon,
    AuthDescription: connector.AuthDescription,
    Connect: connectBy(connector),
    Authenticated: install.Authenticated,
    AuthenticationError: install.AuthenticationError,
  };
}

const ended = () =>
  new PatchbayError('PB_ERR_UNAUTHENTICATED', 'This connect page has expired or was never opened; open the link from the app again');

/**
 * The end user's connect page: a sign-in token (single use, five minutes) opens a session of an hour
 * for one account, held by an HttpOnly cookie, so the browser never holds an API token. Through it the
 * page lists the account's apps and connects them: a fresh sign-in token per OAuth popup, or a key.
 */
export class ConnectSessions {
  constructor(
    private readonly db: Db,
    private readonly signins: SigninTokens,
    private readonly installs: AccountConnectors,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  /** Uses the sign-in token up and opens a session for its account; the session secret goes in a cookie. */
  async open(signinToken: string): Promise<{ session: string; accountId: string }> {
    const accountId = await this.signins.consume(signinToken);
    const session = randomToken('pbc_');
    await insertConnectSession(this.db, {
      session_hash: hashToken(session),
      account_id: accountId,
      expires_at: this.clock.isoIn(CONNECT_SESSION_SECONDS * 1000),
      created_at: this.clock.nowIso(),
    });
    return { session, accountId };
  }

  /** The account a live session is for. */
  async accountOf(session: string | undefined): Promise<string> {
    if (session === undefined || session === '') throw ended();
    const accountId = await liveConnectSession(this.db, hashToken(session), this.clock.nowIso());
    if (accountId === undefined) throw ended();
    return accountId;
  }

  async apps(accountId: string): Promise<ConnectableApp[]> {
    const { items } = await this.installs.list(accountId, { page: 1, pageSize: 500 });
    return items.flatMap((install) => appOf(install) ?? []);
  }

  /** One of the account's apps (404 for another account's, or one whose connector left the catalogue). */
  private async app(accountId: string, installId: number): Promise<ConnectableApp> {
    const app = appOf(await this.installs.get(accountId, installId));
    if (app === undefined) throw notFound(`Account connector ${installId} not found`);
    return app;
  }

  /** Where the popup starts an app's OAuth flow: a fresh sign-in token, reporting back to this page. */
  async popupUrl(accountId: string, installId: number): Promise<string> {
    const app = await this.app(accountId, installId);
    if (app.Connect !== 'popup') throw badRequest(`${app.Name} is not connected in a popup`);
    const { Token } = await this.signins.issue(accountId, null);
    const query = new URLSearchParams({
      id: String(installId),
      token: Token,
      targetOrigin: new URL(this.publicUrl).origin,
      callbackMessage: CONNECTED_MESSAGE,
    });
    return `${this.publicUrl}/connectorauth/updateaccountconnectoroauth?${query}`;
  }

  /** Connects an app with a key (or base64 of username:password), as the install's update does. */
  async connectWithSecret(accountId: string, installId: number, authValue: string): Promise<void> {
    const app = await this.app(accountId, installId);
    if (app.Connect !== 'key' && app.Connect !== 'password') throw badRequest(`${app.Name} does not take a key`);
    await this.installs.update(accountId, installId, { AuthValue: authValue });
  }
}
