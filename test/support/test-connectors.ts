import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One method is all these test connectors need. */
const methods = () => `Categories:
  - Id: account
    Name: Account
Methods:
  - Id: get-me
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Current Account
    Category: account
    HttpMethod: GET
    Endpoint: /me
    Output: { Item: { type: object } }
`;

/** No Basic connector is built in; this one takes HTTP Basic credentials. */
export const BASIC_CONNECTOR = () => `
Id: 91
Slug: basic_example
Name: Basic Example
Description: An API that takes HTTP Basic credentials.
Version: "1.0"
BaseUrl: https://api.basic-example.com/v1
Auth:
  Type: Basic
${methods()}`;

/** The Example API with one required account property (Region) and one optional sensitive one (Secret). */
export const REGIONAL_CONNECTOR = () => `
Id: 90
Slug: regional
Name: Regional Example
Description: The Example API, with account properties.
Version: "1.0"
BaseUrl: https://api.example.com/v1
Auth:
  Type: ApiKey
  In: header
  Name: X-Api-Key
AccountProperties:
  - Name: Region
    DisplayName: Region
    Description: Two lower-case letters
    Pattern: "[a-z]{2}"
  - Name: Secret
    DisplayName: Secret
    Sensitive: true
    Optional: true
${methods()}`;

/**
 * An API with one method, `get-things`, that takes an API key `keyName` in a header or the query;
 * `parameters` are the method's own (YAML flow mappings, one a line).
 */
export function apiKeyConnector(options: {
  id: number;
  slug: string;
  baseUrl: string;
  keyIn: 'header' | 'query';
  keyName: string;
  parameters?: string[];
}): string {
  const parameters = options.parameters ?? [];
  return `
Id: ${options.id}
Slug: ${options.slug}
Name: ${options.slug}
Description: An API that takes its key as ${options.keyName}.
Version: "1.0"
BaseUrl: ${options.baseUrl}
Auth:
  Type: ApiKey
  In: ${options.keyIn}
  Name: ${options.keyName}
Categories:
  - Id: things
    Name: Things
Methods:
  - Id: get-things
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Things
    Category: things
    HttpMethod: GET
    Endpoint: /things
    Output: { Item: { type: object } }
${parameters.length === 0 ? '' : `    Parameters:\n${parameters.map((p) => `      - ${p}`).join('\n')}\n`}`;
}

/** A connector that needs no authentication, naming `icon` (a path beside its file) as its Icon when given. */
export function iconConnector(options: { id: number; slug: string; icon?: string }): string {
  return `
Id: ${options.id}
Slug: ${options.slug}
Name: ${options.slug}
Description: An API with an icon of its own.
Version: "1.0"
${options.icon === undefined ? '' : `Icon: ${options.icon}\n`}BaseUrl: https://api.${options.slug}.example/v1
Auth:
  Type: None
${methods()}`;
}

/** A fresh folder for PATCHBAY_CONNECTORS_DIR holding the given files (path -> content), subfolders too. */
export function connectorsFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-connectors-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
