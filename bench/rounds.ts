/** How many times each call of a comparison is measured, taking turns with the others. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * The round with the median throughput. The calls compared take turns, round after round, so a slow
 * spell of a shared machine lands on one round of each rather than on one side of a ratio.
 */
export function medianRound<T extends { rps: number }>(rounds: T[]): T {
  if (rounds.length === 0) throw new Error('no rounds measured');
  return [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)] as T;
}
