import type { Runtime } from "../graph/types.js";
import type { AnyTool } from "../tools/define.js";
import type { McpLog } from "./log.js";
import type { McpPrincipal } from "./principal.js";
import type { ToolCatalog } from "./tools/catalog.js";
import type { Exposure } from "./toolsets.js";

/** What every registration of one server works from. */
export interface McpContext {
  /** The conversational runtime; `runtime.core` is the tool door's dependencies. */
  runtime: Runtime;
  principal: McpPrincipal;
  exposure: Exposure;
  catalog: ToolCatalog;
  /** The registry tools this server exposes to this caller, in registry order. */
  tools: readonly AnyTool[];
  log: McpLog;
}
