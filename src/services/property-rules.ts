import type { Connector } from '../catalogue/catalogue.js';
import { matchesPattern } from '../catalogue/pattern.js';
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

/** Partner properties an account may always set for itself: its own OAuth app, and the scope it asks for. */
export const OWN_APP_PROPERTIES = new Set(['ClientId', 'ClientSecret', 'Scope']);

/**
 * What an account may set on an install of a connector: its account properties, the partner properties
 * left blank at setup (`asked`), and, for OAuth connectors, its own Client ID, Client Secret and Scope.
 */
export interface PropertyScope {
  connector: Connector;
  settable: PropertyDefinition[];
  required: PropertyDefinition[];
}

export function propertyScope(connector: Connector, asked: PropertyDefinition[]): PropertyScope {
  const declared = connector.definition.AccountProperties ?? [];
  const partner = (connector.definition.PartnerProperties ?? []).filter((p) => asked.includes(p) || OWN_APP_PROPERTIES.has(p.Name));
  return { connector, settable: [...declared, ...partner], required: [...declared.filter(isRequired), ...asked] };
}

export function propertyDefinition(scope: PropertyScope, name: string): PropertyDefinition {
  const connector = scope.connector;
  const definition = scope.settable.find((p) => p.Name === name);
  if (definition === undefined) {
    const names = scope.settable.map((p) => p.Name);
    throw badRequest(
      `Property '${name}' is not an account property of ${connector.definition.Name}` +
        (names.length > 0 ? ` (expected one of: ${names.join(', ')})` : ' (it has none)'),
    );
  }
  return definition;
}

export function checkPropertyValue(definition: PropertyDefinition, value: string): void {
  if (definition.Pattern !== undefined && !matchesPattern(definition.Pattern, value)) {
    throw badRequest(`Property '${definition.Name}' does not match the pattern ${definition.Pattern}`);
  }
  if (definition.Choices !== undefined && !definition.Choices.some((c) => c.Value === value)) {
    throw badRequest(
      `Property '${definition.Name}' must be one of: ${definition.Choices.map((c) => `${c.Value} (${c.Label})`).join(', ')}`,
    );
  }
}

export function isRequired(definition: PropertyDefinition): boolean {
  return definition.Optional !== true && definition.Default === undefined;
}

/** Validates install properties: known names, no duplicates, patterns, and (when asked) every required one present. */
export function checkedProperties(
  scope: PropertyScope,
  inputs: PropertyInput[],
  options: { requireAll: boolean; given?: ReadonlySet<string> },
): CheckedProperty[] {
  const seen = new Set<string>();
  const checked = inputs.map((input) => {
    if (seen.has(input.Name)) throw badRequest(`Property '${input.Name}' is given twice`);
    seen.add(input.Name);
    const definition = propertyDefinition(scope, input.Name);
    checkPropertyValue(definition, input.Value);
    return { definition, value: input.Value };
  });
  if (options.requireAll) {
    for (const definition of scope.required) {
      if (!seen.has(definition.Name) && !options.given?.has(definition.Name)) {
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
