import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";
import { pickByReference } from "../match.js";
import { myProjects } from "../projects/resolve-project.js";
import { formatTime, quoted } from "../text.js";

export type Note = Entities["Note"];

/** A note as the notes tools answer it: with its project's name. */
export const NoteView = z.object({
  id: z.string(),
  content: z.string(),
  tags: z.array(z.string()),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  remind_at: z.string().nullable(),
  updated_at: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

/** The actor's own notes, newest first. */
export function myNotes(ctx: ToolContext): Promise<Note[]> {
  return ctx.store.find("Note", { owner_id: ctx.actor.id }, { orderBy: "updated_at", direction: "desc" });
}

/** One of the actor's notes, by id or by a piece of its text. */
export async function resolveNote(ctx: ToolContext, ref: string): Promise<Note> {
  return pickByReference(await myNotes(ctx), ref, {
    what: "note",
    among: "your notes",
    field: "note",
    id: (n) => n.id,
    label: (n) => n.content,
  });
}

/** Views of notes, with the names of the actor's projects they belong to. */
export async function viewNotes(ctx: ToolContext, notes: readonly Note[]): Promise<NoteView[]> {
  const projects = new Map((await myProjects(ctx)).map((p) => [p.id, p.name]));
  return notes.map((n) => ({
    id: n.id,
    content: n.content,
    tags: n.tags,
    project: n.project_id && projects.has(n.project_id) ? { id: n.project_id, name: projects.get(n.project_id)! } : null,
    remind_at: n.remind_at,
    updated_at: n.updated_at,
  }));
}

/** One line of a reply: the note's text quoted as data, then what is known about it. */
export function noteLine(n: NoteView): string {
  const facts = [
    n.project ? `project ${n.project.name}` : null,
    n.tags.length ? n.tags.map((t) => `#${t}`).join(" ") : null,
    n.remind_at ? `reminder ${formatTime(n.remind_at)}` : null,
  ].filter(Boolean);
  return `- ${quoted(n.content)}${facts.length ? ` (${facts.join(", ")})` : ""} [${n.id}]`;
}

/** A list of notes for a reply, one a line. */
export function noteList(notes: readonly NoteView[], total: number, heading: string, none: string): string {
  if (notes.length === 0) return none;
  const more = total > notes.length ? `\n…and ${total - notes.length} more.` : "";
  return `${heading}\n${notes.map(noteLine).join("\n")}${more}`;
}
