import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";
import { pickByReference } from "../match.js";

export type Project = Entities["Project"];

/** The actor's own projects: "my projects" are the rows whose owner is the actor. */
export function myProjects(ctx: ToolContext, status?: Project["status"]): Promise<Project[]> {
  return ctx.store.find("Project", { owner_id: ctx.actor.id, ...(status ? { status } : {}) }, { orderBy: "name" });
}

/** One of the actor's projects, by id or by name. */
export async function resolveProject(ctx: ToolContext, ref: string, field = "project"): Promise<Project> {
  return pickByReference(await myProjects(ctx), ref, {
    what: "project",
    among: "your projects",
    field,
    id: (p) => p.id,
    label: (p) => p.name,
  });
}
