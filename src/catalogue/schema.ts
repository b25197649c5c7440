import { type Static, Type } from 'typebox';
import { OutputSchema } from './output-schema.js';
import { TriggerSchema } from './trigger-schema.js';

/**
 * The connector file format. Connector files are data: this schema is the contract, the TypeScript
 * types are derived from it, and `connectors/connector.schema.json` is generated from it
 * (`npm run schema`) so editors validate YAML as it is typed.
 */

const Text = (description: string) => Type.String({ description });
const Name = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Identifier: letters, digits, underscore' });
const Guid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'A GUID, stable across releases',
});
const strict = { additionalProperties: false } as const;

export const PropertySchema = Type.Object(
  {
    Name,
    DisplayName: Text('Label shown to people'),
    Description: Type.Optional(Text('Help text')),
    Sensitive: Type.Optional(Type.Boolean({ description: 'Encrypted at rest, shown masked, entered as a password' })),
    Optional: Type.Optional(Type.Boolean()),
    Pattern: Type.Optional(Type.String({ description: 'Regular expression the whole value must match' })),
    Default: Type.Optional(Type.String()),
    Example: Type.Optional(Type.String()),
    Choices: Type.Optional(
      Type.Array(Type.Object({ Value: Type.String(), Label: Type.String() }, strict), {
        minItems: 1,
        description: 'The only values allowed, each with the label people see, e.g. Read only / Full access',
      }),
    ),
  },
  strict,
);

const ApiKeyAuth = Type.Object(
  {
    Type: Type.Literal('ApiKey'),
    In: Type.Union([Type.Literal('header'), Type.Literal('query')]),
    Name: Type.String({ description: 'Header or query parameter name' }),
    Prefix: Type.Optional(Type.String({ description: 'Put before the key, e.g. "Bearer "' })),
  },
  strict,
);

const BasicAuth = Type.Object({ Type: Type.Literal('Basic') }, strict);
const NoAuth = Type.Object({ Type: Type.Literal('None') }, strict);

const OAuth2Auth = Type.Object(
  {
    Type: Type.Literal('OAuth2'),
    Flow: Type.Union([Type.Literal('AuthorisationCode'), Type.Literal('ClientCredentials')]),
    AuthoriseUrl: Type.Optional(Type.String({ description: 'Template; required for AuthorisationCode' })),
    TokenUrl: Type.String({ description: 'Template, e.g. https://{{AccountSubdomain}}.caspio.com/oauth/token' }),
    Scopes: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Scopes to request; each may template a property, e.g. {{Scope}}; blank ones are left out',
      }),
    ),
    ScopeSeparator: Type.Optional(Type.String({ default: ' ' })),
    Pkce: Type.Optional(Type.Boolean({ default: true })),
    ClientAuth: Type.Optional(
      Type.Union([Type.Literal('basic'), Type.Literal('body')], { description: 'How the client authenticates at the token endpoint' }),
    ),
    KeepTokenFields: Type.Optional(Type.Array(Type.String(), { description: 'Token-response fields kept for templates, e.g. api_domain' })),
    AuthoriseParams: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  strict,
);

export const AuthSchema = Type.Union([ApiKeyAuth, BasicAuth, OAuth2Auth, NoAuth]);

const ParameterType = Type.Union([
  Type.Literal('string'),
  Type.Literal('integer'),
  Type.Literal('number'),
  Type.Literal('boolean'),
  Type.Literal('array'),
  Type.Literal('object'),
]);

export const ParameterSchema = Type.Object(
  {
    Name: Type.String({ minLength: 1 }),
    In: Type.Union([Type.Literal('path'), Type.Literal('query'), Type.Literal('header'), Type.Literal('body')]),
    Type: ParameterType,
    Required: Type.Optional(Type.Boolean()),
    Description: Type.Optional(Type.String()),
    Default: Type.Optional(Type.Unknown()),
    Enum: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]))),
  },
  strict,
);

export const FieldSchema = Type.Object(
  {
    Name: Type.String({ minLength: 1 }),
    Type: ParameterType,
    Required: Type.Optional(Type.Boolean()),
    ReadOnly: Type.Optional(Type.Boolean()),
    Description: Type.Optional(Type.String()),
  },
  strict,
);

const PageLinkPagination = Type.Object(
  {
    Style: Type.Literal('PageLink'),
    PageParam: Type.String(),
    SizeParam: Type.Optional(Type.String()),
    FirstPage: Type.Optional(Type.Integer({ default: 1 })),
  },
  { ...strict, description: 'Page number in a query parameter; the next page is in the Link header, rel="next"' },
);

const OffsetPagination = Type.Object(
  {
    Style: Type.Literal('Offset'),
    StartParam: Type.String(),
    LimitParam: Type.String(),
    MorePath: Type.String({ description: 'Dotted path to the "more items" flag' }),
    NextStartPath: Type.Optional(Type.String({ description: 'Dotted path to the next start; else start + count' })),
  },
  strict,
);

const PageNumberPagination = Type.Object(
  {
    Style: Type.Literal('PageNumber'),
    PageParam: Type.String(),
    SizeParam: Type.String(),
    FirstPage: Type.Optional(Type.Integer({ default: 1 })),
    ExclusiveWith: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 1,
        description:
          'Query parameters the provider ignores when paging parameters are present, e.g. q.limit: when the caller gives one, ' +
          'the page and size parameters (defaults included) are not sent, the answer is one page, and a page or size given with it is refused',
      }),
    ),
  },
  { ...strict, description: 'Page number and size in query parameters; a short page is the last' },
);

const CursorPagination = Type.Object(
  {
    Style: Type.Literal('Cursor'),
    CursorParam: Type.String(),
    NextCursorPath: Type.String(),
  },
  strict,
);

export const PaginationSchema = Type.Union([PageLinkPagination, OffsetPagination, PageNumberPagination, CursorPagination]);

export const MethodSchema = Type.Object(
  {
    Id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Readable method id, e.g. list-persons' }),
    MethodUniqueIdentifier: Guid,
    Name: Type.String({ minLength: 1 }),
    Description: Type.Optional(Type.String()),
    Category: Type.String(),
    HttpMethod: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT'), Type.Literal('PATCH'), Type.Literal('DELETE')]),
    Endpoint: Type.String({ pattern: '^/', description: 'Path template below the base URL, e.g. /persons/{{id}}' }),
    RelativeTo: Type.Optional(
      Type.Union([Type.Literal('BaseUrl'), Type.Literal('ProxyBaseUrl')], {
        default: 'BaseUrl',
        description:
          'The base the Endpoint is below: ProxyBaseUrl for a method on another version of the API than the others, e.g. /api/v1/users/me when BaseUrl is the v2 base',
      }),
    ),
    Parameters: Type.Optional(Type.Array(ParameterSchema)),
    Fields: Type.Optional(Type.Array(FieldSchema, { description: 'Body fields of the object sent' })),
    AdditionalFields: Type.Optional(Type.Boolean({ description: 'false: Fields not declared are refused (default true: passed through)' })),
    BodyWrapper: Type.Optional(Type.String({ description: 'Wrap the body in this key, e.g. party' })),
    BodyFormat: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('form')])),
    DataPath: Type.Optional(Type.String({ description: 'Dotted path to the data in the response, e.g. data' })),
    Pagination: Type.Optional(PaginationSchema),
    Output: OutputSchema,
    Trigger: Type.Optional(TriggerSchema),
    IdempotencyHeader: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9-]+$',
        description:
          'A header the provider reads as an idempotency key (a request repeating a key is done once), e.g. Idempotency-Key: a cycle step of this method sends one key per transaction and step, so a request cut off by a crash or a timeout is sent again safely',
      }),
    ),
  },
  strict,
);

export const CategorySchema = Type.Object(
  {
    Id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    Name: Type.String(),
    Description: Type.Optional(Type.String()),
    Customisable: Type.Optional(
      Type.Object(
        {
          ObjectPlaceholder: Name,
          LookupMethod: Type.String({ description: 'Method id listing the objects' }),
          LookupNamePath: Type.String({ description: 'Dotted path to the name in each listed object; "" when each item is the name' }),
          FieldsMethod: Type.String({ description: "Method id listing an object's fields (takes the object placeholder)" }),
          FieldNamePath: Type.String({ description: "Dotted path to a field's name in each listed field" }),
          FieldTypePath: Type.Optional(Type.String({ description: "Dotted path to a field's data type" })),
          FieldTypes: Type.Optional(
            Type.Record(Type.String(), ParameterType, { description: "The provider's data types mapped to ours; others are string" }),
          ),
          ReadOnlyTypes: Type.Optional(
            Type.Array(Type.String(), { description: 'Data types whose fields cannot be written (AUTONUMBER...)' }),
          ),
          ReadOnlyPath: Type.Optional(Type.String({ description: 'Dotted path to a "read-only" flag in each listed field' })),
          RequiredPath: Type.Optional(Type.String({ description: 'Dotted path to a "required" flag in each listed field' })),
        },
        {
          ...strict,
          description:
            "A template over an object (a table): a copy of the category is made per object, its methods bound to it (the ones whose endpoint uses the placeholder) and its fields read from the object's field list",
        },
      ),
    ),
  },
  strict,
);

export const ConnectorSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    Id: Type.Integer({ minimum: 1 }),
    Slug: Type.String({ pattern: '^[a-z][a-z0-9_]*$', description: 'Short stable name, e.g. pipedrive' }),
    Name: Type.String({ minLength: 1 }),
    Description: Type.String(),
    Version: Type.String(),
    Status: Type.Optional(Type.Union([Type.Literal('Approved'), Type.Literal('Beta'), Type.Literal('Deprecated')])),
    Icon: Type.Optional(
      Type.String({
        pattern: '^$|\\.svg$',
        description:
          "An SVG file, path relative to this file's folder, e.g. icons/pipedrive.svg; served at /v1.0/connectors/{Id}/icon. Empty: none",
      }),
    ),
    AuthDescription: Type.Optional(Type.String()),
    BaseUrl: Type.String({ description: 'Template; may use properties and kept token fields' }),
    ProxyBaseUrl: Type.Optional(
      Type.String({
        description:
          "Template like BaseUrl: the base of the raw proxy's paths, usually the API's origin, so that a client keeps the provider's own version prefix (/proxy/api/v2/persons). Default: BaseUrl",
      }),
    ),
    AllowedHosts: Type.Optional(
      Type.Array(Type.String({ pattern: '^(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*$' }), {
        description:
          'Hosts a URL built from values (BaseUrl, AuthoriseUrl, TokenUrl) may lead to: api.example.com, or *.caspio.com for one label in front',
      }),
    ),
    Auth: AuthSchema,
    TestMethod: Type.Optional(Type.String({ description: 'Method id that checks a credential works' })),
    PartnerProperties: Type.Optional(Type.Array(PropertySchema)),
    AccountProperties: Type.Optional(Type.Array(PropertySchema)),
    MethodsFrom: Type.Optional(
      Type.String({
        description:
          'Another connector file (path relative to this one) whose categories and methods this connector shares, ' +
          "e.g. the OAuth variant of an API-key connector. Each shared method's GUID is derived from the original's and this Slug.",
      }),
    ),
    Categories: Type.Optional(Type.Array(CategorySchema, { minItems: 1, description: 'Required unless MethodsFrom is given' })),
    Methods: Type.Optional(Type.Array(MethodSchema, { description: 'Required unless MethodsFrom is given' })),
  },
  strict,
);

export type ConnectorFile = Static<typeof ConnectorSchema>;
/** A connector after loading: shared categories and methods filled in. */
export type ConnectorDefinition = ConnectorFile & Required<Pick<ConnectorFile, 'Categories' | 'Methods'>>;
export type MethodDefinition = Static<typeof MethodSchema>;
export type ParameterDefinition = Static<typeof ParameterSchema>;
export type FieldDefinition = Static<typeof FieldSchema>;
export type PropertyDefinition = Static<typeof PropertySchema>;
export type AuthDefinition = Static<typeof AuthSchema>;
export type PaginationDefinition = Static<typeof PaginationSchema>;
export type CategoryDefinition = Static<typeof CategorySchema>;
