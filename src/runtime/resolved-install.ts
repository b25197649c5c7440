import type { StoredToken } from '../auth/token-set.js';
import type { Connector } from '../catalogue/catalogue.js';
import type { MethodDefinition } from '../catalogue/schema.js';

/** Everything a method call needs about one account connector, secrets opened. */
export interface ResolvedInstall {
  id: number;
  accountId: string;
  name: string;
  connector: Connector;
  authenticated: boolean;
  authError: string | null;
  /** The credential the install uses (several installs may share one). */
  credentialId: number | null;
  /** The opened credential: API key, `user:password` base64, or OAuth token JSON. */
  secret: string | null;
  /** For OAuth2 installs: the parsed token. */
  token: StoredToken | null;
  /** Methods of the install's custom categories, by id and by lower-cased MethodUniqueIdentifier. */
  customMethods: ReadonlyMap<string, MethodDefinition>;
  /** The objects the custom categories were copied for, by custom category id. */
  customObjects: ReadonlyMap<number, string>;
  /** Account connector properties (sensitive ones opened), then partner values, then defaults. */
  values: ReadonlyMap<string, string>;
}

/** Every method an install can call: the connector's, then the copies its custom categories made. */
export function installMethods(install: ResolvedInstall): MethodDefinition[] {
  return [...install.connector.definition.Methods, ...new Set(install.customMethods.values())];
}
