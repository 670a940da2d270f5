/**
 * The MCP door: FlashFusion's tools (generated from the registry), resources and prompts, over
 * stdio (`flashfusion mcp`) and Streamable HTTP (`createMcpHttpHandler`, mounted at /mcp).
 */
export { createServer, type CreateServerOptions } from "./server.js";
export { serveStdio, consoleToStderr } from "./stdio.js";
export { createMcpHttpHandler, nodeListener, type McpHttpHandler, type McpHttpOptions } from "./http/handler.js";
export { apiKeyAuthenticator, authenticateApiKey, presentedKey, type Authenticate, type ApiKeyRejection } from "./http/auth.js";
export { principalFor, refusal, type McpPrincipal } from "./principal.js";
export { parseToolsets, exposedTools, TOOLSET_NAMES, FULL_EXPOSURE, type Exposure, type Toolset } from "./toolsets.js";
export { createToolCatalog, toolDefinition, type ToolCatalog } from "./tools/index.js";
export { stderrLog, silentLog, type McpLog } from "./log.js";
