import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'patchbay-openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Patchbay, startPatchbay } from './support/harness.js';

const GENERATED = '../console/src/openapi.d.ts';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

type Document = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

/** Every operation of the document, with its method and path. */
function operations(document: Document): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({ method, path, operation: item[method] as Operation })),
  );
}

/**
 * Redocly warnings the document keeps on purpose, by rule and operation:
 * - info-license: Patchbay is not published under a licence, and naming one would claim a grant there is not;
 * - operation-2xx-response on the OAuth popup's start URL (both paths) and the connect page's sign-in link:
 *   they answer a redirect (302, 303) or an error, never a 2xx, as browsers following them expect.
 */
const ARGUED_WARNINGS = new Set([
  'info-license #/info',
  'operation-2xx-response #/paths/~1connectorauth~1updateaccountconnectoroauth/get/responses',
  'operation-2xx-response #/paths/~1web~1connector~1updateaccountconnectoroauth/get/responses',
  'operation-2xx-response #/paths/~1account~1signinwithtoken/get/responses',
]);

describe('the OpenAPI document at /openapi.json', () => {
  let patchbay: Patchbay;
  let document: Document;

  beforeAll(async () => {
    patchbay = await startPatchbay();
    document = (await (await fetch(`${patchbay.url}/openapi.json`)).json()) as Document;
  });
  afterAll(() => patchbay.close());

  it('is valid OpenAPI 3.0 for swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it("passes Redocly's recommended rules with no error, and warns only where a reason is written down", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintDocument({
      document: makeDocumentFromString(JSON.stringify(document), '/openapi.json'),
      config,
      externalRefResolver: new BaseResolver(),
    });
    const found = problems.map((problem) => ({
      severity: problem.severity,
      rule: `${problem.ruleId} ${problem.location[0]?.pointer ?? ''}`,
      message: problem.message,
    }));
    expect(found.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(found.filter((problem) => !ARGUED_WARNINGS.has(problem.rule))).toEqual([]);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operations(document).map(({ operation }) => operation.operationId);
    expect(ids.length).toBeGreaterThan(60);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares a success and an error reply on every operation', () => {
    for (const { method, path, operation } of operations(document)) {
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((status) => /^[23]/.test(status)),
        `${method} ${path}`,
      ).toBe(true);
      expect(
        statuses.some((status) => /^4/.test(status)),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it('declares the refusals its checks give: 400 for input, 401 without a token, 403 and 404 for the account', () => {
    for (const { method, path, operation } of operations(document)) {
      const statuses = Object.keys(operation.responses);
      const named = `${method} ${path}`;
      if ((operation.parameters ?? []).length > 0 || operation.requestBody !== undefined) expect(statuses, named).toContain('400');
      if (operation.security === undefined) expect(statuses, named).toContain('401');
      if (operation.parameters?.some((p) => p.name === 'X-Cyclr-Account'))
        expect(statuses, named).toEqual(expect.arrayContaining(['403', '404']));
    }
  });

  it('declares the account header on the account-level operations and the bearer token on all but the public ones', () => {
    const byId = new Map(operations(document).map((entry) => [entry.operation.operationId, entry.operation]));
    const headers = (id: string) => (byId.get(id)?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    for (const id of [
      'callMethod',
      'proxyGet',
      'installConnector',
      'listAccountConnectors',
      'createCredential',
      'createSignInToken',
      'mcp',
    ]) {
      expect(headers(id), id).toEqual(['X-Cyclr-Account', 'X-Patchbay-Account']);
    }
    for (const id of ['createAccount', 'getAccount', 'listConnectors', 'createWebhook', 'createAccountSignInToken']) {
      expect(headers(id), id).toEqual([]);
    }
    expect(document.security).toEqual([{ bearer: [] }]);
    for (const id of ['startOAuth', 'startOAuthWeb', 'oauthCallback', 'openConnectPage', 'getConnectorIcon'])
      expect(byId.get(id)?.security, id).toEqual([]);
    expect(byId.get('getAccessToken')?.security).toEqual([{}, { clientBasic: [] }]);
    expect(byId.get('listConnectPageApps')?.security).toEqual([{ connectSession: [] }]);
  });

  it('names the proxied path as a path parameter clients fill', () => {
    const proxy = document.paths['/v1.0/account/connectors/{id}/proxy/{path}'];
    expect(Object.keys(proxy ?? {}).sort()).toEqual(['delete', 'get', 'head', 'options', 'patch', 'post', 'put']);
    expect(proxy?.get?.parameters?.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['id', 'path']);
  });

  it('generates, with openapi-typescript, the types the console and the tests use', async () => {
    const types = astToString(await openapiTS(structuredClone(document) as never));
    await expect(types).toMatchFileSnapshot(GENERATED, 'console/src/openapi.d.ts is out of date: npm run api:types');
  });

  it('generates a typed client that type-checks with the project’s compiler', async () => {
    // Inside the project, so that the client resolves openapi-fetch from its node_modules.
    mkdirSync('test-output', { recursive: true });
    const dir = mkdtempSync(path.join(process.cwd(), 'test-output', 'client-'));
    try {
      writeFileSync(path.join(dir, 'openapi.d.ts'), astToString(await openapiTS(structuredClone(document) as never)));
      writeFileSync(
        path.join(dir, 'client.ts'),
        [
          "import createClient from 'openapi-fetch';",
          "import type { paths } from './openapi.js';",
          "const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });",
          "const { data } = await client.GET('/v1.0/accounts/{id}', { params: { path: { id: 'acme' } } });",
          'export const name: string | undefined = data?.Name;',
          "// @ts-expect-error: an account's Name is a string",
          'export const wrong: number | undefined = data?.Name;',
        ].join('\n'),
      );
      const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', target: 'es2023', skipLibCheck: true, types: [] };
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['client.ts'] }));
      const tsc = path.join(process.cwd(), 'node_modules/.bin/tsc');
      await expect(promisify(execFile)(tsc, ['-p', dir])).resolves.toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
