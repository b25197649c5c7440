import jsonata from 'jsonata';
import type { Mapping } from './model.js';

/** A dotted path into an output item: names and list indexes, no `[]` (a mapping picks one element). */
const FIELD_PATH = /^[^.[\]\s]+(\.[^.[\]\s]+)*$/;

/** What is wrong with a mapping's own shape, whatever cycle it is in; undefined when nothing is. */
export function mappingShapeFault(mapping: Mapping): string | undefined {
  const { MappingType: type } = mapping;
  const extra = (names: (keyof Mapping)[]) => names.find((name) => mapping[name] !== undefined);
  switch (type) {
    case 'StaticValue':
    case 'ValueList': {
      if (mapping.Value === undefined) return `a ${type} mapping needs a Value`;
      const stray = extra(['SourceStepId', 'SourceFieldId', 'VariableName']);
      return stray === undefined ? undefined : `a ${type} mapping takes no ${stray}`;
    }
    case 'StepField': {
      if (mapping.SourceStepId === undefined) return 'a StepField mapping needs a SourceStepId';
      if (mapping.SourceFieldId === undefined || !FIELD_PATH.test(mapping.SourceFieldId)) {
        return 'a StepField mapping needs a SourceFieldId, a dotted path such as owner.id or emails.0.address';
      }
      const stray = extra(['Value', 'VariableName']);
      return stray === undefined ? undefined : `a StepField mapping takes no ${stray}`;
    }
    case 'Variable': {
      if (mapping.VariableName === undefined) return 'a Variable mapping needs a VariableName';
      const stray = extra(['Value', 'SourceStepId', 'SourceFieldId']);
      return stray === undefined ? undefined : `a Variable mapping takes no ${stray}`;
    }
    case 'Expression': {
      if (typeof mapping.Value !== 'string' || mapping.Value.trim() === '')
        return 'an Expression mapping needs a Value: a JSONata expression';
      const stray = extra(['SourceStepId', 'SourceFieldId', 'VariableName']);
      if (stray !== undefined) return `an Expression mapping takes no ${stray}`;
      return expressionFault(mapping.Value);
    }
    case 'Ignore': {
      const stray = extra(['Value', 'SourceStepId', 'SourceFieldId', 'VariableName']);
      return stray === undefined ? undefined : `an Ignore mapping takes no ${stray}`;
    }
    default:
      return `unknown MappingType ${String(type)}`;
  }
}

/** Why a JSONata expression does not compile, or undefined when it does. */
export function expressionFault(source: string): string | undefined {
  try {
    jsonata(source);
    return undefined;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    return `the Expression does not compile: ${message ?? 'invalid'}${position === undefined ? '' : ` (at character ${position})`}`;
  }
}

/** What the mapping names that this cycle lacks: a source step that does not come before, a variable it has not. */
export function mappingReferenceFault(
  mapping: Mapping,
  before: ReadonlySet<number>,
  variables: ReadonlySet<string>,
  stepName: (id: number) => string | undefined,
): string | undefined {
  if (mapping.MappingType === 'StepField' && mapping.SourceStepId !== undefined && !before.has(mapping.SourceStepId)) {
    const name = stepName(mapping.SourceStepId);
    return name === undefined
      ? `its source step ${mapping.SourceStepId} is not a step of this cycle`
      : `its source step '${name}' does not come before it`;
  }
  if (mapping.MappingType === 'Variable' && mapping.VariableName !== undefined && !variables.has(mapping.VariableName)) {
    return `the cycle has no variable '${mapping.VariableName}'`;
  }
  return undefined;
}
