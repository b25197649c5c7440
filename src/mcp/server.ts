import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { type McpTools, UnknownToolError } from './mcp-tools.js';
import type { ToolFilter } from './toolset.js';

/** One validator for every request: building one (an Ajv instance) costs more than the rest of a call. */
const validator = new AjvJsonSchemaValidator();

/**
 * An MCP server for one request of one account: stateless, so any node answers any request, and the tool
 * list is read afresh each time (installs, authentications and deletions show on the next tools/list).
 */
export function accountServer(tools: McpTools, accountId: string, filter: ToolFilter): Server {
  const server = new Server(
    { name: 'patchbay', title: 'Patchbay', version: '1.0.0' },
    {
      jsonSchemaValidator: validator,
      capabilities: { tools: {} },
      instructions:
        filter.mode === 'search'
          ? "The account's connected apps. Find a tool with search_tools, then run it with call_tool."
          : "The account's connected apps: each tool is one method of one app the account connected.",
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await tools.list(accountId, filter) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    try {
      return await tools.call(accountId, filter, request.params.name, request.params.arguments ?? {});
    } catch (error) {
      if (error instanceof UnknownToolError) throw new McpError(ErrorCode.InvalidParams, error.message);
      throw error;
    }
  });
  return server;
}
