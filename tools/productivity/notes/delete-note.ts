import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { quoted } from "../text.js";
import { resolveNote } from "./note-view.js";
import { noteRef } from "./note-ref.js";

export const deleteNote = defineTool({
  name: "delete_note",
  title: "Delete a note",
  description: "Delete one of your notes for good. It waits for your approval.",
  domain: "productivity",
  input: z.object({ note: noteRef(["delete note", "remove note", "delete", "remove", "note"]) }),
  output: z.object({ id: z.string(), content: z.string() }),
  effect: "destructive",
  roles: ["admin", "member", "customer"],
  writes: ["Note"],
  examples: [
    "Delete note note_7k2",
    "Delete my note about the SSL certificate",
    "Remove the note Call ACME",
    "Throw away my note about alt text",
    "Delete the note 'ask Grace about the Q3 budget'",
  ],
  keywords: ["delete", "remove", "erase", "discard", "throw away", "note"],
  prepare: async (input, ctx) => {
    const note = await resolveNote(ctx, input.note);
    return `Delete note ${quoted(note.content)} (${note.id})`;
  },
  run: async (input, ctx) => {
    const note = await resolveNote(ctx, input.note);
    if (!(await ctx.store.delete("Note", note.id))) throw new ToolError("NOT_FOUND", `The note ${quoted(note.content)} is already gone`);
    return { id: note.id, content: note.content };
  },
  reply: (o) => `Deleted note ${quoted(o.content)}.`,
});
