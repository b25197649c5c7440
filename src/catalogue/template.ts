/** `{{Name}}` placeholders in URLs and endpoints. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
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
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values(name);
    if (value === undefined) throw new MissingValueError(name);
    return encode(value);
  });
}

export class MissingValueError extends Error {
  constructor(readonly valueName: string) {
    super(`No value for ${valueName}`);
  }
}
