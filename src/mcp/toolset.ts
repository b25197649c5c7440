import { badRequest } from '../errors.js';
import type { AccountTool } from './account-tools.js';

/** Which of an account's tools a request sees (query options, or the X-Patchbay-Tools header). */
export interface ToolFilter {
  /** Name globs (`pipedrive_*`); a tool matching any is kept. */
  globs: RegExp[];
  /** One account connector's tools only. */
  connectorId: number | null;
  /** Read-only tools only; calls to the others are refused. */
  readOnly: boolean;
  /** `search`: two tools, search_tools and call_tool, stand for all of them. */
  mode: 'tools' | 'search';
}

const GLOB = /^[A-Za-z0-9_*?-]{1,64}$/;

export function toolFilter(
  query: { tools?: string; connector?: string; readOnly?: string; mode?: string },
  header: string | undefined,
): ToolFilter {
  const spec = query.tools ?? header ?? '';
  const globs = spec
    .split(',')
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '')
    .map((glob) => {
      if (!GLOB.test(glob)) throw badRequest(`tools: '${glob}' is not a tool name glob (letters, digits, _, -, * and ?)`);
      return new RegExp(`^${glob.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    });
  let connectorId: number | null = null;
  if (query.connector !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(query.connector)) throw badRequest(`connector must be an account connector Id, got '${query.connector}'`);
    connectorId = Number(query.connector);
  }
  if (query.readOnly !== undefined && query.readOnly !== 'true' && query.readOnly !== 'false') {
    throw badRequest(`readOnly must be true or false, got '${query.readOnly}'`);
  }
  if (query.mode !== undefined && query.mode !== 'tools' && query.mode !== 'search') {
    throw badRequest(`mode must be tools or search, got '${query.mode}'`);
  }
  return { globs, connectorId, readOnly: query.readOnly === 'true', mode: query.mode === 'search' ? 'search' : 'tools' };
}

/** Whether a tool is within the filter (the mode aside). */
export function admits(filter: ToolFilter, tool: AccountTool): boolean {
  if (filter.connectorId !== null && tool.install.id !== filter.connectorId) return false;
  if (filter.readOnly && !tool.annotations.readOnlyHint) return false;
  return filter.globs.length === 0 || filter.globs.some((glob) => glob.test(tool.name));
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);

/** The tools that best match a query: each query word found in a tool's name counts most, then its title, then its description. */
export function searchTools(tools: AccountTool[], query: string, limit: number): AccountTool[] {
  const wanted = words(query);
  const scored = tools.map((tool) => {
    const name = new Set(words(tool.name));
    const title = new Set(words(tool.title));
    const description = new Set(words(tool.description));
    let score = 0;
    for (const word of wanted) {
      if (name.has(word)) score += 3;
      else if ([...name].some((w) => w.startsWith(word))) score += 2;
      if (title.has(word)) score += 1;
      if (description.has(word)) score += 1;
    }
    return { tool, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name))
    .slice(0, limit)
    .map((entry) => entry.tool);
}
