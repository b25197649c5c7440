/** Whether a value matches a property's `Pattern` as a whole. */
export function matchesPattern(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}
