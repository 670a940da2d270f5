import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { squash } from "../text.js";
import { ProjectView, projectRef, viewProject } from "./project-view.js";
import { myProjects, resolveProject } from "./resolve-project.js";

export const renameProject = defineTool({
  name: "rename_project",
  title: "Rename a project",
  description: "Give one of your projects a new name.",
  domain: "productivity",
  input: z.object({
    project: projectRef(["rename", "rename project", "project"]),
    new_name: z
      .string()
      .transform(squash)
      .pipe(z.string().min(1).max(200))
      .meta(hint({ description: "the project's new name", extract: "name", cues: ["to", "as", "into", "new name"] })),
  }),
  output: ProjectView.extend({ previous_name: z.string() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Project"],
  writes: ["Project"],
  examples: [
    "Rename project Q3 Planning to Q3 Roadmap",
    "Rename Website Relaunch as Website 2.0",
    "Change the name of project Mobile App to Mobile App v2",
    "Call the project Apollo Artemis from now on",
    "Rename prj_web to Marketing Site",
  ],
  keywords: ["rename", "name", "retitle", "call", "project"],
  run: async (input, ctx) => {
    const project = await resolveProject(ctx, input.project);
    const clash = (await myProjects(ctx)).find(
      (p) => p.id !== project.id && p.name.toLowerCase() === input.new_name.toLowerCase(),
    );
    if (clash) throw new ToolError("CONFLICT", `You already have another project called ${clash.name}; pick another name`, { field: "new_name" });
    const renamed = await ctx.store.update("Project", project.id, { name: input.new_name }, { owner_id: ctx.actor.id });
    if (!renamed) throw new ToolError("NOT_FOUND", `Project ${project.name} is gone`);
    return { ...viewProject(renamed), previous_name: project.name };
  },
  reply: (p) => `Renamed project ${p.previous_name} to ${p.name}.`,
});
