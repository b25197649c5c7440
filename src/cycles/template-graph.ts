import type { TemplateFile } from './template-schema.js';

/** The steps and edges of a template as a graph: who follows whom, and what that says about its shape. */
export interface TemplateGraph {
  /** The steps no edge leads to, in file order: a sound template has exactly one, its trigger. */
  roots: string[];
  /** The steps that run before the given one on some path: the ones whose output it may map. */
  ancestors(key: string): ReadonlySet<string>;
  problems: string[];
}

export function templateGraph(template: TemplateFile): TemplateGraph {
  const steps = new Map(template.Steps.map((step, index) => [step.Key, { step, index }]));
  const next = new Map<string, string[]>(template.Steps.map((s) => [s.Key, []]));
  const previous = new Map<string, string[]>(template.Steps.map((s) => [s.Key, []]));
  const problems: string[] = [];
  const seenEdges = new Set<string>();

  (template.Edges ?? []).forEach((edge, index) => {
    const where = `/Edges/${index}`;
    const from = steps.get(edge.From);
    const to = steps.get(edge.To);
    if (from === undefined) problems.push(`${where}/From: "${edge.From}" is not the Key of a step`);
    if (to === undefined) problems.push(`${where}/To: "${edge.To}" is not the Key of a step`);
    if (from === undefined || to === undefined) return;
    const type = edge.EdgeType ?? 'Forward';
    const fromDecision = from.step.ActionType === 'Decision';
    if (type !== 'Forward' && !fromDecision) problems.push(`${where}/EdgeType: ${type} edges leave only a Decision step`);
    if (type === 'Forward' && fromDecision) problems.push(`${where}/EdgeType: an edge out of a Decision is True or False`);
    if (from.step.ActionType === 'Stop') problems.push(`${where}/From: "${edge.From}" is a Stop step: no edge leaves it`);
    if (edge.From === edge.To) problems.push(`${where}: the edge leads from "${edge.From}" back to itself`);
    const id = `${edge.From}>${edge.To}`;
    if (seenEdges.has(id)) problems.push(`${where}: another edge already leads from "${edge.From}" to "${edge.To}"`);
    seenEdges.add(id);
    next.get(edge.From)?.push(edge.To);
    previous.get(edge.To)?.push(edge.From);
  });

  const roots = template.Steps.filter((s) => previous.get(s.Key)?.length === 0).map((s) => s.Key);
  if (roots.length === 0 && template.Steps.length > 0) {
    problems.push('/Edges: every step has an edge leading to it, so there is no trigger (the step no edge leads to)');
  }
  if (roots.length > 1) {
    problems.push(`/Edges: ${roots.map((k) => `"${k}"`).join(', ')} have no edge leading to them; a cycle has exactly one trigger`);
  }
  const trigger = roots.length === 1 ? steps.get(roots[0] as string) : undefined;
  if (trigger !== undefined) {
    if (trigger.step.ActionType !== 'Method' && trigger.step.ActionType !== 'Webhook') {
      problems.push(`/Steps/${trigger.index}/ActionType: the trigger "${trigger.step.Key}" must be a Method or a Webhook step`);
    }
    const reached = reachable(trigger.step.Key, next);
    template.Steps.forEach((step, index) => {
      if (!reached.has(step.Key)) problems.push(`/Steps/${index}: "${step.Key}" is not reached from the trigger "${trigger.step.Key}"`);
    });
  }
  problems.push(...loopProblems(template, next));

  const ancestorCache = new Map<string, ReadonlySet<string>>();
  return {
    roots,
    problems,
    ancestors(key) {
      let found = ancestorCache.get(key);
      if (found === undefined) {
        found = reachable(key, previous);
        (found as Set<string>).delete(key);
        ancestorCache.set(key, found);
      }
      return found;
    },
  };
}

function reachable(start: string, links: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const other of links.get(key) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/** A transaction must end: every edge that closes a loop is named (self-edges are reported on their own). */
function loopProblems(template: TemplateFile, next: ReadonlyMap<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const closing = new Set<string>();
  const visit = (key: string) => {
    state.set(key, 'open');
    for (const other of next.get(key) ?? []) {
      if (other === key) continue;
      const seen = state.get(other);
      if (seen === 'open') closing.add(`${key}>${other}`);
      else if (seen === undefined) visit(other);
    }
    state.set(key, 'done');
  };
  for (const step of template.Steps) if (!state.has(step.Key)) visit(step.Key);
  const problems: string[] = [];
  (template.Edges ?? []).forEach((edge, index) => {
    if (closing.has(`${edge.From}>${edge.To}`)) {
      problems.push(`/Edges/${index}: the edge from "${edge.From}" to "${edge.To}" closes a loop; a transaction must end`);
    }
  });
  return problems;
}
