import type { Condition } from './model.js';

/** Whether the value is there: undefined, null and the empty string are not. */
const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Numbers as such; numeric strings and ISO dates as numbers (a date as its epoch milliseconds). */
function comparable(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  // Only date-shaped strings: Date.parse takes much else that is not a date.
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/** Equal as JSON values: `1` and `"1"` are equal, as they are when typed into a form. */
function same(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (!present(left) || !present(right)) return !present(left) && !present(right);
  if (typeof left === 'object' || typeof right === 'object') return JSON.stringify(left) === JSON.stringify(right);
  return String(left) === String(right);
}

/** The outcome of a Decision step: its condition over the resolved operands. */
export function decide(condition: Condition, left: unknown, right: unknown): boolean {
  switch (condition) {
    case 'Exists':
      return present(left);
    case 'NotExists':
      return !present(left);
    case 'Equals':
      return same(left, right);
    case 'NotEquals':
      return !same(left, right);
    case 'Contains':
      if (Array.isArray(left)) return left.some((item) => same(item, right));
      if (typeof left === 'string' && present(right)) return left.includes(String(right));
      return false;
    case 'GreaterThan':
    case 'LessThan': {
      const [a, b] = [comparable(left), comparable(right)];
      if (a === undefined || b === undefined) return false;
      return condition === 'GreaterThan' ? a > b : a < b;
    }
  }
}
