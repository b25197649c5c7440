import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { Catalogue, type Connector, indexConnector } from './catalogue.js';
import type { ConnectorFile } from './schema.js';
import { validateConnectorFile } from './validate-file.js';

/** Every problem found in the connector files, one `file: path: reason` line each. */
export class CatalogueError extends Error {
  override name = 'CatalogueError';
  constructor(readonly problems: string[]) {
    super(`Invalid connector files:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function connectorFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Parses and checks one file; problems are returned, not thrown, so all files get reported at once. */
export function readConnectorFile(file: string): { connector?: Connector; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return { problems: document.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0]}`) };
  }
  const data: unknown = document.toJS();
  const problems = validateConnectorFile(data).map((p) => `${file}: ${p}`);
  if (problems.length > 0) return { problems };
  return { connector: indexConnector(data as ConnectorFile, file), problems };
}

/** Loads every connector file of the given folders; throws CatalogueError listing all problems. */
export function loadCatalogue(dirs: string[]): Catalogue {
  const problems: string[] = [];
  const connectors: Connector[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = connectorFilesIn(dir);
    } catch {
      problems.push(`${dir}: not a readable folder`);
      continue;
    }
    for (const file of files) {
      const result = readConnectorFile(file);
      problems.push(...result.problems);
      if (result.connector) connectors.push(result.connector);
    }
  }
  problems.push(...crossFileProblems(connectors));
  if (problems.length > 0) throw new CatalogueError(problems);
  return new Catalogue(connectors);
}

function crossFileProblems(connectors: Connector[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (key: string, label: string, file: string) => {
    const other = seen.get(key);
    if (other !== undefined) problems.push(`${file}: ${label} is already used by ${other}`);
    else seen.set(key, file);
  };
  for (const { definition, file } of connectors) {
    claim(`id:${definition.Id}`, `/Id ${definition.Id}`, file);
    claim(`name:${definition.Name.toLowerCase()}`, `/Name "${definition.Name}"`, file);
    claim(`slug:${definition.Slug}`, `/Slug "${definition.Slug}"`, file);
    for (const method of definition.Methods) {
      claim(`guid:${method.MethodUniqueIdentifier.toLowerCase()}`, `MethodUniqueIdentifier ${method.MethodUniqueIdentifier}`, file);
    }
  }
  return problems;
}
