/** `{{Name}}` placeholders in URLs and endpoints. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/** A template split at its placeholders: literal text at even indexes, placeholder names at odd ones. */
type Compiled = string[];

/** Templates come from connector files, so there are few; the bound only guards against surprises. */
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 1000;

function compile(template: string): Compiled {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(PLACEHOLDER);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/**
 * Fills placeholders. `encode` is applied to each value (path segments are percent-encoded so a value
 * can never add a segment or a query). A missing value throws, naming it.
 */
export function render(
  template: string,
  values: (name: string) => string | undefined,
  encode: (value: string) => string = encodeURIComponent,
): string {
  const parts = compile(template);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const value = values(name);
    if (value === undefined) throw new MissingValueError(name);
    out += encode(value) + (parts[i + 1] as string);
  }
  return out;
}

export class MissingValueError extends Error {
  constructor(readonly valueName: string) {
    super(`No value for ${valueName}`);
  }
}
