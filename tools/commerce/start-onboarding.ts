import { z } from "zod";
import { defineTool } from "../define.js";
import { forbidden } from "../errors.js";
import { planLabel, planField } from "./onboarding/plans.js";
import { OnboardingOutput, userOnboarding, type OnboardingInput } from "./onboarding/workflow.js";
import { workflowFailure } from "./workflow/failure.js";
import { startWorkflow } from "./workflow/engine.js";
import { requestHash } from "./workflow/idempotency.js";
import { idempotencyKeyField, workflowKey } from "./workflow/key.js";
import { runtimeOf } from "./workflow/runtime.js";

const input = z.object({
  email: z.string().trim().email().meta({
    description: "The email of the person to onboard (a new address invites a new user)",
    extract: "email",
    cues: ["for", "onboard", "onboarding", "invite", "welcome"],
  }),
  plan: planField,
  full_name: z.string().trim().min(1).nullish().meta({
    description: "Their full name, for a new user",
    extract: "name",
    cues: ["named", "called", "name is"],
  }),
  role: z.enum(["member", "admin", "customer"]).default("member").meta({
    description: "The role of a new user (member unless said otherwise; an existing user keeps theirs)",
    extract: "enum",
    cues: ["as", "as an", "as a", "role"],
  }),
  idempotency_key: idempotencyKeyField,
});

export const startOnboarding = defineTool({
  name: "start_onboarding",
  title: "Start onboarding",
  description:
    "Onboard a person onto a plan as one workflow: invite them as a new user or update the existing one (never a duplicate), open their onboarding checklist as tasks and draft the welcome email",
  domain: "commerce",
  input,
  output: OnboardingOutput,
  effect: "write",
  atomic: false,
  reads: userOnboarding.reads,
  writes: userOnboarding.writes,
  examples: [
    "Start onboarding for jordan@example.com on Starter plan",
    "Onboard kim@example.com on the Pro plan",
    "Invite sam@acme.io to the enterprise plan",
    "Start onboarding for lee@example.com on Enterprise, named Lee Park",
    "Welcome new user priya@example.com on the starter plan as admin",
    "Move jordan@example.com to Pro and run onboarding",
  ],
  keywords: ["onboard", "onboarding", "invite", "welcome", "signup", "plan", "starter", "pro", "enterprise", "checklist"],
  async run(args, ctx) {
    const email = args.email.toLowerCase();
    const request = { email, plan: args.plan, full_name: args.full_name ?? null, role: args.role };
    const { execution } = await startWorkflow(runtimeOf(ctx), userOnboarding, {
      key: workflowKey(args.idempotency_key, ctx),
      hash: requestHash("user_onboarding", request),
      async prepare(): Promise<OnboardingInput> {
        if (request.role === "admin" && ctx.actor.role !== "admin") {
          throw forbidden(`Only an admin may onboard ${email} as an admin; onboard them as a member instead`, { field: "role" });
        }
        return request;
      },
    });
    if (execution.output) return OnboardingOutput.parse(execution.output);
    throw workflowFailure(execution, `Onboarding ${email} failed and was undone`);
  },
  reply(o) {
    const who = o.created
      ? `new user ${o.email} invited on the ${planLabel(o.plan)} plan`
      : `${o.email} (existing user ${o.id}, ${o.status}) ${o.previous_plan === o.plan ? `stays on the ${planLabel(o.plan)} plan` : `moved from ${planLabel(o.previous_plan)} to the ${planLabel(o.plan)} plan`}`;
    return [
      `Onboarding started for ${o.email}: ${who}.`,
      `Checklist (${o.tasks.length} tasks):`,
      ...o.tasks.map((t) => `- ${t.title}${t.due_at ? `, due ${t.due_at.slice(0, 10)}` : ""} (${t.id})`),
      `Welcome email drafted: ${o.draft_id}`,
      `Workflow ${o.workflow_execution_id}`,
    ].join("\n");
  },
});
