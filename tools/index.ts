import type { AnyTool } from "./define.js";
import { analyticsTools } from "./analytics/index.js";
import { cicdTools } from "./cicd/index.js";
import { commerceTools } from "./commerce/index.js";
import { platformTools } from "./platform/index.js";
import { productivityTools } from "./productivity/index.js";
import { securityTools } from "./security/index.js";
import { createRegistry, type ToolRegistry } from "./registry.js";

/** Every tool of the platform, in one list: the doors are generated from it. */
export const allTools: readonly AnyTool[] = [
  ...commerceTools,
  ...analyticsTools,
  ...productivityTools,
  ...cicdTools,
  ...securityTools,
  ...platformTools,
];

export function defaultRegistry(): ToolRegistry {
  return createRegistry(allTools);
}

export { defineTool, rolesOf, type AnyTool, type ToolSpec, type ToolContext, type Actor, type Role, type Effect, type Domain } from "./define.js";
export { ToolError, isToolError, type ToolErrorCode } from "./errors.js";
export { callTool, decideApproval, storeFor, argsHash, type Caller, type DoorDeps, type ToolOutcome, type ApprovalRequest } from "./door.js";
export { createRegistry, type ToolRegistry } from "./registry.js";
export type { ArgHint, ExtractKind } from "./hints.js";
