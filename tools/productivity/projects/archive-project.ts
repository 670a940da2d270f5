import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { ProjectView, projectRef, viewProject } from "./project-view.js";
import { resolveProject } from "./resolve-project.js";

export const archiveProject = defineTool({
  name: "archive_project",
  title: "Archive a project",
  description:
    "Archive one of your projects: it leaves the list of active projects; its notes stay. Archived projects still show with \"show my archived projects\".",
  domain: "productivity",
  input: z.object({ project: projectRef(["archive", "archive project", "project", "close"]) }),
  output: ProjectView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Project"],
  writes: ["Project"],
  examples: [
    "Archive project Q3 Planning",
    "Archive Website Relaunch",
    "We're done with Mobile App, archive it",
    "Close the project Customer Interviews",
    "Archive prj_web",
  ],
  keywords: ["archive", "close", "shelve", "done with", "project"],
  run: async (input, ctx) => {
    const project = await resolveProject(ctx, input.project);
    if (project.status === "archived") throw new ToolError("CONFLICT", `Project ${project.name} is already archived`);
    const archived = await ctx.store.update("Project", project.id, { status: "archived" }, { owner_id: ctx.actor.id, status: "active" });
    if (!archived) throw new ToolError("CONFLICT", `Project ${project.name} changed while it was being archived; try again`);
    return viewProject(archived);
  },
  reply: (p) => `Archived project ${p.name}. Its notes are kept.`,
});
