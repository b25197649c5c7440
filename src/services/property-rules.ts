import type { Connector } from '../catalogue/catalogue.js';
import type { PropertyDefinition } from '../catalogue/schema.js';
import { badRequest } from '../errors.js';
import type { NewPropertyRow } from '../store/schema.js';

export interface PropertyInput {
  Name: string;
  Value: string;
}

export interface CheckedProperty {
  definition: PropertyDefinition;
  value: string;
}

/** Reserved names that let one account bring its own OAuth app. */
const OAUTH_APP_PROPERTIES: PropertyDefinition[] = [
  { Name: 'ClientId', DisplayName: 'Client ID' },
  { Name: 'ClientSecret', DisplayName: 'Client Secret', Sensitive: true },
];

/** The properties an account may set on an install of this connector. */
export function accountPropertyDefinitions(connector: Connector): PropertyDefinition[] {
  const declared = connector.definition.AccountProperties ?? [];
  if (connector.definition.Auth.Type !== 'OAuth2') return declared;
  return [...declared, ...OAUTH_APP_PROPERTIES.filter((p) => !declared.some((d) => d.Name === p.Name))];
}

export function propertyDefinition(connector: Connector, name: string): PropertyDefinition {
  const definition = accountPropertyDefinitions(connector).find((p) => p.Name === name);
  if (definition === undefined) {
    const names = accountPropertyDefinitions(connector).map((p) => p.Name);
    throw badRequest(
      `Property '${name}' is not an account property of ${connector.definition.Name}` +
        (names.length > 0 ? ` (expected one of: ${names.join(', ')})` : ' (it has none)'),
    );
  }
  return definition;
}

export function checkPropertyValue(definition: PropertyDefinition, value: string): void {
  if (definition.Pattern !== undefined && !new RegExp(`^(?:${definition.Pattern})$`).test(value)) {
    throw badRequest(`Property '${definition.Name}' does not match the pattern ${definition.Pattern}`);
  }
}

export function isRequired(definition: PropertyDefinition): boolean {
  return definition.Optional !== true && definition.Default === undefined;
}

/** Validates install properties: known names, no duplicates, patterns, and (when asked) every required one present. */
export function checkedProperties(connector: Connector, inputs: PropertyInput[], options: { requireAll: boolean }): CheckedProperty[] {
  const seen = new Set<string>();
  const checked = inputs.map((input) => {
    if (seen.has(input.Name)) throw badRequest(`Property '${input.Name}' is given twice`);
    seen.add(input.Name);
    const definition = propertyDefinition(connector, input.Name);
    checkPropertyValue(definition, input.Value);
    return { definition, value: input.Value };
  });
  if (options.requireAll) {
    for (const definition of connector.definition.AccountProperties ?? []) {
      if (isRequired(definition) && !seen.has(definition.Name)) {
        throw badRequest(`Property '${definition.Name}' (${definition.DisplayName}) is required`);
      }
    }
  }
  return checked;
}

export function propertyRows(properties: CheckedProperty[], accountConnectorId: number, seal: (value: string) => string): NewPropertyRow[] {
  return properties.map(({ definition, value }) => ({
    account_connector_id: accountConnectorId,
    name: definition.Name,
    value: definition.Sensitive ? seal(value) : value,
    sensitive: definition.Sensitive ? 1 : 0,
  }));
}
