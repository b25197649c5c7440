import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  InitializeRequestSchema,
  type JSONRPCMessage,
  type JSONRPCRequest,
  ListToolsRequestSchema,
  McpError,
  PingRequestSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { type McpTools, UnknownToolError } from './mcp-tools.js';
import type { ToolFilter } from './toolset.js';

/** Whom a request acts for: the account, and which of its tools the request may see. */
export interface McpScope {
  accountId: string;
  filter: ToolFilter;
  /** Aborted when the client no longer waits: its tool calls are cancelled. */
  signal?: AbortSignal | undefined;
}

interface Open {
  scope: McpScope;
  /** The request as the client sent it, with its own id. */
  request: JSONRPCRequest;
  reply: (message: JSONRPCMessage) => void;
}

/** A schema that says what is wrong with a value: the SDK's request schemas. */
interface RequestSchema {
  safeParse(value: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** The requests this server answers, by method, with the schemas the SDK checks their params against. */
const REQUEST_SCHEMAS = new Map<string, RequestSchema>([
  ['initialize', InitializeRequestSchema],
  ['ping', PingRequestSchema],
  ['tools/list', ListToolsRequestSchema],
  ['tools/call', CallToolRequestSchema],
]);

/**
 * What is wrong with a request's params, when anything is. The SDK checks params before its handlers
 * run but reports a failure as an internal error (-32603) whose message is the validator's raw output;
 * this finds the fault again, only for requests that failed, so that it can be reported as the
 * invalid params (-32602) it is.
 */
function paramsFault(request: JSONRPCRequest): string | undefined {
  const issue = REQUEST_SCHEMAS.get(request.method)?.safeParse(request).error?.issues[0];
  if (issue === undefined) return undefined;
  return `Invalid params: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/**
 * Carries the messages of every HTTP exchange to one SDK server, concurrently. A request gets an id of
 * its own on the way in (clients reuse ids: each may send id 1) and gets the client's back on the way
 * out; the server's handlers find the scope of the request they answer by that id. Messages the server
 * starts itself have no stream to travel on in a JSON reply, so they are dropped.
 */
class ExchangeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private next = 0;
  private readonly open = new Map<RequestId, Open>();

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!('id' in message) || 'method' in message || message.id === undefined) return;
    const open = this.open.get(message.id);
    if (open === undefined) return;
    this.open.delete(message.id);
    const fault = 'error' in message && message.error.code === ErrorCode.InternalError ? paramsFault(open.request) : undefined;
    if (fault !== undefined) {
      open.reply({ jsonrpc: '2.0', id: open.request.id, error: { code: ErrorCode.InvalidParams, message: fault } });
      return;
    }
    open.reply({ ...message, id: open.request.id });
  }

  scopeOf(id: RequestId): McpScope {
    const open = this.open.get(id);
    if (open === undefined) throw new McpError(ErrorCode.InternalError, 'The request is no longer open');
    return open.scope;
  }

  /** Hands one POST's messages to the server; resolves with the replies to its requests, in their order. */
  exchange(scope: McpScope, messages: JSONRPCMessage[]): Promise<JSONRPCMessage[]> {
    const replies: Promise<JSONRPCMessage>[] = [];
    for (const message of messages) {
      if (!('method' in message && 'id' in message)) {
        // A cancellation could only name another client's request (ids are ours in here): not passed on.
        if (!('method' in message && message.method === 'notifications/cancelled')) this.onmessage?.(message);
        continue;
      }
      const id = ++this.next;
      replies.push(
        new Promise((reply) => {
          this.open.set(id, { scope, request: message, reply });
        }),
      );
      this.onmessage?.({ ...message, id });
    }
    return Promise.all(replies);
  }
}

/** What each mode's server tells the agent about its tools. */
const INSTRUCTIONS: Record<ToolFilter['mode'], string> = {
  tools: "The account's connected apps: each tool is one method of one app the account connected.",
  search: "The account's connected apps. Find a tool with search_tools, then run it with call_tool.",
};

/** One validator for the server: building one (an Ajv instance) costs more than the rest of a call. */
const validator = new AjvJsonSchemaValidator();

function server(tools: McpTools, transport: ExchangeTransport, instructions: string): Server {
  const server = new Server(
    { name: 'patchbay', title: 'Patchbay', version: '1.0.0' },
    { jsonSchemaValidator: validator, capabilities: { tools: {} }, instructions },
  );
  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    const { accountId, filter } = transport.scopeOf(extra.requestId);
    return { tools: await tools.list(accountId, filter) };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { accountId, filter, signal } = transport.scopeOf(extra.requestId);
    try {
      return await tools.call(accountId, filter, request.params.name, request.params.arguments ?? {}, signal);
    } catch (error) {
      if (error instanceof UnknownToolError) throw new McpError(ErrorCode.InvalidParams, error.message);
      throw error;
    }
  });
  return server;
}

/**
 * The MCP server of this node: the SDK's server, one for the tool list and one for search mode (they
 * differ in their instructions), each answering every account's requests. Stateless: a request
 * carries its scope, nothing is kept between requests, so any node answers any request, and the tool
 * list is read afresh each time (installs, authentications and deletions show on the next tools/list).
 */
export class McpEndpoint {
  private constructor(private readonly transports: Record<ToolFilter['mode'], ExchangeTransport>) {}

  static async start(tools: McpTools): Promise<McpEndpoint> {
    const transports = { tools: new ExchangeTransport(), search: new ExchangeTransport() };
    for (const mode of ['tools', 'search'] as const) await server(tools, transports[mode], INSTRUCTIONS[mode]).connect(transports[mode]);
    return new McpEndpoint(transports);
  }

  /** One POST's valid JSON-RPC messages in; the replies to its requests out (none when it held none). */
  exchange(scope: McpScope, messages: JSONRPCMessage[]): Promise<JSONRPCMessage[]> {
    return this.transports[scope.filter.mode].exchange(scope, messages);
  }
}
