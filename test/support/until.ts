/** Polls `what` until it gives a value (not undefined), for at most `withinMs`; returns that value. */
export async function until<T>(what: () => Promise<T | undefined>, withinMs = 10_000, everyMs = 50): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
