import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { plural } from "../text.js";
import { ProjectView, projectLabel, viewProject } from "./project-view.js";
import { myProjects } from "./resolve-project.js";

const Status = z.enum(["active", "archived", "all"]);

export const listProjects = defineTool({
  name: "list_projects",
  title: "List my projects",
  description: "List your own projects (active ones unless asked for archived or all), with how many notes each holds.",
  domain: "productivity",
  input: z.object({
    status: Status.optional().meta(
      hint({
        description: "which projects: active (default), archived or all",
        extract: "enum",
        cues: ["status", "only", "show"],
        aliases: { current: "active", open: "active", old: "archived", closed: "archived", every: "all", including: "all" },
      }),
    ),
  }),
  output: z.object({
    status: Status,
    projects: z.array(ProjectView.extend({ notes: z.number().int() })),
    archived: z.number().int(),
  }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Project", "Note"],
  examples: [
    "Show my projects",
    "List my archived projects",
    "What projects do I have?",
    "Show all my projects including archived",
    "Which projects am I working on?",
  ],
  keywords: ["projects", "project", "list", "show", "my", "workspace"],
  run: async (input, ctx) => {
    const status = input.status ?? "active";
    const all = await myProjects(ctx);
    const notes = await ctx.store.find("Note", { owner_id: ctx.actor.id });
    const shown = all.filter((p) => status === "all" || p.status === status);
    return {
      status,
      projects: shown.map((p) => ({ ...viewProject(p), notes: notes.filter((n) => n.project_id === p.id).length })),
      archived: all.filter((p) => p.status === "archived").length,
    };
  },
  reply: (o) => {
    const which = o.status === "all" ? "" : `${o.status} `;
    const hidden = o.status === "active" && o.archived > 0 ? `\n(${plural(o.archived, "archived project")} not shown.)` : "";
    if (o.projects.length === 0) return `You have no ${which}projects.${hidden}`;
    const lines = o.projects.map(
      (p) => `- ${projectLabel(p)}${o.status === "all" && p.status === "archived" ? " [archived]" : ""}: ${plural(p.notes, "note")}`,
    );
    return `Your ${which}projects (${o.projects.length}):\n${lines.join("\n")}${hidden}`;
  },
});
