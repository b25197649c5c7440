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
