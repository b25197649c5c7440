import { describe, expect, it } from 'vitest';
import { indexConnector } from '../src/catalogue/catalogue.js';
import type { ConnectorDefinition } from '../src/catalogue/schema.js';
import { PatchbayError } from '../src/errors.js';
import { buildRequest } from '../src/runner/build-request.js';
import type { ResolvedInstall } from '../src/runtime/resolved-install.js';

const definition: ConnectorDefinition = {
  Id: 99,
  Slug: 'files',
  Name: 'Files',
  Description: 'A connector with a string path parameter.',
  Version: '1.0',
  BaseUrl: 'https://api.files.test/v2',
  Auth: { Type: 'ApiKey', In: 'query', Name: 'key' },
  Categories: [{ Id: 'files', Name: 'Files' }],
  Methods: [
    {
      Id: 'get-file',
      MethodUniqueIdentifier: '00000000-0000-4000-8000-000000000001',
      Name: 'Get File',
      Category: 'files',
      HttpMethod: 'GET',
      Endpoint: '/files/{{name}}',
      Parameters: [{ Name: 'name', In: 'path', Type: 'string', Required: true }],
      Output: { Item: { type: 'object' } },
    },
  ],
};

const install: ResolvedInstall = {
  id: 1,
  accountId: 'a',
  name: 'Files',
  connector: indexConnector(definition, 'files.yaml'),
  authenticated: true,
  authError: null,
  credentialId: null,
  customMethods: new Map(),
  customObjects: new Map(),
  secret: 'k-123',
  token: null,
  values: new Map(),
};
const method = definition.Methods[0]!;

describe('building a method request', () => {
  it('percent-encodes path values so they cannot add segments or a query', () => {
    const built = buildRequest(install, method, { Parameters: { name: 'a/b?c=d' } });
    expect(built.url.href).toBe('https://api.files.test/v2/files/a%2Fb%3Fc%3Dd?key=k-123');
  });

  it('refuses path values that would climb out of the base URL', () => {
    for (const name of ['..', '.']) {
      let thrown: unknown;
      try {
        buildRequest(install, method, { Parameters: { name } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(PatchbayError);
      expect((thrown as PatchbayError).code, name).toBe('PB_ERR_BAD_REQUEST');
    }
  });
});
