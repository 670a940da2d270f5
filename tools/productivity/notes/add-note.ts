import { z } from "zod";
import { defineTool, type ToolContext } from "../../define.js";
import { isToolError, ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolveProject, type Project } from "../projects/resolve-project.js";
import { formatTime, hashtagsOf, quoted } from "../text.js";
import { NoteView, viewNotes } from "./note-view.js";

/**
 * The project a note goes to. A reference that names none of the actor's projects but is part
 * of the note's own text ("Add note: remember to call Bob" read as project "call Bob") came
 * from a word of the note, not from a project: the note is kept without one.
 */
async function projectFor(ctx: ToolContext, ref: string | undefined, content: string): Promise<Project | null> {
  if (!ref) return null;
  try {
    return await resolveProject(ctx, ref);
  } catch (e) {
    if (isToolError(e) && e.code === "NOT_FOUND" && content.toLowerCase().includes(ref.trim().toLowerCase())) return null;
    throw e;
  }
}

export const addNote = defineTool({
  name: "add_note",
  title: "Add a note",
  description:
    "Save a quick note for you, optionally in one of their projects (by name or id) and with a reminder time. #hashtags in the text become the note's tags.",
  domain: "productivity",
  input: z.object({
    content: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the note's text; #hashtags in it become tags", extract: "text", cues: ["note:", "note", "jot down", "remember", "remind me to"] })),
    project: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the project (name or id) the note belongs to", extract: "name", cues: ["to", "in", "on", "on project", "to project", "for project", "under"] })),
    remind_at: z
      .iso.datetime({ offset: true })
      .optional()
      .meta(hint({ description: "when to be reminded, ISO 8601", extract: "datetime", cues: ["remind me", "reminder", "at", "on", "by"] })),
  }),
  output: NoteView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Project"],
  writes: ["Note"],
  examples: [
    "Add note: Call ACME Friday 9am",
    "Add note to Website Relaunch: hero image needs alt text #a11y",
    "New note: renew the SSL certificate #ops",
    "Jot down: ask Grace about the Q3 budget, remind me tomorrow at 3pm",
    "Put a note on Mobile App: crash on login with iOS 17 #bug",
    "Remember: send the invoice to ACME on Monday 10am",
  ],
  keywords: ["note", "notes", "jot", "memo", "remember", "reminder", "write down"],
  run: async (input, ctx) => {
    const project = await projectFor(ctx, input.project, input.content);
    if (input.remind_at && new Date(input.remind_at) < ctx.clock.now()) {
      throw new ToolError("VALIDATION", `The reminder time ${formatTime(new Date(input.remind_at).toISOString())} is in the past; give a future time`, {
        field: "remind_at",
        ask: true,
      });
    }
    const note = await ctx.store.insert("Note", {
      content: input.content,
      project_id: project?.id ?? null,
      tags: hashtagsOf(input.content),
      remind_at: input.remind_at ?? null,
      owner_id: ctx.actor.id,
    });
    const [view] = await viewNotes(ctx, [note]);
    return view!;
  },
  reply: (n) => {
    const extras = [
      n.project ? `in ${n.project.name}` : null,
      n.tags.length ? `tagged ${n.tags.map((t) => `#${t}`).join(" ")}` : null,
      n.remind_at ? `reminder ${formatTime(n.remind_at)}` : null,
    ].filter(Boolean);
    return `Saved note ${quoted(n.content)}${extras.length ? ` (${extras.join(", ")})` : ""}.`;
  },
});
