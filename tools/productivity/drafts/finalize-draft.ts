import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { DraftView, draftBody, draftPicker, resolveDraft, viewDraft } from "./draft-view.js";
import { TWEET_LIMIT } from "./templates.js";

export const finalizeDraft = defineTool({
  name: "finalize_draft",
  title: "Finalize a draft",
  description:
    "Mark one of your drafts final (by default the latest one in progress) once its text is complete: an email needs a subject, a tweet fits in 280 characters.",
  domain: "productivity",
  input: z.object(draftPicker),
  output: DraftView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Draft"],
  examples: [
    "Finalize my draft",
    "My tweet draft is ready, finalize it",
    "Finalize draft drf_1",
    "Mark my email draft as final",
    "The post is done, finalize it",
  ],
  keywords: ["finalize", "final", "finish", "ready", "done", "approve", "draft"],
  run: async (input, ctx) => {
    const draft = await resolveDraft(ctx, input);
    const view = viewDraft(draft);
    if (draft.status === "final") throw new ToolError("CONFLICT", `Draft ${draft.id} is already final`);
    if (!view.content.trim()) throw new ToolError("VALIDATION", "The draft has no text yet; revise it first", { field: "content" });
    if (draft.tool_type === "email" && !view.subject) {
      throw new ToolError("VALIDATION", "The email has no subject yet; what should it be?", { field: "subject", ask: true });
    }
    if (draft.tool_type === "tweet" && view.characters > TWEET_LIMIT) {
      throw new ToolError("VALIDATION", `The tweet has ${view.characters} characters; shorten it to ${TWEET_LIMIT} first`, { field: "content" });
    }
    const final = await ctx.store.update("Draft", draft.id, { status: "final" }, { owner_id: ctx.actor.id, status: "draft" });
    if (!final) throw new ToolError("CONFLICT", "The draft changed while it was being finalized; try again");
    return viewDraft(final);
  },
  reply: (d) => `Finalized your ${d.tool_type} draft [${d.id}]; it is ready to use:\n${draftBody(d)}`,
});
