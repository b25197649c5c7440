import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { Catalogue, type Connector, indexConnector } from './catalogue.js';
import { stableGuid } from './guid.js';
import { readIcon } from './icon.js';
import type { ConnectorDefinition, ConnectorFile } from './schema.js';
import { checkFileShape, crossChecks } from './validate-file.js';

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
  const parsed = parseFile(file);
  if (!parsed.ok) return { problems: parsed.problems.map((p) => `${file}: ${p}`) };
  const merged = withSharedMethods(parsed.file, file);
  if (!merged.ok) return { problems: merged.problems.map((p) => `${file}: ${p}`) };
  const { Icon } = merged.definition;
  const icon = Icon === undefined || Icon === '' ? { problems: [] } : readIcon(file, Icon);
  const problems = [...crossChecks(merged.definition), ...icon.problems].map((p) => `${file}: ${p}`);
  if (problems.length > 0) return { problems };
  return { connector: indexConnector(merged.definition, file, icon.icon), problems };
}

type Parsed = { ok: true; file: ConnectorFile } | { ok: false; problems: string[] };

function parseFile(file: string): Parsed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`) };
  }
  return checkFileShape(document.toJS());
}

/** Fills in the categories and methods a file shares with another (MethodsFrom), with GUIDs of its own. */
function withSharedMethods(
  definition: ConnectorFile,
  file: string,
): { ok: true; definition: ConnectorDefinition } | { ok: false; problems: string[] } {
  const { Categories, Methods, MethodsFrom } = definition;
  if (MethodsFrom === undefined) {
    if (Categories === undefined || Methods === undefined) {
      return { ok: false, problems: ['/: Categories and Methods are required unless MethodsFrom names another connector file'] };
    }
    return { ok: true, definition: { ...definition, Categories, Methods } };
  }
  if (Categories !== undefined || Methods !== undefined) {
    return { ok: false, problems: ['/MethodsFrom: a connector sharing methods declares no Categories or Methods of its own'] };
  }
  const baseFile = path.resolve(path.dirname(file), MethodsFrom);
  const base = parseFile(baseFile);
  if (!base.ok) return { ok: false, problems: base.problems.map((p) => `/MethodsFrom: ${MethodsFrom}: ${p}`) };
  if (base.file.Categories === undefined || base.file.Methods === undefined) {
    return { ok: false, problems: [`/MethodsFrom: ${MethodsFrom} must declare its own Categories and Methods`] };
  }
  const methods = base.file.Methods.map((m) => ({
    ...m,
    MethodUniqueIdentifier: stableGuid(`${definition.Slug}:${m.MethodUniqueIdentifier.toLowerCase()}`),
  }));
  return { ok: true, definition: { ...definition, Categories: base.file.Categories, Methods: methods } };
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
