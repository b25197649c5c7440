/** The API's shapes the console reads (the /v1.0 reference has them whole). */

export interface Category {
  Id: string;
  Name: string;
  Description: string;
  IsCustomisable: boolean;
}

export interface ConnectorParameter {
  Name: string;
  DisplayName: string;
  Description: string;
  IsSensitive: boolean;
  IsOptional: boolean;
  /** Set per account (otherwise a partner property, set up once). */
  IsAccountConnectorProperty: boolean;
}

export interface Connector {
  Id: number;
  Name: string;
  Description: string;
  Version: string;
  Icon: string;
  AuthDescription: string;
  AuthType: 'None' | 'ApiKey' | 'Basic' | 'OAuth2';
  OAuth2Type: string;
  Categories: Category[];
  Parameters: ConnectorParameter[];
}

export interface SetupProperty {
  Name: string;
  DisplayName: string;
  Description: string;
  IsSensitive: boolean;
  IsOptional: boolean;
  Default: string | null;
  Choices: string[] | null;
  IsSet: boolean;
  Value: string | null;
}

export interface Setup {
  ConnectorId: number;
  ConnectorName: string;
  SetupRequired: boolean;
  CallbackUrl: string;
  AskedAtInstall: string[];
  UpdatedDate: string | null;
  Properties: SetupProperty[];
}

export interface Account {
  Id: string;
  Name: string;
  Description: string | null;
  CreatedDate: string;
}

export interface AccountConnector {
  Id: number;
  Name: string;
  Description: string | null;
  Authenticated: boolean;
  AuthenticationError: string | null;
  CredentialId: number | null;
  CreatedDate: string;
  Connector: Connector;
}

export interface MethodParameter {
  Name: string;
  Location: string;
  DataType: string;
  IsOptional: boolean;
  Description: string;
}

export interface MethodField {
  Name: string;
  DataType: string;
  IsOptional: boolean;
  IsReadOnly: boolean;
  Description: string;
}

export interface Method {
  Id: string;
  Name: string;
  Description: string;
  Category: string;
  HttpMethod: string;
  Paginated: boolean;
  Parameters: MethodParameter[];
  Fields: MethodField[];
}

export interface MethodRef {
  Id: string;
  Name: string;
}

export interface CustomCategory {
  Id: number;
  CategoryId: string;
  Name: string;
  ObjectName: string;
  Fields: { Name: string; DataType: string; ProviderType: string | null; Optional: boolean; ReadOnly: boolean }[];
  Methods: MethodRef[];
}

export interface InstallCategory {
  Id: string;
  Name: string;
  Description: string | null;
  IsCustomisable: boolean;
  Methods: MethodRef[];
  CustomCategories: CustomCategory[];
}

export interface Credential {
  Id: number;
  Name: string;
  Description: string | null;
  ConnectorId: number | null;
  ConnectorName: string | null;
  AuthType: string;
  AuthValue: string | null;
  UsageCount: number;
  VerifiedStatus: string | null;
  VerifiedAt: string | null;
  VerifiedMessage: string | null;
}
