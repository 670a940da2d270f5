import { z } from "zod";
import { hint } from "../hint.js";
import type { Project } from "./resolve-project.js";

export const ProjectView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  status: z.enum(["active", "archived"]),
});
export type ProjectView = z.infer<typeof ProjectView>;

export function viewProject(p: Project): ProjectView {
  return { id: p.id, name: p.name, type: p.type, status: p.status };
}

/** The input field naming one of the actor's projects. */
export function projectRef(cues: readonly string[]) {
  return z
    .string()
    .trim()
    .min(1)
    .meta(hint({ description: "the project: its name or id (prj_…)", extract: "name", cues }));
}

/** "Website Relaunch (marketing)". */
export function projectLabel(p: ProjectView): string {
  return p.type ? `${p.name} (${p.type})` : p.name;
}
