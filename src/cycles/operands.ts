import jsonata from 'jsonata';
import { valueAt } from '../json-path.js';
import type { Mapping, StepMapping } from './model.js';

/** What a mapping is resolved against in one transaction. */
export interface RunContext {
  /** The output of each step run so far, by step id. */
  outputs: ReadonlyMap<number, unknown>;
  /** The Key of each step of the cycle, by id: Expressions name steps by Key. */
  keys: ReadonlyMap<number, string>;
  /** The cycle's variables, sensitive ones unsealed. */
  variables: Readonly<Record<string, string>>;
  /** The trigger's item of this transaction. */
  trigger: unknown;
}

/** A mapping that sends nothing (Ignore), as distinct from one that resolves to null. */
export const NOT_SENT: unique symbol = Symbol('not sent');

/**
 * An Expression may run this long. JSONata checks the limit at every node it evaluates, so a runaway
 * expression (a huge range, deep recursion) throws D1012 instead of holding the worker; evaluation is
 * pure computation over data already loaded, so a well-formed one finishes in microseconds.
 */
export const EXPRESSION_TIME_LIMIT_MS = 100;
/** Recursion depth and sequence length bounds, for the same reason. */
const EXPRESSION_LIMITS = { timeout: EXPRESSION_TIME_LIMIT_MS, stack: 200, sequence: 100_000 };

/** Compiled expressions by source: most cycles run the same few expressions over and over. */
const compiled = new Map<string, jsonata.Expression>();
const CACHE_SIZE = 500;

function compile(source: string): jsonata.Expression {
  const hit = compiled.get(source);
  if (hit !== undefined) {
    // Re-inserted so the map's order is least recently used first.
    compiled.delete(source);
    compiled.set(source, hit);
    return hit;
  }
  const expression = jsonata(source, EXPRESSION_LIMITS);
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  compiled.set(source, expression);
  return expression;
}

/** The document an Expression sees: `steps.<Key>`, `variables.<Name>`, `trigger`. */
export function expressionInput(context: RunContext): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const [id, output] of context.outputs) {
    const key = context.keys.get(id);
    if (key !== undefined) steps[key] = output;
  }
  return { steps, variables: context.variables, trigger: context.trigger };
}

/** A step error raised by a mapping that cannot be resolved (the transaction's data lacks what it names). */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** The value a mapping gives in this transaction, or NOT_SENT for Ignore. */
export async function resolveMapping(mapping: Mapping, context: RunContext): Promise<unknown> {
  switch (mapping.MappingType) {
    case 'StaticValue':
    case 'ValueList':
      return mapping.Value;
    case 'Ignore':
      return NOT_SENT;
    case 'StepField': {
      const id = mapping.SourceStepId;
      if (id === undefined || !context.outputs.has(id)) return undefined;
      return valueAt(context.outputs.get(id), mapping.SourceFieldId);
    }
    case 'Variable': {
      const name = mapping.VariableName ?? '';
      if (!Object.hasOwn(context.variables, name)) throw new MappingError(`Variable '${name}' does not exist`);
      return context.variables[name];
    }
    case 'Expression': {
      const source = typeof mapping.Value === 'string' ? mapping.Value : '';
      try {
        return await compile(source).evaluate(expressionInput(context));
      } catch (error) {
        const { message, code } = error as { message?: string; code?: string };
        throw new MappingError(`The Expression failed: ${message ?? code ?? 'invalid'}`);
      }
    }
  }
}

/** A Method step's Parameters and Fields from its mappings; Ignore, and a StepField with nothing there, send nothing. */
export async function resolveInputs(
  mappings: readonly StepMapping[],
  context: RunContext,
): Promise<{ Parameters: Record<string, unknown>; Fields: Record<string, unknown> }> {
  const Parameters: Record<string, unknown> = {};
  const Fields: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const value = await resolveMapping(mapping, context);
    if (value === NOT_SENT || value === undefined) continue;
    (mapping.Target === 'Parameter' ? Parameters : Fields)[mapping.Name] = value;
  }
  return { Parameters, Fields };
}
