import { z } from "zod";
import { defineTool } from "../../define.js";
import { DraftView, draftBody, draftFacts, draftPicker, resolveDraft, viewDraft } from "./draft-view.js";

export const resumeDraft = defineTool({
  name: "resume_draft",
  title: "Resume a draft",
  description:
    "Pick up one of your saved drafts where you left it: the most recently updated draft in progress, the latest of a kind (email, tweet, post), or one by id. Shows its text.",
  domain: "productivity",
  input: z.object(draftPicker),
  output: DraftView,
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Draft"],
  examples: [
    "Resume my last draft",
    "Continue my email draft",
    "Open draft drf_1",
    "Where was I with that tweet?",
    "Show me my latest post draft",
  ],
  keywords: ["resume", "continue", "pick up", "open", "last", "latest", "draft", "where was i", "saved"],
  run: async (input, ctx) => viewDraft(await resolveDraft(ctx, input)),
  reply: (d) =>
    `Here is your ${d.status === "final" ? "final" : "last"} ${d.tool_type} draft [${d.id}] (${draftFacts(d)}):\n${draftBody(d)}\n` +
    (d.status === "final" ? "It is final." : `Say "revise my draft" to change it, or "finalize my draft" when it is ready.`),
});
