import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import type { Catalogue } from '../catalogue/catalogue.js';
import { shapeErrors } from '../catalogue/validate-file.js';
import { templateProblems } from './template-checks.js';
import { type TemplateFile, TemplateSchema } from './template-schema.js';
import { type LoadedTemplate, Templates } from './templates.js';

/** Every problem found in the template files, one `file: /json/path: reason` line each. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(readonly problems: string[]) {
    super(`Invalid cycle template files:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const checkShape = ajv.compile<TemplateFile>(TemplateSchema);

/** Parses and checks one file against the schema and the catalogue; problems are returned, so all files get reported at once. */
export function readTemplateFile(file: string, catalogue: Catalogue): { template?: LoadedTemplate; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) return { problems: document.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0]}`) };
  const data: unknown = document.toJS();
  if (!checkShape(data)) return { problems: shapeErrors(checkShape.errors ?? []).map((p) => `${file}: ${p}`) };
  const problems = templateProblems(data, catalogue).map((p) => `${file}: ${p}`);
  return problems.length > 0 ? { problems } : { template: { definition: data, file }, problems };
}

export function templateFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Loads every template file of the given folders; throws TemplateError listing all problems. */
export function loadTemplates(dirs: string[], catalogue: Catalogue): Templates {
  const problems: string[] = [];
  const templates: LoadedTemplate[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = templateFilesIn(dir);
    } catch {
      problems.push(`${dir}: not a readable folder`);
      continue;
    }
    for (const file of files) {
      const result = readTemplateFile(file, catalogue);
      problems.push(...result.problems);
      if (result.template) templates.push(result.template);
    }
  }
  const seen = new Map<string, string>();
  for (const { definition, file } of templates) {
    for (const [key, label] of [
      [`id:${definition.Id.toLowerCase()}`, `/Id ${definition.Id}`],
      [`slug:${definition.Slug}`, `/Slug "${definition.Slug}"`],
    ] as const) {
      const other = seen.get(key);
      if (other !== undefined) problems.push(`${file}: ${label} is already used by ${other}`);
      else seen.set(key, file);
    }
  }
  if (problems.length > 0) throw new TemplateError(problems);
  return new Templates(templates);
}
