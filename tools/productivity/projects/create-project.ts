import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { squash } from "../text.js";
import { ProjectView, projectLabel, viewProject } from "./project-view.js";
import { myProjects } from "./resolve-project.js";

export const createProject = defineTool({
  name: "create_project",
  title: "Create a project",
  description: "Create a new project owned by you, optionally with a type such as marketing or engineering.",
  domain: "productivity",
  input: z.object({
    name: z
      .string()
      .transform(squash)
      .pipe(z.string().min(1).max(200))
      .meta(hint({ description: "the new project's name", extract: "name", cues: ["called", "named", "project", "titled"] })),
    type: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the kind of project: marketing, engineering, finance…", extract: "name", cues: ["type", "of type", "kind", "as a"] })),
  }),
  output: ProjectView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Project"],
  writes: ["Project"],
  examples: [
    "Create a project called Q3 Planning",
    "New project named Website Relaunch of type marketing",
    "Start a project called Mobile App",
    "Set up a new project named API v2, type engineering",
    "Add a project: Customer Interviews",
  ],
  keywords: ["project", "create", "new", "start", "set up"],
  run: async (input, ctx) => {
    const clash = (await myProjects(ctx)).find((p) => p.name.toLowerCase() === input.name.toLowerCase());
    if (clash) {
      throw new ToolError("CONFLICT", `You already have a project called ${clash.name} (${clash.status}); pick another name or rename that one`, {
        field: "name",
      });
    }
    const project = await ctx.store.insert("Project", {
      name: input.name,
      type: input.type?.toLowerCase() ?? null,
      status: "active",
      owner_id: ctx.actor.id,
    });
    return viewProject(project);
  },
  reply: (p) => `Created project ${projectLabel(p)} [${p.id}].`,
});
