import { z } from "zod";
import { ToolError } from "../../errors.js";
import { hint } from "./hint.js";

/** The one way a secret's value gets in: a terminal, never a conversation. */
export const setCommand = (name: string) => `flashfusion secrets set ${name}`;

/**
 * The `value` argument of the chat tools (`cues`: more words that come before a value). It exists only to be refused: a value typed in chat
 * would stay in the conversation and reach the model. Marked secret, so the door redacts it
 * from audit rows and approvals.
 */
export function chatValue(cues: readonly string[] = []) {
  return z
    .string()
    .optional()
    .meta({
      ...hint({
        description: `never accepted here: secret values are set from a terminal with \`${setCommand("NAME")}\`, which reads the value from standard input`,
        extract: "name",
        cues: ["value", "with value", "value of", "set to", "=", ...cues],
      }),
      secret: true,
    });
}

/** Refuses a value given in chat, naming the command that takes it instead. */
export function refuseChatValue(value: string | undefined, name: string): void {
  if (value === undefined) return;
  throw new ToolError(
    "VALIDATION",
    `Secret values are never accepted in chat: they would stay in the conversation and be seen by the model, so nothing was stored. Set the value from a terminal with \`${setCommand(name)}\`, which reads it from standard input.`,
    { field: "value" },
  );
}
