import { describe, expect, it } from 'vitest';
import { decide } from '../src/cycles/decision.js';
import { NOT_SENT, type RunContext, resolveInputs, resolveMapping } from '../src/cycles/operands.js';

const context: RunContext = {
  outputs: new Map<number, unknown>([[1, { id: 7, name: 'Ada', emails: [{ address: 'ada@example.org' }] }]]),
  keys: new Map([[1, 'contacts']]),
  variables: { domain: 'example.org' },
  trigger: { id: 7 },
};

describe('mapping operands', () => {
  it('resolves static values, step fields by dotted path, variables and Expressions over the earlier steps', async () => {
    expect(await resolveMapping({ MappingType: 'StaticValue', Value: 3 }, context)).toBe(3);
    expect(await resolveMapping({ MappingType: 'StepField', SourceStepId: 1, SourceFieldId: 'emails.0.address' }, context)).toBe(
      'ada@example.org',
    );
    expect(await resolveMapping({ MappingType: 'Variable', VariableName: 'domain' }, context)).toBe('example.org');
    expect(await resolveMapping({ MappingType: 'Expression', Value: 'steps.contacts.name & "@" & variables.domain' }, context)).toBe(
      'Ada@example.org',
    );
    expect(await resolveMapping({ MappingType: 'Ignore' }, context)).toBe(NOT_SENT);
  });

  it('sends nothing for an Ignore mapping or a step field that is not there', async () => {
    const inputs = await resolveInputs(
      [
        { StepId: 2, Target: 'Parameter', Name: 'id', MappingType: 'StepField', SourceStepId: 1, SourceFieldId: 'id' },
        { StepId: 2, Target: 'Field', Name: 'skip', MappingType: 'Ignore' },
        { StepId: 2, Target: 'Field', Name: 'gone', MappingType: 'StepField', SourceStepId: 1, SourceFieldId: 'nope' },
      ],
      context,
    );
    expect(inputs).toEqual({ Parameters: { id: 7 }, Fields: {} });
  });

  it('stops a runaway Expression at its time limit instead of holding the worker', async () => {
    const started = Date.now();
    await expect(
      resolveMapping(
        { MappingType: 'Expression', Value: '($f := function($n) { $n > 0 ? $f($n - 1) + $f($n - 1) : 1 }; $f(40))' },
        context,
      ),
    ).rejects.toThrow(/The Expression failed/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('decision conditions', () => {
  it('compares as the conditions say, numbers and ISO dates by value', () => {
    expect(decide('Equals', 1, '1')).toBe(true);
    expect(decide('NotEquals', 'a', 'b')).toBe(true);
    expect(decide('Contains', 'hello world', 'world')).toBe(true);
    expect(decide('Contains', ['a', 'b'], 'b')).toBe(true);
    expect(decide('Contains', ['a'], 'c')).toBe(false);
    expect(decide('GreaterThan', 10, '9')).toBe(true);
    expect(decide('LessThan', '2024-01-01T00:00:00Z', '2024-06-01')).toBe(true);
    expect(decide('GreaterThan', 'abc', 1)).toBe(false);
    expect(decide('Exists', '', undefined)).toBe(false);
    expect(decide('Exists', 0, undefined)).toBe(true);
    expect(decide('NotExists', null, undefined)).toBe(true);
  });
});
