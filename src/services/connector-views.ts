import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import { stableGuid } from '../catalogue/guid.js';
import type { ConnectorIcon } from '../catalogue/icon.js';
import { outputFields, outputItem } from '../catalogue/method-output.js';
import type { MethodDefinition, PropertyDefinition } from '../catalogue/schema.js';
import { notFound } from '../errors.js';

// The catalogue in the public API's shape (Cyclr's field names).

export function authInfo(connector: Connector) {
  const auth = connector.definition.Auth;
  return {
    AuthType: auth.Type,
    OAuth2Type: auth.Type === 'OAuth2' ? auth.Flow : 'Unknown',
    AuthScheme: auth.Type === 'Basic' ? 'Basic' : auth.Type === 'OAuth2' ? 'Bearer' : null,
  };
}

function parameterView(property: PropertyDefinition, index: number, isAccountProperty: boolean) {
  return {
    Id: index + 1,
    Name: property.Name,
    DisplayName: property.DisplayName,
    Description: property.Description ?? '',
    IsOptional: property.Optional === true || property.Default !== undefined,
    IsSensitive: property.Sensitive === true,
    IsAccountConnectorProperty: isAccountProperty,
    TargetType: 'Property',
    TargetName: property.Name,
    DataType: 'Text',
    Values: (property.Choices ?? []).map((c) => c.Value),
  };
}

/** Where a connector's icon is served, absolute as Cyclr gives it; '' for a connector without one. */
export function iconUrl(connector: Connector, publicUrl: string): string {
  return connector.icon === undefined ? '' : `${publicUrl}/v1.0/connectors/${connector.definition.Id}/icon`;
}

/** The icon of the connector a caller names (id, name or slug); 404 for an unknown one or one without an icon. */
export function connectorIcon(catalogue: Catalogue, key: string): ConnectorIcon {
  const connector = catalogue.named(key);
  if (connector.icon === undefined) throw notFound(`Connector '${key}' has no icon`);
  return connector.icon;
}

export function connectorView(connector: Connector, publicUrl: string) {
  const d = connector.definition;
  const partner = d.PartnerProperties ?? [];
  const info = authInfo(connector);
  return {
    Id: d.Id,
    Name: d.Name,
    Description: d.Description,
    Status: d.Status ?? 'Approved',
    Version: d.Version,
    Icon: iconUrl(connector, publicUrl),
    AuthDescription: d.AuthDescription ?? '',
    ...info,
    Categories: d.Categories.map((c) => ({
      Id: c.Id,
      Name: c.Name,
      Description: c.Description ?? '',
      IsCustomisable: c.Customisable !== undefined,
    })),
    Parameters: [
      ...partner.map((p, i) => parameterView(p, i, false)),
      ...(d.AccountProperties ?? []).map((p, i) => parameterView(p, partner.length + i, true)),
    ],
    Authentication: [
      {
        Id: stableGuid(`patchbay:connector-auth:${d.Id}`),
        AuthName: d.Auth.Type === 'OAuth2' ? `OAuth 2.0 (${d.Auth.Flow})` : d.Auth.Type,
        AuthDescription: d.AuthDescription ?? '',
        ...info,
      },
    ],
  };
}

export function methodView(method: MethodDefinition) {
  return {
    Id: method.Id,
    Name: method.Name,
    Description: method.Description ?? '',
    Category: method.Category,
    HttpMethod: method.HttpMethod,
    EndPoint: method.Endpoint,
    MethodUniqueIdentifier: method.MethodUniqueIdentifier,
    Paginated: method.Pagination !== undefined,
    Parameters: (method.Parameters ?? []).map((p) => ({
      Name: p.Name,
      Location: p.In,
      DataType: p.Type,
      IsOptional: p.Required !== true,
      Description: p.Description ?? '',
    })),
    Fields: (method.Fields ?? []).map((f) => ({
      Name: f.Name,
      DataType: f.Type,
      IsOptional: f.Required !== true,
      IsReadOnly: f.ReadOnly === true,
      Description: f.Description ?? '',
    })),
    Output: {
      Kind: method.Output === 'Nothing' ? ('Nothing' as const) : 'List' in method.Output ? ('List' as const) : ('Item' as const),
      Schema: outputItem(method.Output) ?? null,
    },
    OutputFields: outputFields(method.Output),
  };
}
