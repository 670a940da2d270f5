import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { quoted } from "../text.js";
import { searchTerms } from "../words.js";
import { myNotes, NoteView, noteList, viewNotes } from "./note-view.js";

const SHOWN = 50;

export const searchNotes = defineTool({
  name: "search_notes",
  title: "Search my notes",
  description: "Find your own notes whose text or tags contain every word of the query (case-insensitive).",
  domain: "productivity",
  input: z.object({
    query: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "words the notes must contain", extract: "text", cues: ["for", "about", "mentioning", "containing", "with", "search notes"] })),
  }),
  output: z.object({ query: z.string(), notes: z.array(NoteView), total: z.number().int() }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Note", "Project"],
  examples: [
    "Search my notes for ACME",
    "Find notes about the SSL certificate",
    "Which notes mention alt text?",
    "Look up my notes containing invoice",
    "Search notes: budget Q3",
  ],
  keywords: ["search", "find", "look up", "mention", "notes", "containing"],
  run: async (input, ctx) => {
    const words = searchTerms(input.query, ["note", "notes"]).map((w) => w.replace(/^#/, ""));
    const notes = (await myNotes(ctx)).filter((n) => {
      const haystack = `${n.content} ${n.tags.join(" ")}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    return { query: input.query, notes: await viewNotes(ctx, notes.slice(0, SHOWN)), total: notes.length };
  },
  reply: (o) => noteList(o.notes, o.total, `Notes matching ${quoted(o.query)} (${o.total}):`, `None of your notes mention ${quoted(o.query)}.`),
});
