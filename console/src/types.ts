import type { components, operations } from './openapi.js';

/**
 * The API's shapes, as the server's own reply schemas give them: `openapi.d.ts` is generated from
 * /openapi.json (see test/openapi.test.ts), so a reply changed on the server fails this type check.
 */

/** The JSON an operation answers with 200, by operationId (`unknown`, which nothing can be read from, if none). */
export type Reply<Id extends keyof operations> = operations[Id]['responses'] extends { 200: { content: { 'application/json': infer T } } }
  ? T
  : unknown;

/** The JSON body an operation takes, by operationId. */
export type Body<Id extends keyof operations> = operations[Id] extends { requestBody: { content: { 'application/json': infer T } } }
  ? T
  : never;

export type ErrorReply = components['schemas']['ErrorReply'];
export type Connector = Reply<'getConnector'>;
export type Category = Connector['Categories'][number];
export type ConnectorParameter = Connector['Parameters'][number];
export type Setup = Reply<'getConnectorSetup'>;
export type SetupProperty = Setup['Properties'][number];
export type Account = Reply<'getAccount'>;
export type AccountConnector = Reply<'getAccountConnector'>;
export type Method = Reply<'listAccountConnectorMethods'>[number];
export type MethodParameter = Method['Parameters'][number];
export type MethodField = Method['Fields'][number];
export type InstallCategory = Reply<'listAccountConnectorCategories'>[number];
export type CustomCategory = Reply<'getCustomCategory'>;
export type MethodRef = CustomCategory['Methods'][number];
export type Credential = Reply<'getCredential'>;
export type ConnectPage = Reply<'listConnectPageApps'>;
export type ConnectableApp = ConnectPage['Apps'][number];
