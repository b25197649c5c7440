/**
 * Counts the queries a node runs on behalf of requests. The node's heartbeat, the take-over of dead
 * nodes' transactions it runs on each beat, and the change feed's housekeeping run on timers of their
 * own, so a test that asserts "no query" would otherwise fail whenever a timer fires inside its window.
 */
export function foregroundQueries(): { onQuery(sql: string): void; readonly count: number } {
  const background = /\b(nodes|changes|transactions)\b/;
  let count = 0;
  return {
    onQuery(sql) {
      if (!background.test(sql)) count++;
    },
    get count() {
      return count;
    },
  };
}
