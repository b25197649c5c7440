import { Type } from 'typebox';

/** Reply and input schemas shared by the routes. Replies list every field: nothing else is sent. */

export const ErrorReply = Type.Object(
  {
    Message: Type.String(),
    Code: Type.String(),
    Upstream: Type.Optional(Type.Object({ Status: Type.Integer(), Body: Type.Unknown() })),
    Prerequisites: Type.Optional(
      Type.Array(
        Type.Object({
          ReasonCode: Type.Integer(),
          Reason: Type.String(),
          ObjectType: Type.String(),
          ObjectId: Type.String(),
          StepId: Type.Union([Type.Integer(), Type.Null()]),
          FieldName: Type.Union([Type.String(), Type.Null()]),
        }),
        { description: 'PB_ERR_CYCLE_PREREQUISITES: what keeps the cycle from being activated' },
      ),
    ),
  },
  { $id: 'ErrorReply' },
);

export const errorReplies = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorReply')])) as Record<number, ReturnType<typeof Type.Ref>>;

export const PAGE_REFUSAL = 'Refused: {Message, Code}, or an error page when the request accepts text/html';

/** Documents refusals of a browser-facing route: `{Message, Code}`, or an error page for a browser (Accept: text/html). */
export const pageRefusals = (statuses: number[], description = PAGE_REFUSAL) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description, content: { 'application/json': Type.Ref('ErrorReply'), 'text/html': Type.String() } },
    ]),
  );

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});

/** The largest id a path accepts (a 32-bit signed integer). */
export const MAX_ID = 2_147_483_647;
export const IdParam = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const MessageReply = Type.Object({ Message: Type.String() });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AccountReply = Type.Object({
  Id: Type.String(),
  Name: Type.String(),
  Description: Nullable(Type.String()),
  Timezone: Nullable(Type.String()),
  CreatedDate: Type.String(),
});

const ConnectorParameter = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  DisplayName: Type.String(),
  Description: Type.String(),
  IsOptional: Type.Boolean(),
  IsSensitive: Type.Boolean(),
  IsAccountConnectorProperty: Type.Boolean(),
  TargetType: Type.String(),
  TargetName: Type.String(),
  DataType: Type.String(),
  Values: Type.Array(Type.String()),
});

export const ConnectorReply = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  Description: Type.String(),
  Status: Type.String(),
  Version: Type.String(),
  Icon: Type.String({ description: "The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none" }),
  AuthDescription: Type.String(),
  AuthType: Type.String(),
  OAuth2Type: Type.String(),
  AuthScheme: Nullable(Type.String()),
  Categories: Type.Array(
    Type.Object({ Id: Type.String(), Name: Type.String(), Description: Type.String(), IsCustomisable: Type.Boolean() }),
  ),
  Parameters: Type.Array(ConnectorParameter),
  Authentication: Type.Array(
    Type.Object({
      Id: Type.String(),
      AuthName: Type.String(),
      AuthDescription: Type.String(),
      AuthType: Type.String(),
      OAuth2Type: Type.String(),
      AuthScheme: Nullable(Type.String()),
    }),
  ),
});

export const MethodReply = Type.Object({
  Id: Type.String(),
  Name: Type.String(),
  Description: Type.String(),
  Category: Type.String(),
  HttpMethod: Type.String(),
  EndPoint: Type.String(),
  MethodUniqueIdentifier: Type.String(),
  Paginated: Type.Boolean(),
  Parameters: Type.Array(
    Type.Object({
      Name: Type.String(),
      Location: Type.String(),
      DataType: Type.String(),
      IsOptional: Type.Boolean(),
      Description: Type.String(),
    }),
  ),
  Fields: Type.Array(
    Type.Object({
      Name: Type.String(),
      DataType: Type.String(),
      IsOptional: Type.Boolean(),
      IsReadOnly: Type.Boolean(),
      Description: Type.String(),
    }),
  ),
  Output: Type.Object(
    {
      Kind: Type.Union([Type.Literal('List'), Type.Literal('Item'), Type.Literal('Nothing')], {
        description: 'List: the data is an array of items; Item: one value; Nothing: no content',
      }),
      Schema: Nullable(
        Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of one item (of the list, or the item); null for Nothing' }),
      ),
    },
    { description: "What the method answers, as the connector file declares it from the provider's documentation" },
  ),
  OutputFields: Type.Array(
    Type.Object({
      Field: Type.String({ description: 'Dotted path in one item; [] marks each element of a list, e.g. emails[].value' }),
      DataType: Type.String(),
      IsNullable: Type.Boolean(),
      Format: Nullable(Type.String()),
      Description: Type.String(),
    }),
    { description: "The item's fields, flattened: what a field mapping can pick from this method's answer" },
  ),
});

export const AccountConnectorReply = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  Description: Nullable(Type.String()),
  AuthValue: Nullable(Type.String({ description: 'Masked: never the whole secret' })),
  Authenticated: Type.Boolean(),
  AuthenticationError: Nullable(Type.String()),
  VerifiedStatus: Nullable(
    Type.String({
      description: 'Verified or Failed: the last check of the credential with the provider; null when it has not been checked',
    }),
  ),
  VerifiedMessage: Nullable(Type.String({ description: 'Why the last check failed, or why there could be none' })),
  CredentialId: Nullable(Type.Integer({ description: 'The credential it uses; several installs may share one' })),
  CreatedDate: Type.String(),
  Connector: Nullable(ConnectorReply),
});

export const PropertyInput = Type.Object({
  Name: Type.String({ minLength: 1, maxLength: 200 }),
  Value: Type.String({ maxLength: 10_000 }),
});

export const PropertyReply = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  Value: Type.String(),
  AccountConnectorId: Type.Integer(),
});
