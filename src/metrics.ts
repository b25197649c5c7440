import type { FairShareFigures } from './runner/fair-share.js';
import type { InFlightFigures } from './services/in-flight.js';

/** The counters a node keeps, with their help text (Prometheus exposition format). */
const COUNTERS = {
  patchbay_db_queries_total: 'Queries sent to the database by this node.',
  patchbay_token_requests_total: 'Requests this node made to OAuth token endpoints (refreshes and client-credentials grants).',
  patchbay_jobs_total: 'Jobs run by this node, by queue and result.',
  patchbay_webhook_deliveries_total: 'Webhook delivery attempts made by this node, by result.',
} as const;

export type CounterName = keyof typeof COUNTERS;

/** Process-wide counters, read at /metrics when PATCHBAY_METRICS is on. */
export class Metrics {
  private readonly values = new Map<string, number>();

  inc(name: CounterName, labels: Record<string, string> = {}): void {
    const key = `${name}${labelText(labels)}`;
    this.values.set(key, (this.values.get(key) ?? 0) + 1);
  }

  /** The value of one counter (its labelled series summed). */
  total(name: CounterName): number {
    let sum = 0;
    for (const [key, value] of this.values) if (key === name || key.startsWith(`${name}{`)) sum += value;
    return sum;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, help] of Object.entries(COUNTERS)) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      const series = [...this.values].filter(([key]) => key === name || key.startsWith(`${name}{`));
      if (series.length === 0) lines.push(`${name} 0`);
      for (const [key, value] of series) lines.push(`${key} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}

/** The in-flight caps' figures: how full they are now, and how often they refused (no client or account is named). */
export function renderInFlight(figures: InFlightFigures): string {
  return [
    '# HELP patchbay_in_flight_requests Requests from identified callers this node is serving now.',
    '# TYPE patchbay_in_flight_requests gauge',
    `patchbay_in_flight_requests ${figures.requests}`,
    '# HELP patchbay_in_flight_busiest Requests in flight of the busiest API client, and of the busiest account.',
    '# TYPE patchbay_in_flight_busiest gauge',
    `patchbay_in_flight_busiest{scope="client"} ${figures.busiestClient}`,
    `patchbay_in_flight_busiest{scope="account"} ${figures.busiestAccount}`,
    '# HELP patchbay_in_flight_refused_total Requests refused with 429 because their API client or account was at its cap.',
    '# TYPE patchbay_in_flight_refused_total counter',
    `patchbay_in_flight_refused_total{scope="client"} ${figures.refusedClient}`,
    `patchbay_in_flight_refused_total{scope="account"} ${figures.refusedAccount}`,
    '',
  ].join('\n');
}

/** The outbound fair share's figures: third-party requests holding a turn, and those waiting for one. */
export function renderFairShare(figures: FairShareFigures): string {
  return [
    '# HELP patchbay_upstream_requests Third-party requests of method calls and the proxy: sending (holding a turn of their account connector) or waiting for a turn.',
    '# TYPE patchbay_upstream_requests gauge',
    `patchbay_upstream_requests{state="sending"} ${figures.active}`,
    `patchbay_upstream_requests{state="waiting"} ${figures.waiting}`,
    '',
  ].join('\n');
}
