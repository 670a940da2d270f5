import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { resolveProject } from "../projects/resolve-project.js";
import { normalizeTag } from "../text.js";
import { myNotes, NoteView, noteList, viewNotes } from "./note-view.js";

/** Most notes a reply lists; the total says how many more there are. */
const SHOWN = 50;

export const listNotes = defineTool({
  name: "list_notes",
  title: "List my notes",
  description: "List your own notes, newest first, optionally only those of one project or with one tag.",
  domain: "productivity",
  input: z.object({
    project: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only notes of this project (name or id)", extract: "name", cues: ["in", "for", "on", "project", "from project"] })),
    tag: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only notes with this tag (with or without #)", extract: "name", cues: ["tagged", "tag", "with tag", "#"] })),
  }),
  output: z.object({
    notes: z.array(NoteView),
    total: z.number().int(),
    project: z.string().nullable(),
    tag: z.string().nullable(),
  }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Note", "Project"],
  examples: [
    "Show my notes",
    "List notes in Website Relaunch",
    "Show my notes tagged #a11y",
    "What notes do I have for Mobile App?",
    "My notes with tag ops",
    "List all my notes",
  ],
  keywords: ["notes", "note", "memos", "show", "list"],
  run: async (input, ctx) => {
    const project = input.project ? await resolveProject(ctx, input.project) : null;
    const tag = input.tag ? normalizeTag(input.tag) : null;
    const notes = (await myNotes(ctx)).filter(
      (n) => (!project || n.project_id === project.id) && (!tag || n.tags.includes(tag)),
    );
    return {
      notes: await viewNotes(ctx, notes.slice(0, SHOWN)),
      total: notes.length,
      project: project?.name ?? null,
      tag,
    };
  },
  reply: (o) => {
    const scope = [o.project ? `in ${o.project}` : null, o.tag ? `tagged #${o.tag}` : null].filter(Boolean).join(" ");
    const what = scope ? `notes ${scope}` : "notes";
    return noteList(o.notes, o.total, `Your ${what} (${o.total}):`, `You have no ${what}.`);
  },
});
