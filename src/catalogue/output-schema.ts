import { type Static, Type } from 'typebox';

const strict = { additionalProperties: false } as const;

const JsonType = Type.Union([
  Type.Literal('object'),
  Type.Literal('array'),
  Type.Literal('string'),
  Type.Literal('integer'),
  Type.Literal('number'),
  Type.Literal('boolean'),
  Type.Literal('null'),
]);

/**
 * What a method answers. The item schema is the subset of JSON Schema that mapping pickers, MCP clients and
 * code generators all read the same way; it never forbids extra properties, since providers add fields.
 */
export const OutputSchema = Type.Cyclic(
  {
    OutputItem: Type.Object(
      {
        type: Type.Union([JsonType, Type.Array(JsonType, { minItems: 1, uniqueItems: true })], {
          description: 'A JSON type, or a list of them, e.g. [string, "null"] for a value the provider may leave null',
        }),
        title: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
        format: Type.Optional(Type.Union([Type.Literal('date-time'), Type.Literal('date'), Type.Literal('email'), Type.Literal('uri')])),
        enum: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), { minItems: 1 })),
        properties: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Ref('OutputItem'))),
        items: Type.Optional(Type.Ref('OutputItem')),
        required: Type.Optional(Type.Array(Type.String(), { description: 'Properties that are always present' })),
      },
      { ...strict, description: 'JSON Schema of a value: type, properties, items, required, format, enum, description' },
    ),
    MethodOutput: Type.Union(
      [
        Type.Literal('Nothing', { description: 'The method answers no content (a 204)' }),
        Type.Object({ List: Type.Ref('OutputItem') }, { ...strict, description: 'The data is a list; the schema is of one item' }),
        Type.Object({ Item: Type.Ref('OutputItem') }, { ...strict, description: 'The data is one value' }),
      ],
      { description: 'What the method answers (the data at DataPath): Nothing, a List of items or one Item, each a JSON Schema' },
    ),
  },
  'MethodOutput',
);

export type MethodOutput = Static<typeof OutputSchema>;
export type OutputItem = Exclude<MethodOutput, 'Nothing'> extends infer O ? (O extends { List: infer S } ? S : never) : never;
