/**
 * When a step is sent again. Retry follows Cyclr's schedule: again 5 min after the first failure, then at
 * 35 min, 1 h 35 min, 4 h 35 min and 10 h 35 min from it (waits of 5, 30, 60, 180 and 360 min); a sixth
 * failure errors the transaction.
 */
const RETRY_WAITS_SECONDS = [300, 1800, 3600, 10_800, 21_600];

/** The wait before attempt `attempt + 1` after attempt `attempt` failed, or undefined when none is left. */
export const retryWaitSeconds = (attempt: number): number | undefined => RETRY_WAITS_SECONDS[attempt - 1];

/**
 * A 429 is the provider asking for time, not an error: the first wait is its Retry-After (60 s without
 * one), the ones after it 1, 3, 7, 15 and then 30 min (never less than Retry-After), for as long as it takes.
 */
const RATE_LIMIT_WAITS_SECONDS = [60, 180, 420, 900, 1800];

export function rateLimitWaitSeconds(waitsSoFar: number, retryAfter: number | undefined): number {
  if (waitsSoFar === 0) return retryAfter ?? 60;
  const scheduled = RATE_LIMIT_WAITS_SECONDS[Math.min(waitsSoFar - 1, RATE_LIMIT_WAITS_SECONDS.length - 1)] as number;
  return Math.max(scheduled, retryAfter ?? 0);
}
