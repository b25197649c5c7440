import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** How often the loop's delay is sampled; each sample is the time between two ticks, so this much is no delay. */
const RESOLUTION_MS = 10;

/**
 * Gauges of the process itself, for /metrics beside the counters: memory, and how late the event loop
 * ran its callbacks. The delay figures cover the time since the previous scrape (the histogram starts
 * afresh at each), so a scraper sees each interval's stalls rather than an average over the process's life.
 */
export class ProcessMetrics {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.delay.enable();
  }

  render(): string {
    const memory = process.memoryUsage();
    const seconds = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS) / 1000 : 0);
    const lines = [
      '# HELP patchbay_process_resident_memory_bytes Resident memory of this node (RSS).',
      '# TYPE patchbay_process_resident_memory_bytes gauge',
      `patchbay_process_resident_memory_bytes ${memory.rss}`,
      '# HELP patchbay_process_heap_used_bytes JavaScript heap in use by this node.',
      '# TYPE patchbay_process_heap_used_bytes gauge',
      `patchbay_process_heap_used_bytes ${memory.heapUsed}`,
      '# HELP patchbay_event_loop_delay_seconds How late the event loop ran, since the previous scrape.',
      '# TYPE patchbay_event_loop_delay_seconds summary',
      `patchbay_event_loop_delay_seconds{quantile="0.5"} ${seconds(this.delay.percentile(50))}`,
      `patchbay_event_loop_delay_seconds{quantile="0.99"} ${seconds(this.delay.percentile(99))}`,
      `patchbay_event_loop_delay_seconds{quantile="1"} ${seconds(this.delay.max)}`,
    ];
    this.delay.reset();
    return `${lines.join('\n')}\n`;
  }

  stop(): void {
    this.delay.disable();
  }
}
