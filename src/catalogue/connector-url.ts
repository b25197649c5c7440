import { hostMatches } from '../egress/url-policy.js';
import { PatchbayError } from '../errors.js';
import type { Connector } from './catalogue.js';
import { matchesPattern } from './pattern.js';
import { placeholders, render } from './template.js';

const refused = (message: string) => new PatchbayError('PB_ERR_URL_REFUSED', message);

/**
 * Renders one of a connector's URL templates (base URL, authorise or token URL) with an install's values.
 * A template with placeholders is policed, because its values come from people: each value must match
 * its property's pattern, and the URL must be https, carry no credentials, and land on a host the
 * connector allows (`AllowedHosts`). A missing value throws MissingValueError.
 */
export function renderConnectorUrl(connector: Connector, template: string, values: ReadonlyMap<string, string>, what: string): URL {
  const definitions = [...(connector.definition.PartnerProperties ?? []), ...(connector.definition.AccountProperties ?? [])];
  const rendered = render(
    template,
    (name) => {
      const value = values.get(name);
      if (value === undefined) return undefined;
      const pattern = definitions.find((p) => p.Name === name)?.Pattern;
      if (pattern !== undefined && !matchesPattern(pattern, value)) {
        throw refused(`The value of ${name} does not match its pattern ${pattern}, so the ${what} cannot be built`);
      }
      return value;
    },
    // Values are whole URL parts (a subdomain, an api_domain, a partner's URL): inserted as given, then parsed.
    (value) => value,
  );
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw refused(`The ${what} of ${connector.definition.Name} is not a valid URL once its values are filled in`);
  }
  if (placeholders(template).length === 0) return url;
  const allowed = connector.definition.AllowedHosts ?? [];
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || !hostMatches(url.hostname, allowed)) {
    throw refused(`The ${what} of ${connector.definition.Name} must be https on ${allowed.join(' or ')}; its values lead to ${url.origin}`);
  }
  return url;
}
