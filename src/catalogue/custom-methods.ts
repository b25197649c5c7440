import { valueAt } from '../json-path.js';
import type { Connector } from './catalogue.js';
import { stableGuid } from './guid.js';
import type { MethodOutput, OutputItem } from './output-schema.js';
import type { CategoryDefinition, FieldDefinition, MethodDefinition, ParameterDefinition } from './schema.js';
import { placeholders } from './template.js';

type Customisable = NonNullable<CategoryDefinition['Customisable']>;
type DataType = ParameterDefinition['Type'];

/** One field of an object (a table's column), as read from the connector's fields method. */
export interface ObjectField {
  Name: string;
  DataType: DataType;
  /** The provider's own type name, e.g. AUTONUMBER. */
  ProviderType: string | null;
  Optional: boolean;
  ReadOnly: boolean;
}

/** A customisable category copied for one object of one install. */
export interface CustomCategory {
  id: number;
  categoryId: string;
  objectName: string;
  fields: ObjectField[];
}

export function customisableCategory(
  connector: Connector,
  categoryId: string,
): (CategoryDefinition & { Customisable: Customisable }) | undefined {
  const category = connector.definition.Categories.find((c) => c.Id === categoryId);
  return category?.Customisable === undefined ? undefined : (category as CategoryDefinition & { Customisable: Customisable });
}

/** The object names in the lookup method's answer. */
export function objectNames(custom: Customisable, items: unknown[]): string[] {
  return items
    .map((item) => valueAt(item, custom.LookupNamePath))
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

/** An object's fields from the fields method's answer, typed with the category's mapping. */
export function objectFields(custom: Customisable, items: unknown[]): ObjectField[] {
  const fields: ObjectField[] = [];
  for (const item of items) {
    const name = valueAt(item, custom.FieldNamePath);
    if (typeof name !== 'string' || name === '') continue;
    const type = valueAt(item, custom.FieldTypePath);
    const providerType = typeof type === 'string' ? type : null;
    fields.push({
      Name: name,
      DataType: (providerType !== null ? custom.FieldTypes?.[providerType] : undefined) ?? 'string',
      ProviderType: providerType,
      Optional: valueAt(item, custom.RequiredPath) !== true,
      ReadOnly:
        valueAt(item, custom.ReadOnlyPath) === true || (providerType !== null && (custom.ReadOnlyTypes ?? []).includes(providerType)),
    });
  }
  return fields;
}

/** The methods of a custom category: its category's methods on the object, bound to it, with the object's fields. */
export function customMethods(connector: Connector, custom: CustomCategory): MethodDefinition[] {
  const category = customisableCategory(connector, custom.categoryId);
  if (category === undefined) return [];
  const placeholder = category.Customisable.ObjectPlaceholder;
  const bound = new RegExp(`\\{\\{\\s*${placeholder}\\s*\\}\\}`, 'g');
  return connector.definition.Methods.filter((m) => m.Category === category.Id && placeholders(m.Endpoint).includes(placeholder)).map(
    (method) => {
      const derived: MethodDefinition = {
        ...method,
        Id: customMethodId(method.Id, custom.id),
        MethodUniqueIdentifier: stableGuid(`patchbay:custom-category:${custom.id}:${method.MethodUniqueIdentifier.toLowerCase()}`),
        Name: `${method.Name} (${custom.objectName})`,
        // The object is part of the method now: callers cannot point it at another one.
        Endpoint: method.Endpoint.replace(bound, encodeURIComponent(custom.objectName)),
        Parameters: (method.Parameters ?? []).filter((p) => p.Name !== placeholder),
        Output: objectOutput(method.Output, custom.fields),
      };
      if (method.HttpMethod === 'POST' || method.HttpMethod === 'PUT' || method.HttpMethod === 'PATCH') {
        derived.Fields = custom.fields.map(
          (f): FieldDefinition => ({
            Name: f.Name,
            Type: f.DataType,
            ...(method.HttpMethod === 'POST' && !f.Optional && !f.ReadOnly ? { Required: true } : {}),
            ...(f.ReadOnly ? { ReadOnly: true } : {}),
          }),
        );
        derived.AdditionalFields = false;
      }
      return derived;
    },
  );
}

/**
 * A bound method whose output item is an object with no declared properties answers the object's records:
 * it gets the object's fields, each possibly null (a record's empty field).
 */
function objectOutput(output: MethodOutput, fields: ObjectField[]): MethodOutput {
  if (output === 'Nothing') return output;
  const item = 'List' in output ? output.List : output.Item;
  if (item.type !== 'object' || item.properties !== undefined) return output;
  const record: OutputItem = {
    ...item,
    properties: Object.fromEntries(fields.map((f) => [f.Name, { type: [f.DataType, 'null'] as OutputItem['type'] }])),
  };
  return 'List' in output ? { List: record } : { Item: record };
}

/** A custom category's method is its category method's id, `@`, and the custom category's id. */
export const customMethodId = (methodId: string, customId: number) => `${methodId}@${customId}`;
