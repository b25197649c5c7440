import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Patchbay, startPatchbay } from './support/harness.js';

/** The figures of a /metrics text, by series (labels included). */
function series(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

describe('/metrics', () => {
  let on: Patchbay;
  let off: Patchbay;

  beforeAll(async () => {
    [on, off] = await Promise.all([startPatchbay({ PATCHBAY_METRICS: 'true' }), startPatchbay()]);
  });
  afterAll(async () => {
    await Promise.all([on.close(), off.close()]);
  });

  it('is not served unless PATCHBAY_METRICS is on', async () => {
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
  });

  it('serves the counters and the process gauges (memory, event-loop delay since the last scrape), and no secret', async () => {
    await on.call('GET', '/v1.0/accounts');
    const reply = await fetch(`${on.url}/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    const text = await reply.text();
    const values = series(text);
    expect(values.get('patchbay_db_queries_total')).toBeGreaterThan(0);
    expect(values.get('patchbay_process_resident_memory_bytes')).toBeGreaterThan(10 * 2 ** 20);
    expect(values.get('patchbay_process_heap_used_bytes')).toBeGreaterThan(2 ** 20);
    for (const quantile of ['0.5', '0.99', '1']) {
      const delay = values.get(`patchbay_event_loop_delay_seconds{quantile="${quantile}"}`);
      expect(delay, quantile).toBeGreaterThanOrEqual(0);
      expect(delay, quantile).toBeLessThan(60);
    }
    for (const secret of [on.token, on.clientSecret]) expect(text).not.toContain(secret);
  });
});
