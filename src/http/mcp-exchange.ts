import { ErrorCode, type JSONRPCMessage, JSONRPCMessageSchema, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { McpEndpoint, McpScope } from '../mcp/server.js';

/** The most messages one POST may carry (batches are from protocol 2025-03-26; later versions send one). */
const MAX_BATCH = 100;
/** JSON-RPC's implementation-defined server error, which Streamable HTTP uses for header faults. */
const SERVER_ERROR = -32000;

/** What to answer one POST /mcp with: a status, and a JSON body unless there is nothing to say (202). */
export interface McpAnswer {
  status: number;
  body?: unknown;
}

const rpcError = (status: number, code: number, message: string): McpAnswer => ({
  status,
  body: { jsonrpc: '2.0', error: { code, message }, id: null },
});

/** The JSON-RPC answer to a body the parser refused: not JSON (-32700), or nested too deep (-32602); undefined for other errors. */
export function unreadableBody(error: { code?: string; message: string }): McpAnswer | undefined {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return rpcError(400, ErrorCode.ParseError, 'Parse error: the body is not JSON');
  }
  if (error.code === 'PB_ERR_BODY_TOO_DEEP') return rpcError(400, ErrorCode.InvalidParams, `Invalid params: ${error.message}`);
  return undefined;
}

/**
 * One POST of Streamable HTTP (MCP 2025-03-26 to 2025-11-25), stateless, always answered in JSON (never
 * an SSE stream): checks the headers and the JSON-RPC shape the way the specification asks, then lets
 * the SDK's server answer. Patchbay does this framing itself rather than use the SDK's Node transport,
 * which turns every request and reply into web streams and back and needs a server per request: that
 * tripled the cost of a tool call.
 */
export async function mcpExchange(
  endpoint: McpEndpoint,
  scope: McpScope,
  headers: { accept?: string | undefined; protocolVersion?: string | undefined },
  body: unknown,
): Promise<McpAnswer> {
  const accept = headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return rpcError(406, SERVER_ERROR, 'Not Acceptable: the Accept header must list application/json and text/event-stream');
  }
  const batch = Array.isArray(body);
  const raw: unknown[] = batch ? body : [body];
  if (raw.length === 0 || raw.length > MAX_BATCH) {
    return rpcError(400, ErrorCode.InvalidRequest, `Invalid Request: a batch holds 1 to ${MAX_BATCH} messages`);
  }
  const messages: JSONRPCMessage[] = [];
  for (const item of raw) {
    const parsed = JSONRPCMessageSchema.safeParse(item);
    if (!parsed.success) return rpcError(400, ErrorCode.ParseError, 'Parse error: the body is not a JSON-RPC 2.0 message');
    messages.push(parsed.data);
  }
  const initializing = messages.some((message) => 'method' in message && message.method === 'initialize');
  if (initializing && messages.length > 1) {
    return rpcError(400, ErrorCode.InvalidRequest, 'Invalid Request: initialize must be sent on its own');
  }
  const version = headers.protocolVersion;
  if (!initializing && version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    return rpcError(
      400,
      SERVER_ERROR,
      `Bad Request: MCP-Protocol-Version ${version} is not supported (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
    );
  }
  const replies = await endpoint.exchange(scope, messages);
  if (replies.length === 0) return { status: 202 };
  return { status: 200, body: batch ? replies : replies[0] };
}
