import { type StructuredShape, structuredShape } from '../catalogue/method-output.js';
import { PatchbayError } from '../errors.js';
import type { MethodRunner, RunOptions } from '../runner/method-runner.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { type AccountTool, ALL_PAGES, accountTools, type InputSchema } from './account-tools.js';
import { admits, searchTools, type ToolFilter } from './toolset.js';

/** A tool as tools/list shows it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  outputSchema?: Record<string, unknown>;
  annotations: AccountTool['annotations'];
}

/** A tools/call answer: the data as text and, for an agent that reads it, as an object. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A tools/call for a tool this request does not list: a protocol error, not a tool result. */
export class UnknownToolError extends Error {
  override name = 'UnknownToolError';
}

/** Past this, a result's text is cut, and says so (the structured copy stays whole). */
export const MAX_RESULT_CHARS = 100_000;
const SEARCH_LIMIT = 10;

const SEARCH_TOOLS: ListedTool[] = [
  {
    name: 'search_tools',
    title: 'Search tools',
    description:
      "Finds the tools of this account's connected apps that match a query (e.g. 'create person pipedrive'); answers each with its name, description and input schema, to use with call_tool.",
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What the tool should do, in a few words' },
        limit: { type: 'integer', minimum: 1, maximum: 50, description: `How many tools to return (default ${SEARCH_LIMIT})` },
      },
      required: ['query'],
      additionalProperties: false,
    },
    annotations: { title: 'Search tools', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  {
    name: 'call_tool',
    title: 'Call a tool',
    description: 'Calls one of the tools search_tools found, by name, with arguments that follow its input schema.',
    inputSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'The tool name, as search_tools gave it' },
        arguments: { type: 'object', description: "The tool's arguments" },
      },
      required: ['name'],
      additionalProperties: false,
    },
    annotations: { title: 'Call a tool', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
];

const listed = (tool: AccountTool): ListedTool => ({
  name: tool.name,
  title: tool.title,
  description: tool.description,
  inputSchema: tool.inputSchema,
  ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
  annotations: tool.annotations,
});

/** Where the tools come from: the account's authenticated installs, resolved (from memory when warm). */
export interface InstallSource {
  authenticatedInstalls(accountId: string): Promise<ResolvedInstall[]>;
}

const failure = (text: string): ToolResult => ({ content: [{ type: 'text', text }], isError: true });

/**
 * The account's connected apps as MCP tools: listed per request from the cached installs, called through
 * the same method runner as the HTTP method route (validation, credentials, refresh, paging, 429s, egress).
 */
export class McpTools {
  constructor(
    private readonly installs: InstallSource,
    private readonly runner: MethodRunner,
  ) {}

  async tools(accountId: string, filter: ToolFilter): Promise<AccountTool[]> {
    return accountTools(await this.installs.authenticatedInstalls(accountId)).filter((tool) => admits(filter, tool));
  }

  async list(accountId: string, filter: ToolFilter): Promise<ListedTool[]> {
    if (filter.mode === 'search') return SEARCH_TOOLS;
    return (await this.tools(accountId, filter)).map(listed);
  }

  /** Runs a tool; `signal` aborts when the caller no longer waits, and cancels the method call. */
  async call(
    accountId: string,
    filter: ToolFilter,
    name: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ToolResult> {
    const tools = await this.tools(accountId, filter);
    if (filter.mode === 'search') {
      if (name === 'search_tools') return this.search(tools, args);
      if (name === 'call_tool') {
        if (typeof args.name !== 'string') return failure("call_tool needs 'name', the tool to call (as search_tools gave it)");
        const inner = args.arguments ?? {};
        if (inner === null || typeof inner !== 'object' || Array.isArray(inner))
          return failure("call_tool's 'arguments' must be an object");
        const tool = tools.find((t) => t.name === args.name);
        if (tool === undefined) return failure(`No tool is named '${args.name}'; use search_tools to find one`);
        return this.run(tool, inner as Record<string, unknown>, signal);
      }
      throw new UnknownToolError(`Unknown tool: ${name} (this endpoint lists search_tools and call_tool)`);
    }
    const tool = tools.find((t) => t.name === name);
    if (tool === undefined) {
      // A tool hidden by a read-only filter is named as such, so the agent knows why.
      if (filter.readOnly) {
        const hidden = (await this.tools(accountId, { ...filter, readOnly: false })).some((t) => t.name === name);
        if (hidden) return failure(`'${name}' changes data, and this connection is read-only (readOnly=true)`);
      }
      throw new UnknownToolError(`Unknown tool: ${name}`);
    }
    return this.run(tool, args, signal);
  }

  private search(tools: AccountTool[], args: Record<string, unknown>): ToolResult {
    if (typeof args.query !== 'string' || args.query.trim() === '') return failure("search_tools needs 'query', a few words");
    const limit = typeof args.limit === 'number' && Number.isInteger(args.limit) ? Math.min(50, Math.max(1, args.limit)) : SEARCH_LIMIT;
    const found = searchTools(tools, args.query, limit).map(listed);
    return result({ items: found }, 'object');
  }

  private async run(tool: AccountTool, args: Record<string, unknown>, signal: AbortSignal | undefined): Promise<ToolResult> {
    const options: RunOptions = { Parameters: {}, Fields: {}, signal };
    for (const [key, value] of Object.entries(args)) {
      const target = tool.arguments.get(key);
      if (key === ALL_PAGES && target === undefined && tool.method.Pagination !== undefined) {
        if (typeof value !== 'boolean') return failure(`${ALL_PAGES} must be true or false`);
        options.AllPages = value;
      } else if (target?.in === 'parameter') {
        (options.Parameters as Record<string, unknown>)[target.name] = value;
      } else if (target?.in === 'field' || tool.inputSchema.additionalProperties) {
        (options.Fields as Record<string, unknown>)[target?.name ?? key] = value;
      } else {
        const known = Object.keys(tool.inputSchema.properties);
        return failure(`'${key}' is not an argument of ${tool.name}${known.length ? ` (it takes: ${known.join(', ')})` : ''}`);
      }
    }
    const missing = (tool.inputSchema.required ?? []).filter((name) => args[name] === undefined || args[name] === null);
    if (missing.length > 0) return failure(`${tool.name} needs ${missing.map((m) => `'${m}'`).join(', ')}`);
    try {
      const answer = await this.runner.run(tool.install, tool.method.Id, options);
      return result(answer.data, structuredShape(tool.method.Output), answer.paging?.next ?? undefined);
    } catch (error) {
      if (!(error instanceof PatchbayError)) throw error;
      return failure(explain(error, tool));
    }
  }
}

/** What went wrong, said so that an agent can act on it. */
function explain(error: PatchbayError, tool: AccountTool): string {
  switch (error.code) {
    case 'PB_ERR_NOT_AUTHENTICATED':
      return `${error.message}. The user must reconnect '${tool.install.name}' (${tool.install.connector.definition.Name}) before this tool works again.`;
    case 'PB_ERR_BAD_REQUEST':
      return `The arguments were refused before anything was sent: ${error.message.replace(/^(Parameters|Fields)\./, '')}`;
    case 'PB_ERR_UPSTREAM':
    case 'PB_ERR_UPSTREAM_RATE_LIMITED': {
      const body = error.upstream === undefined ? '' : JSON.stringify(error.upstream.Body);
      return `${error.message}${body && body.length <= 2000 && !error.message.includes(body) ? ` (${body})` : ''}`;
    }
    default:
      return error.message;
  }
}

/**
 * The data as structured content, in the shape the tool's outputSchema declares (a list under `items`, an
 * object as itself, another value under `value`; an empty page's null is an empty list); data that is not
 * of the declared kind keeps its own shape.
 */
function result(data: unknown, shape: StructuredShape | undefined, nextPage?: Record<string, unknown>): ToolResult {
  const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
  const structured: Record<string, unknown> =
    shape === 'value'
      ? { value: data ?? null }
      : shape === 'items' && (data === null || data === undefined)
        ? { items: [] }
        : Array.isArray(data)
          ? { items: data }
          : isObject
            ? (data as Record<string, unknown>)
            : { value: data ?? null };
  if (nextPage !== undefined) structured.next_page = nextPage;
  const text = JSON.stringify(structured);
  if (text.length <= MAX_RESULT_CHARS) return { content: [{ type: 'text', text }], structuredContent: structured };
  return {
    content: [
      {
        type: 'text',
        text: `${text.slice(0, MAX_RESULT_CHARS)}\n[Truncated: the result is ${text.length} characters, past the ${MAX_RESULT_CHARS} shown as text. Ask for less, e.g. a smaller page.]`,
      },
    ],
    structuredContent: structured,
  };
}
