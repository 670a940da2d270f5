import { z } from "zod";
import { defineTool, type AnyTool } from "../../tools/define.js";
import { ToolError } from "../../tools/errors.js";

/** Small tools for testing the runtime apart from the real domains. */
export const noteTool = defineTool({
  name: "add_note",
  description: "Add a note, optionally with a reminder time",
  domain: "productivity",
  input: z.object({
    content: z.string().min(1).meta({ description: "the note text", extract: "text", cues: ["note"] }),
    remind_at: z.string().optional().meta({ description: "when to remind", extract: "datetime" }),
  }),
  output: z.object({ id: z.string(), content: z.string(), remind_at: z.string().nullable() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Note"],
  examples: ["Add note: Call ACME Friday 9am", "Note: buy milk", "Add a note saying renew the domain", "Jot down: ask Ada about the launch", "Remind me tomorrow at 3pm to call Bob"],
  keywords: ["remember", "jot"],
  run: async (input, ctx) => {
    const n = await ctx.store.insert("Note", { content: input.content, remind_at: input.remind_at ?? null, owner_id: ctx.actor.id });
    return { id: n.id, content: n.content, remind_at: n.remind_at };
  },
  reply: (o) => `Noted: "${o.content}"${o.remind_at ? ` — I'll remind you at ${o.remind_at}` : ""}.`,
});

export const createProjectTool = defineTool({
  name: "create_project",
  description: "Create a project",
  domain: "productivity",
  input: z.object({ name: z.string().min(1).meta({ description: "the project's name", extract: "name", cues: ["called", "named", "project"] }) }),
  output: z.object({ id: z.string(), name: z.string() }),
  effect: "write",
  writes: ["Project"],
  examples: ["Create a project called Q3 Planning", "New project named Apollo", "Start a project called Website Relaunch", "Make a project for the Berlin offsite", "Create project Zephyr"],
  run: async (input, ctx) => {
    const p = await ctx.store.insert("Project", { name: input.name, owner_id: ctx.actor.id });
    return { id: p.id, name: p.name };
  },
  reply: (o) => `Created project ${o.name}.`,
});

export const archiveProjectTool = defineTool({
  name: "archive_project",
  description: "Archive a project",
  domain: "productivity",
  input: z.object({ name: z.string().meta({ description: "the project's name", extract: "name", cues: ["project"] }) }),
  output: z.object({ id: z.string(), name: z.string() }),
  effect: "destructive",
  reads: ["Project"],
  writes: ["Project"],
  examples: ["Archive project Apollo", "Archive the project called Zephyr", "Please archive project Website Relaunch", "Put project Apollo in the archive", "Archive my project Mobile App"],
  prepare: async (input, ctx) => {
    const p = await ctx.store.findOne("Project", { name: input.name });
    if (!p) throw new ToolError("NOT_FOUND", `project ${input.name} not found`);
    return `archive project ${p.name}`;
  },
  run: async (input, ctx) => {
    const p = await ctx.store.findOne("Project", { name: input.name });
    if (!p) throw new ToolError("NOT_FOUND", `project ${input.name} not found`);
    await ctx.store.update("Project", p.id, { status: "archived" });
    return { id: p.id, name: p.name };
  },
  reply: (o) => `Archived project ${o.name}.`,
});

export const statusTool = defineTool({
  name: "get_status",
  description: "Status of a pipeline run by build number",
  domain: "cicd",
  input: z.object({ number: z.number().int().meta({ description: "the build number", extract: "ref_number" }) }),
  output: z.object({ number: z.number(), status: z.string() }),
  effect: "read",
  reads: ["PipelineRun"],
  examples: ["What's the status of build #58?", "Status of run 88", "Is build 1234 done?", "How did build #12 go?", "Check build #7"],
  run: async (input, ctx) => {
    const run = await ctx.store.findOne("PipelineRun", { number: input.number });
    if (!run) throw new ToolError("NOT_FOUND", `build #${input.number} not found`);
    return { number: run.number, status: run.status };
  },
  reply: (o) => `Build #${o.number}: ${o.status}.`,
});

export const FIXTURE_TOOLS = [noteTool, createProjectTool, archiveProjectTool, statusTool] as unknown as AnyTool[];
