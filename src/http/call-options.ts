import type { RunOptions } from '../runner/method-runner.js';

/** A method call's options from its query string: every parameter but `allPages`, which asks for every page. */
export function queryCallOptions(query: Record<string, string>): RunOptions {
  const { allPages, ...parameters } = query;
  return { Parameters: parameters, AllPages: allPages === 'true' };
}
