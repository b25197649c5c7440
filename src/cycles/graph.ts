import type { Edge } from './model.js';

type Link = Pick<Edge, 'HeadStepId' | 'TailStepId'>;

function adjacency(edges: readonly Link[], forward: boolean): Map<number, number[]> {
  const next = new Map<number, number[]>();
  for (const edge of edges) {
    const [from, to] = forward ? [edge.HeadStepId, edge.TailStepId] : [edge.TailStepId, edge.HeadStepId];
    const list = next.get(from);
    if (list === undefined) next.set(from, [to]);
    else list.push(to);
  }
  return next;
}

function walk(start: number, next: Map<number, number[]>): Set<number> {
  const seen = new Set<number>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

/** The steps with a path to this one: the ones whose output it can map from. */
export const ancestors = (edges: readonly Link[], stepId: number): Set<number> => walk(stepId, adjacency(edges, false));

/** The steps reachable from this one. */
export const descendants = (edges: readonly Link[], stepId: number): Set<number> => walk(stepId, adjacency(edges, true));

/** Whether an edge from head to tail would close a loop (tail already leads to head, or they are one step). */
export const wouldLoop = (edges: readonly Link[], head: number, tail: number): boolean =>
  head === tail || descendants(edges, tail).has(head);

/** The steps no edge leads to, in the given order. */
export function roots(stepIds: readonly number[], edges: readonly Link[]): number[] {
  const entered = new Set(edges.map((e) => e.TailStepId));
  return stepIds.filter((id) => !entered.has(id));
}

/** The steps in an order where every step comes after the ones leading to it (ties in the given order). */
export function topologicalOrder(stepIds: readonly number[], edges: readonly Link[]): number[] {
  const incoming = new Map(stepIds.map((id) => [id, 0]));
  for (const edge of edges) incoming.set(edge.TailStepId, (incoming.get(edge.TailStepId) ?? 0) + 1);
  const next = adjacency(edges, true);
  const order: number[] = [];
  const ready = stepIds.filter((id) => incoming.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift() as number;
    order.push(id);
    for (const tail of next.get(id) ?? []) {
      const left = (incoming.get(tail) ?? 0) - 1;
      incoming.set(tail, left);
      if (left === 0) ready.push(tail);
    }
  }
  return order;
}
