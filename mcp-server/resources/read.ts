import { ErrorCode, McpError, type ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { callTool, toToolError } from "../../tools/door.js";
import { isToolError } from "../../tools/errors.js";
import type { McpContext } from "../context.js";
import { callerOf } from "../principal.js";
import { errorCode } from "../tools/errors.js";
import type { ResourceSpec } from "./define.js";

/** MCP's code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

function asMcpError(e: unknown, uri: string): McpError {
  const err = toToolError(e);
  if (!isToolError(err)) return new McpError(ErrorCode.InternalError, `reading ${uri} failed unexpectedly`);
  const code = err.code === "NOT_FOUND" ? RESOURCE_NOT_FOUND : err.code === "VALIDATION" ? ErrorCode.InvalidParams : ErrorCode.InvalidRequest;
  return new McpError(code, `${err.code}: ${err.message}`, { uri });
}

/** A resource read is a call of its read tool through the door; the content is the safe output. */
export async function readResource(spec: ResourceSpec, ctx: McpContext, uri: URL, value: string, signal: AbortSignal): Promise<ReadResourceResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `${uri.href}: ${spec.variable} is not valid percent-encoding`);
  }
  try {
    const outcome = await callTool(ctx.runtime.core, spec.tool, spec.args(decoded), callerOf(ctx.principal, signal));
    if (outcome.status !== "ok") throw new McpError(ErrorCode.InternalError, `${spec.tool} asked for approval`);
    return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(outcome.safeOutput, null, 2) }] };
  } catch (e) {
    if (e instanceof McpError) throw e;
    ctx.log.info(`resources/read ${spec.name} ${errorCode(e)}`);
    throw asMcpError(e, uri.href);
  }
}
