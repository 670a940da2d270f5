import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolveProject } from "../projects/resolve-project.js";
import { formatTime, hashtagsOf, quoted } from "../text.js";
import { NoteView, resolveNote, viewNotes } from "./note-view.js";
import { noteRef } from "./note-ref.js";

const Change = z.enum(["content", "project", "remind_at"]);

export const updateNote = defineTool({
  name: "update_note",
  title: "Update a note",
  description:
    "Change one of your notes: its text (tags follow the #hashtags of the new text), the project it belongs to, or its reminder time.",
  domain: "productivity",
  input: z.object({
    note: noteRef(["note", "update note", "edit note", "change note"]),
    content: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the note's new text", extract: "text", cues: ["to:", "to say", "text:", "content:", "replace with"] })),
    project: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the project (name or id) to move the note to", extract: "name", cues: ["move to", "to project", "into", "under"] })),
    remind_at: z
      .iso.datetime({ offset: true })
      .optional()
      .meta(hint({ description: "the new reminder time, ISO 8601", extract: "datetime", cues: ["remind me", "reminder", "remind at", "at", "on"] })),
  }),
  output: NoteView.extend({ changed: z.array(Change) }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Note", "Project"],
  writes: ["Note"],
  examples: [
    "Update note note_7k2: Call ACME Monday 10am instead",
    "Change my note about the SSL certificate to: renew the SSL certificate before April #ops",
    "Move the note about alt text to project Mobile App",
    "Update my note about ACME: call them Thursday 2pm instead",
    "Edit note hero image: hero image needs alt text and a caption #a11y",
  ],
  keywords: ["update", "edit", "change", "move", "reschedule", "note", "reminder"],
  run: async (input, ctx) => {
    if (input.content === undefined && input.project === undefined && input.remind_at === undefined) {
      throw new ToolError("VALIDATION", "What should change in the note: its text, its project or its reminder?", {
        field: "content",
        allowed: Change.options,
        ask: true,
      });
    }
    const note = await resolveNote(ctx, input.note);
    const project = input.project ? await resolveProject(ctx, input.project) : undefined;
    if (input.remind_at && new Date(input.remind_at) < ctx.clock.now()) {
      throw new ToolError("VALIDATION", `The reminder time ${formatTime(new Date(input.remind_at).toISOString())} is in the past; give a future time`, {
        field: "remind_at",
        ask: true,
      });
    }
    const changed = Change.options.filter((c) => input[c] !== undefined);
    const updated = await ctx.store.update(
      "Note",
      note.id,
      {
        ...(input.content !== undefined ? { content: input.content, tags: hashtagsOf(input.content) } : {}),
        ...(project ? { project_id: project.id } : {}),
        ...(input.remind_at ? { remind_at: input.remind_at } : {}),
      },
      { owner_id: ctx.actor.id },
    );
    if (!updated) throw new ToolError("NOT_FOUND", `The note ${quoted(note.content)} is gone`);
    const [view] = await viewNotes(ctx, [updated]);
    return { ...view!, changed };
  },
  reply: (n) => {
    const facts = [
      n.changed.includes("content") ? `text now ${quoted(n.content)}` : null,
      n.changed.includes("project") && n.project ? `moved to ${n.project.name}` : null,
      n.changed.includes("remind_at") && n.remind_at ? `reminder ${formatTime(n.remind_at)}` : null,
    ].filter(Boolean);
    return `Updated note ${n.id}: ${facts.join("; ")}.`;
  },
});
