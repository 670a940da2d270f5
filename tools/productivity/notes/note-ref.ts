import { z } from "zod";
import { hint } from "../hint.js";

/** The input field naming one of the actor's notes: its id, or a piece of its text. */
export function noteRef(cues: readonly string[]) {
  return z
    .string()
    .trim()
    .min(1)
    .meta(hint({ description: "the note: its id (note_…) or a few words of its text", extract: "name", cues }));
}
