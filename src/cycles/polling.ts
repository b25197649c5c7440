import { render } from '../catalogue/template.js';
import type { TriggerDefinition } from '../catalogue/trigger-schema.js';
import { valueAt } from '../json-path.js';

export const POLL_QUEUE = 'cycle.poll';
export interface PollJob {
  cycleId: number;
}
/**
 * A poll job that dies with its node is tried again; one that finds another poll's lease waits and
 * tries again (about 1, 2, 4, 8, 16 minutes: past the lease, which then has expired).
 */
export const POLL_JOB_OPTIONS = { retryLimit: 5, retryDelaySeconds: 60 };
/** How long a poll holds the cycle's lease: longer than any paged read within the page cap takes. */
export const POLL_LEASE_MS = 10 * 60_000;
/** A cycle activated without an Interval polls this often (minutes). */
export const DEFAULT_POLL_INTERVAL = 15;

/** Where a polling cycle stands: the cursor time and the ids of the items seen at exactly that time. */
export interface PollCursor {
  since: string;
  seen: string[];
}

/** A step-chosen field name goes into a provider's query: only a plain identifier may. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class TriggerSetupError extends Error {}

/** The time as sent to providers: ISO 8601 UTC in whole seconds (every seed provider takes that form). */
export const sinceText = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/** The poll's parameters: the step's own, the trigger's fixed ones, and the cursor time where Since says. */
export function pollParameters(trigger: TriggerDefinition, mapped: Record<string, unknown>, cursor: PollCursor) {
  const parameters: Record<string, unknown> = { ...mapped, ...trigger.Parameters };
  const since = trigger.Since;
  if (since === undefined) return parameters;
  if (since.Template === undefined) {
    parameters[since.Parameter] = sinceText(cursor.since);
    return parameters;
  }
  const values: Record<string, string> = { since: sinceText(cursor.since), field: fieldOf(trigger, mapped) };
  parameters[since.Parameter] = render(since.Template, (name) => values[name], String);
  return parameters;
}

/** The field a templated trigger filters on: the value the step maps to the Since parameter. */
function fieldOf(trigger: TriggerDefinition, mapped: Record<string, unknown>): string {
  const name = trigger.Since?.Parameter ?? '';
  const field = mapped[name];
  if (typeof field !== 'string' || !FIELD_NAME.test(field)) {
    throw new TriggerSetupError(`Map the parameter '${name}' to the name of the timestamp field to poll on (letters, digits, underscore)`);
  }
  return field;
}

/** An item's change time in ms; provider times without a zone are UTC. */
function timeOf(trigger: TriggerDefinition, mapped: Record<string, unknown>, item: unknown): number | undefined {
  const path = trigger.ItemTimePath;
  if (path === undefined) return undefined;
  const field = path.includes('{{') ? fieldOf(trigger, mapped) : undefined;
  const resolved = field === undefined ? path : render(path, () => field, String);
  const value = valueAt(item, resolved);
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

const idOf = (trigger: TriggerDefinition, item: unknown): string => String(valueAt(item, trigger.ItemIdPath) ?? '');

/**
 * What a poll read, weighed against the cursor: the items not seen before, and the cursor after them.
 * With a watermark (ItemIdPath and ItemTimePath) an item is new when it changed after the cursor time, or
 * at that time with an id not seen there; the cursor moves to the newest change read (the provider's own
 * time, so a clock of ours running ahead can never step over an item). Without one, every item is new and
 * the cursor moves to the poll's start. An item whose time cannot be read is passed on, never dropped.
 */
export function weigh(
  trigger: TriggerDefinition,
  mapped: Record<string, unknown>,
  cursor: PollCursor,
  items: unknown[],
  startedAt: string,
): { fresh: unknown[]; cursor: PollCursor } {
  if (trigger.ItemTimePath === undefined) return { fresh: items, cursor: { since: startedAt, seen: [] } };
  const sinceMs = Date.parse(cursor.since);
  const seen = new Set(cursor.seen);
  let newest = sinceMs;
  let atNewest = new Set(seen);
  const fresh: unknown[] = [];
  for (const item of items) {
    const time = timeOf(trigger, mapped, item);
    const id = idOf(trigger, item);
    if (time !== undefined && (time < sinceMs || (time === sinceMs && seen.has(id)))) continue;
    fresh.push(item);
    if (time === undefined) continue;
    if (time > newest) {
      newest = time;
      atNewest = new Set();
    }
    if (time === newest) atNewest.add(id);
  }
  return { fresh, cursor: { since: new Date(newest).toISOString(), seen: [...atNewest] } };
}
