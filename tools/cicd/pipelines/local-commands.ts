import type { PipelineStepConfig } from "../../../entities/catalog/cicd.js";
import type { ToolContext } from "../../define.js";
import { ToolError } from "../../errors.js";
import { isAbsolute } from "node:path";

export interface CommandChange {
  provider: "github" | "gitlab" | "local";
  steps?: PipelineStepConfig[];
  build_command?: string | null;
  working_directory?: string | null;
}

/**
 * Commands of a local pipeline run on this server, so only admins set them (and where they run),
 * and every change is audited with the commands themselves.
 */
export async function guardLocalCommands(ctx: ToolContext, pipelineId: string, change: CommandChange, action: string): Promise<void> {
  const touches = change.steps !== undefined || change.build_command !== undefined || change.working_directory !== undefined;
  if (change.provider !== "local" || !touches) return;
  if (change.working_directory && !isAbsolute(change.working_directory)) {
    throw new ToolError("VALIDATION", `The working directory must be an absolute path on this server; ${change.working_directory} is not`, { field: "working_directory" });
  }
  if (ctx.actor.role !== "admin") {
    throw new ToolError("FORBIDDEN", "Only admins may set the commands a local pipeline runs on this server (steps, build command, working directory)", { allowed: ["admin"] });
  }
  await ctx.audit({
    event_type: "pipeline_commands",
    action,
    entity_type: "PipelineConfig",
    entity_id: pipelineId,
    details: {
      ...(change.steps !== undefined ? { steps: change.steps.map((s) => ({ name: s.name, command: s.command })) } : {}),
      ...(change.build_command !== undefined ? { build_command: change.build_command } : {}),
      ...(change.working_directory !== undefined ? { working_directory: change.working_directory } : {}),
    },
  });
}
