import { parse } from 'fast-querystring';
import type { RunOptions } from '../runner/method-runner.js';

/** Query strings, parsed the same way by the router and by warm calls (the router's own default parser). */
export const parseQuery = (query: string): Record<string, string | string[]> => (query === '' ? {} : parse(query));

/** A method call's options from its query string: every parameter but `allPages`, which asks for every page. */
export function queryCallOptions(query: Record<string, string>): RunOptions {
  const { allPages, ...parameters } = query;
  return { Parameters: parameters, AllPages: allPages === 'true' };
}
