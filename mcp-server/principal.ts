import type { Core } from "../tools/core.js";
import { rolesOf, type Actor, type AnyTool } from "../tools/define.js";
import { storeFor, type Caller } from "../tools/door.js";

/** Who is calling: over stdio the configured user, over HTTP the API key's user and permissions. */
export interface McpPrincipal {
  workspaceId: string;
  actor: Actor;
  /** Set for API-key callers (Streamable HTTP): the door checks its permissions. */
  apiKey?: NonNullable<Caller["apiKey"]>;
}

/**
 * Tools that issue credentials: never over an API key, so a key cannot mint another key (and
 * with it permissions it lacks). Over stdio the tool's own roles apply (admins only).
 */
const NOT_FOR_API_KEYS: ReadonlySet<string> = new Set(["create_api_key"]);

/** Why this caller may not call the tool, or undefined when it may (the door checks again). */
export function refusal(principal: McpPrincipal, tool: Pick<AnyTool, "name" | "roles" | "permission">): string | undefined {
  const roles = rolesOf(tool as AnyTool);
  if (!roles.includes(principal.actor.role)) return `${tool.name} is for ${roles.join(" or ")} users; you are ${principal.actor.role}`;
  if (!principal.apiKey) return undefined;
  if (NOT_FOR_API_KEYS.has(tool.name)) return `${tool.name} is not available to API-key callers; create keys with \`flashfusion keys create\` or over stdio as an admin`;
  const needed = tool.permission ?? "tools";
  if (!principal.apiKey.permissions.includes(needed)) return `this API key lacks the ${needed} permission that ${tool.name} needs`;
  return undefined;
}

export function callerOf(principal: McpPrincipal, signal?: AbortSignal): Caller {
  return {
    workspaceId: principal.workspaceId,
    actor: principal.actor,
    ...(principal.apiKey ? { apiKey: principal.apiKey } : {}),
    requestId: principal.apiKey ? "mcp-http" : "mcp-stdio",
    ...(signal ? { signal } : {}),
  };
}

/**
 * The stdio caller: the user named by `wanted` (an id or email, from FLASHFUSION_MCP_USER) or the
 * workspace's first admin. A disabled user is refused.
 */
export async function principalFor(core: Core, workspaceId: string, wanted?: string): Promise<McpPrincipal> {
  const users = await storeFor(core, workspaceId).find("User", {}, { orderBy: "created_at" });
  const user = wanted ? users.find((u) => u.id === wanted || u.email === wanted) : users.find((u) => u.role === "admin");
  if (!user) {
    throw new Error(wanted ? `FLASHFUSION_MCP_USER ${wanted} is not a user of workspace ${workspaceId}` : `workspace ${workspaceId} has no admin; set FLASHFUSION_MCP_USER to a user's id or email`);
  }
  if (user.status === "disabled") throw new Error(`user ${user.email} is disabled`);
  return { workspaceId, actor: { id: user.id, role: user.role, email: user.email, full_name: user.full_name } };
}
