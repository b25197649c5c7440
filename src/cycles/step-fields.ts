import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import { customisableCategory } from '../catalogue/custom-methods.js';
import { outputFields } from '../catalogue/method-output.js';
import type { MethodDefinition } from '../catalogue/schema.js';
import { placeholders } from '../catalogue/template.js';
import type { TemplateStep } from './template-schema.js';

/** A Method step's connector and method as the catalogue has them. */
export interface StepMethod {
  connector: Connector;
  method: MethodDefinition;
  /**
   * The placeholder of the customisable category the method is bound to (Caspio's `table`), when it is:
   * the install copies the category for the step's Object, and the copy's fields come from that object.
   */
  objectPlaceholder?: string;
}

/** The step's method, or undefined when its connector or method is not in the catalogue (reported elsewhere). */
export function stepMethod(catalogue: Catalogue, step: TemplateStep): StepMethod | undefined {
  if (step.ActionType !== 'Method' || step.Connector === undefined || step.Method === undefined) return undefined;
  const connector = catalogue.find(step.Connector);
  if (connector === undefined || connector.definition.Slug !== step.Connector) return undefined;
  const method = connector.definition.Methods.find((m) => m.Id === step.Method);
  if (method === undefined) return undefined;
  const placeholder = customisableCategory(connector, method.Category)?.Customisable.ObjectPlaceholder;
  return placeholder !== undefined && placeholders(method.Endpoint).includes(placeholder)
    ? { connector, method, objectPlaceholder: placeholder }
    : { connector, method };
}

/**
 * The field paths a step's output item offers (`[]` marking each element of a list), or undefined when they
 * are only known later: a method bound to an object, a webhook without a sample payload.
 */
export function offeredFields(catalogue: Catalogue, step: TemplateStep): Set<string> | undefined {
  if (step.ActionType === 'Webhook') return step.SamplePayload === undefined ? undefined : sampleFields(step.SamplePayload);
  if (step.ActionType !== 'Method') return new Set();
  const found = stepMethod(catalogue, step);
  if (found === undefined || found.objectPlaceholder !== undefined) return undefined;
  const fields = new Set<string>();
  for (const field of outputFields(found.method.Output)) {
    fields.add(field.Field);
    if (field.DataType === 'array') fields.add(`${field.Field}[]`);
  }
  return fields;
}

/** The paths of a sample JSON value, in the same notation; a list's fields are read from its first element. */
export function sampleFields(sample: unknown): Set<string> {
  const fields = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) {
      fields.add(`${prefix}[]`);
      if (value.length > 0) walkObject(value[0], `${prefix}[].`);
    } else walkObject(value, `${prefix}.`);
  };
  const walkObject = (value: unknown, prefix: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [name, child] of Object.entries(value)) {
      fields.add(`${prefix}${name}`);
      if (child !== null && typeof child === 'object') walk(child, `${prefix}${name}`);
    }
  };
  walkObject(sample, '');
  return fields;
}

/** A mapping's path (`emailAddresses.0.address`) in the listed fields' notation (`emailAddresses[].address`). */
export function listedPath(sourceFieldId: string): string {
  return sourceFieldId
    .split('.')
    .reduce<string[]>((parts, segment) => {
      if (/^\d+$/.test(segment) && parts.length > 0) parts[parts.length - 1] += '[]';
      else parts.push(segment);
      return parts;
    }, [])
    .join('.');
}
