import { renderConnectorUrl } from '../catalogue/connector-url.js';
import { MissingValueError } from '../catalogue/template.js';
import { PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';

/** An install's base URL, and its origin and path for checks on URLs built below it. */
export interface BaseUrl {
  /** Without a trailing slash. */
  href: string;
  origin: string;
  /** Without a trailing slash ('' for the root). */
  path: string;
}

/**
 * Which of a connector's bases a URL is built on: `BaseUrl` for its methods, `ProxyBaseUrl` for the raw
 * proxy and the methods that say so. A connector without a ProxyBaseUrl uses its BaseUrl for both.
 */
export type BaseName = 'BaseUrl' | 'ProxyBaseUrl';

/** Rendered once per resolved install: a write replaces the install object, and with it these entries. */
const bases: Record<BaseName, WeakMap<ResolvedInstall, BaseUrl>> = { BaseUrl: new WeakMap(), ProxyBaseUrl: new WeakMap() };

/** One of the connector's bases for this install, with properties and kept token fields filled in. */
export function installBase(install: ResolvedInstall, name: BaseName = 'BaseUrl'): BaseUrl {
  let base = bases[name].get(install);
  if (base === undefined) {
    base = renderBase(install, name);
    bases[name].set(install, base);
  }
  return base;
}

function renderBase(install: ResolvedInstall, name: BaseName): BaseUrl {
  const { definition } = install.connector;
  const template = name === 'ProxyBaseUrl' ? (definition.ProxyBaseUrl ?? definition.BaseUrl) : definition.BaseUrl;
  try {
    const url = renderConnectorUrl(install.connector, template, install.values, name === 'ProxyBaseUrl' ? 'proxy base URL' : 'base URL');
    return { href: url.href.replace(/\/$/, ''), origin: url.origin, path: url.pathname.replace(/\/$/, '') };
  } catch (error) {
    if (error instanceof MissingValueError) {
      throw new PatchbayError('PB_ERR_CONFLICT', `Account connector ${install.id} has no value for ${error.valueName}`);
    }
    throw error;
  }
}
