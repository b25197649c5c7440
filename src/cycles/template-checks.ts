import jsonata from 'jsonata';
import type { Catalogue } from '../catalogue/catalogue.js';
import { listedPath, offeredFields, stepMethod } from './step-fields.js';
import { type TemplateGraph, templateGraph } from './template-graph.js';
import type { ActionType, TemplateFile, TemplateMapping, TemplateStep } from './template-schema.js';

/** The properties that belong to one kind of step only. */
const KIND_PROPERTIES: Record<string, ActionType> = {
  Connector: 'Method',
  Method: 'Method',
  Object: 'Method',
  Parameters: 'Method',
  Fields: 'Method',
  Decision: 'Decision',
  DelaySeconds: 'Delay',
  WaitUntil: 'WaitUntil',
  Response: 'SynchronousResponse',
  SamplePayload: 'Webhook',
  IdempotencyHeader: 'Webhook',
};
const REQUIRED_BY_KIND: Partial<Record<ActionType, string[]>> = {
  Method: ['Connector', 'Method'],
  Decision: ['Decision'],
  Delay: ['DelaySeconds'],
  WaitUntil: ['WaitUntil'],
  SynchronousResponse: ['Response'],
};
/** The mapping properties each mapping type uses; the others are refused rather than silently ignored. */
const MAPPING_PROPERTIES: Record<TemplateMapping['MappingType'], string[]> = {
  StaticValue: ['Value'],
  ValueList: ['Value'],
  StepField: ['SourceStep', 'SourceFieldId'],
  Variable: ['VariableName'],
  Expression: ['Value'],
  Ignore: [],
};

interface Scope {
  template: TemplateFile;
  catalogue: Catalogue;
  graph: TemplateGraph;
  steps: ReadonlyMap<string, TemplateStep>;
  variables: ReadonlySet<string>;
}

/**
 * What the schema cannot say about a template: that the connectors, methods, parameters, fields, steps and
 * variables it names exist, that it forms one graph from one trigger, and that its expressions compile.
 * Problems are `/json/path: reason` lines, all of them.
 */
export function templateProblems(template: TemplateFile, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const steps = new Map<string, TemplateStep>();
  template.Steps.forEach((step, index) => {
    if (steps.has(step.Key)) problems.push(`/Steps/${index}/Key: "${step.Key}" is the Key of another step`);
    else steps.set(step.Key, step);
  });
  const variables = new Set<string>();
  (template.Variables ?? []).forEach((variable, index) => {
    if (variables.has(variable.Name)) problems.push(`/Variables/${index}/Name: "${variable.Name}" is declared twice`);
    variables.add(variable.Name);
  });
  const graph = templateGraph(template);
  problems.push(...graph.problems);
  const scope: Scope = { template, catalogue, graph, steps, variables };
  template.Steps.forEach((step, index) => {
    problems.push(...stepProblems(scope, step, `/Steps/${index}`));
  });
  return problems;
}

function stepProblems(scope: Scope, step: TemplateStep, where: string): string[] {
  const problems: string[] = [];
  const present = step as Record<string, unknown>;
  for (const [property, kind] of Object.entries(KIND_PROPERTIES)) {
    if (present[property] !== undefined && step.ActionType !== kind) {
      problems.push(`${where}/${property}: only a ${kind} step has ${property}`);
    }
  }
  for (const property of REQUIRED_BY_KIND[step.ActionType] ?? []) {
    if (present[property] === undefined) problems.push(`${where}/${property}: required for a ${step.ActionType} step`);
  }
  const mapping = (value: TemplateMapping | undefined, path: string) => {
    if (value !== undefined) problems.push(...mappingProblems(scope, step, value, path));
  };
  if (step.ActionType === 'Method') problems.push(...methodProblems(scope, step, where));
  for (const [name, value] of Object.entries(step.Parameters ?? {})) mapping(value, `${where}/Parameters/${name}`);
  for (const [name, value] of Object.entries(step.Fields ?? {})) mapping(value, `${where}/Fields/${name}`);
  if (step.Decision !== undefined) {
    const { Condition, Right } = step.Decision;
    mapping(step.Decision.Left, `${where}/Decision/Left`);
    mapping(Right, `${where}/Decision/Right`);
    const unary = Condition === 'Exists' || Condition === 'NotExists';
    if (unary && Right !== undefined) problems.push(`${where}/Decision/Right: ${Condition} takes no right operand`);
    if (!unary && Right === undefined) problems.push(`${where}/Decision/Right: required for ${Condition}`);
  }
  mapping(step.WaitUntil, `${where}/WaitUntil`);
  mapping(step.Response?.Body, `${where}/Response/Body`);
  if (step.ActionType === 'SynchronousResponse') {
    const trigger = scope.graph.roots.length === 1 ? scope.steps.get(scope.graph.roots[0] as string) : undefined;
    if (trigger !== undefined && trigger.ActionType !== 'Webhook') {
      problems.push(`${where}/ActionType: a SynchronousResponse answers a webhook, and the trigger "${trigger.Key}" is not one`);
    }
  }
  return problems;
}

function methodProblems(scope: Scope, step: TemplateStep, where: string): string[] {
  if (step.Connector === undefined || step.Method === undefined) return [];
  const connector = scope.catalogue.find(step.Connector);
  if (connector === undefined || connector.definition.Slug !== step.Connector) {
    return [`${where}/Connector: "${step.Connector}" is not the Slug of a connector in the catalogue`];
  }
  const found = stepMethod(scope.catalogue, step);
  if (found === undefined) return [`${where}/Method: "${step.Method}" is not a method of ${step.Connector}`];
  const { method, objectPlaceholder } = found;
  const label = `${step.Connector} ${step.Method}`;
  const problems: string[] = [];
  if (objectPlaceholder !== undefined && step.Object === undefined) {
    problems.push(`${where}/Object: required: ${label} works on one object of category "${method.Category}" (its ${objectPlaceholder})`);
  }
  if (objectPlaceholder === undefined && step.Object !== undefined) {
    problems.push(`${where}/Object: ${label} does not work on an object of a customisable category`);
  }
  // A bound method's object is part of the copied method: the placeholder is no parameter any more.
  const parameters = (method.Parameters ?? []).filter((p) => p.Name !== objectPlaceholder);
  const mapped = step.Parameters ?? {};
  for (const name of Object.keys(mapped)) {
    if (!parameters.some((p) => p.Name === name)) problems.push(`${where}/Parameters/${name}: not a parameter of ${label}`);
  }
  for (const parameter of parameters) {
    if (parameter.Required === true && parameter.Default === undefined && !isMapped(mapped[parameter.Name])) {
      problems.push(`${where}/Parameters: the required parameter "${parameter.Name}" of ${label} is not mapped`);
    }
  }
  // A bound method's fields are the object's, known only at install.
  if (objectPlaceholder !== undefined) return problems;
  const fields = method.Fields ?? [];
  const mappedFields = step.Fields ?? {};
  if (method.AdditionalFields === false) {
    for (const name of Object.keys(mappedFields)) {
      if (!fields.some((f) => f.Name === name)) problems.push(`${where}/Fields/${name}: not a field of ${label}`);
    }
  }
  for (const name of Object.keys(mappedFields)) {
    if (fields.some((f) => f.Name === name && f.ReadOnly === true)) problems.push(`${where}/Fields/${name}: read-only in ${label}`);
  }
  for (const field of fields) {
    if (field.Required === true && !isMapped(mappedFields[field.Name])) {
      problems.push(`${where}/Fields: the required field "${field.Name}" of ${label} is not mapped`);
    }
  }
  return problems;
}

const isMapped = (mapping: TemplateMapping | undefined) => mapping !== undefined && mapping.MappingType !== 'Ignore';

function mappingProblems(scope: Scope, step: TemplateStep, mapping: TemplateMapping, where: string): string[] {
  const problems: string[] = [];
  const uses = MAPPING_PROPERTIES[mapping.MappingType];
  for (const property of ['Value', 'SourceStep', 'SourceFieldId', 'VariableName']) {
    const given = (mapping as Record<string, unknown>)[property] !== undefined;
    if (given && !uses.includes(property)) problems.push(`${where}/${property}: not used by a ${mapping.MappingType} mapping`);
    if (!given && uses.includes(property)) problems.push(`${where}/${property}: required for a ${mapping.MappingType} mapping`);
  }
  switch (mapping.MappingType) {
    case 'Variable':
      if (mapping.VariableName !== undefined && !scope.variables.has(mapping.VariableName)) {
        problems.push(`${where}/VariableName: "${mapping.VariableName}" is not a declared variable`);
      }
      break;
    case 'Expression':
      if (mapping.Value !== undefined) problems.push(...expressionProblems(mapping.Value, `${where}/Value`));
      break;
    case 'StepField':
      if (mapping.SourceStep !== undefined) problems.push(...stepFieldProblems(scope, step, mapping, where));
      break;
  }
  return problems;
}

function expressionProblems(value: unknown, where: string): string[] {
  if (typeof value !== 'string') return [`${where}: an Expression is a JSONata expression, a string`];
  try {
    jsonata(value);
    return [];
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    return [`${where}: not a valid JSONata expression: ${message ?? 'syntax error'}${position === undefined ? '' : ` at ${position}`}`];
  }
}

function stepFieldProblems(scope: Scope, step: TemplateStep, mapping: TemplateMapping, where: string): string[] {
  const key = mapping.SourceStep as string;
  const source = scope.steps.get(key);
  if (source === undefined) return [`${where}/SourceStep: "${key}" is not the Key of a step`];
  if (!scope.graph.ancestors(step.Key).has(key)) {
    return [`${where}/SourceStep: "${key}" does not come before "${step.Key}" in the edges' order`];
  }
  if (mapping.SourceFieldId === undefined) return [];
  const offered = offeredFields(scope.catalogue, source);
  if (offered === undefined || offered.has(listedPath(mapping.SourceFieldId))) return [];
  return [
    offered.size === 0
      ? `${where}/SourceStep: "${key}" (${source.ActionType}) has no output fields to map`
      : `${where}/SourceFieldId: "${mapping.SourceFieldId}" is not a field of the output of "${key}"`,
  ];
}
