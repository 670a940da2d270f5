import { z } from "zod";
import { findUserByEmail } from "../customers.js";
import { step, type StepContext, type Workflow } from "../workflow/types.js";
import { checklistFor } from "./checklist.js";
import { PLANS } from "./plans.js";
import { welcomeEmail } from "./welcome.js";

export const USER_STATUSES = ["invited", "active", "disabled"] as const;

export const OnboardingInput = z.object({
  email: z.string(),
  full_name: z.string().nullable(),
  role: z.enum(["admin", "member", "customer"]),
  plan: z.enum(PLANS),
});
export type OnboardingInput = z.infer<typeof OnboardingInput>;

/** What upsert_user did: the rollback reads it to undo the onboarding. */
export const Upserted = z.object({
  user_id: z.string(),
  created: z.boolean(),
  previous_plan: z.enum(PLANS).nullable(),
  previous_status: z.enum(USER_STATUSES).nullable(),
});
const Checklist = z.object({ task_ids: z.array(z.string()) });
const Drafted = z.object({ draft_id: z.string() });

type Ctx = StepContext<OnboardingInput>;
const upserted = (ctx: Ctx) => Upserted.parse(ctx.results.upsert_user);

/** "jordan.lee@…" → "Jordan Lee": a name to greet with until the person sets their own. */
function nameFromEmail(email: string): string {
  return email
    .split("@")[0]!
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`)
    .join(" ");
}

const upsertUser = step<OnboardingInput>({
  name: "upsert_user",
  async run(store, ctx) {
    const { email, full_name, role, plan } = ctx.input;
    const existing = await findUserByEmail(store, email);
    if (!existing) {
      const user = await store.insert("User", { email, full_name: full_name ?? nameFromEmail(email), role, plan, status: "invited" });
      return { user_id: user.id, created: true, previous_plan: null, previous_status: null };
    }
    // An existing user keeps its id and role; a disabled one is invited again.
    await store.update("User", existing.id, {
      plan,
      status: existing.status === "disabled" ? "invited" : existing.status,
      ...(full_name && !existing.full_name ? { full_name } : {}),
    });
    return { user_id: existing.id, created: false, previous_plan: existing.plan, previous_status: existing.status };
  },
  compensate: {
    async run(store, _ctx, result) {
      const before = Upserted.parse(result);
      if (before.created) await store.delete("User", before.user_id);
      else await store.update("User", before.user_id, { plan: before.previous_plan, status: before.previous_status ?? undefined });
    },
  },
});

const createChecklist = step<OnboardingInput>({
  name: "create_checklist",
  async run(store, ctx) {
    const { user_id } = upserted(ctx);
    const now = ctx.clock.now().getTime();
    const task_ids: string[] = [];
    for (const item of checklistFor(ctx.input.plan)) {
      const task = await store.insert("Task", {
        title: `${item.title} (${ctx.input.email})`,
        description: `Onboarding checklist for ${ctx.input.email} on the ${ctx.input.plan} plan.`,
        status: "open",
        workflow_type: "user_onboarding",
        current_step: item.key,
        assignee_id: item.assignee === "user" ? user_id : ctx.actorId,
        due_at: new Date(now + item.dueInDays * 86_400_000).toISOString(),
        source: "workflow",
        related_id: ctx.execution.id,
      });
      task_ids.push(task.id);
    }
    return { task_ids };
  },
  compensate: {
    async run(store, _ctx, result) {
      for (const id of Checklist.parse(result).task_ids) await store.delete("Task", id);
    },
  },
});

// The last step: nothing after it can fail, so it has no compensation. A rollback leaves the
// draft for a person to discard.
const draftWelcome = step<OnboardingInput>({
  name: "draft_welcome_email",
  async run(store, ctx) {
    const user = await store.require("User", upserted(ctx).user_id);
    const email = welcomeEmail(user, ctx.input.plan, checklistFor(ctx.input.plan).map((i) => i.title));
    const draft = await store.insert("Draft", { tool_type: "email", title: email.title, form_data: email.form_data, owner_id: ctx.actorId });
    return { draft_id: draft.id };
  },
});

export const OnboardingOutput = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  role: z.enum(["admin", "member", "customer"]),
  plan: z.enum(PLANS),
  previous_plan: z.enum(PLANS).nullable(),
  status: z.enum(USER_STATUSES),
  created: z.boolean(),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), due_at: z.string().nullable() })),
  draft_id: z.string(),
  workflow_execution_id: z.string(),
});
export type OnboardingOutput = z.infer<typeof OnboardingOutput>;

/**
 * User onboarding: the User created (`invited`) or updated to the plan, the plan's checklist as
 * Tasks, and a welcome email drafted. A failure removes what it created and restores the user.
 */
export const userOnboarding: Workflow<OnboardingInput> = {
  type: "user_onboarding",
  input: OnboardingInput,
  reads: ["User", "Task", "WorkflowExecution"],
  writes: ["User", "Task", "Draft", "WorkflowExecution", "AuditLog"],
  steps: () => [upsertUser, createChecklist, draftWelcome],
  async output(store, ctx): Promise<OnboardingOutput> {
    const before = upserted(ctx);
    const user = await store.require("User", before.user_id);
    const tasks = [];
    for (const id of Checklist.parse(ctx.results.create_checklist).task_ids) {
      const task = await store.require("Task", id);
      tasks.push({ id: task.id, title: task.title, due_at: task.due_at });
    }
    return {
      id: user.id,
      email: user.email,
      full_name: user.full_name,
      role: user.role,
      plan: ctx.input.plan,
      previous_plan: before.previous_plan,
      status: user.status,
      created: before.created,
      tasks,
      draft_id: Drafted.parse(ctx.results.draft_welcome_email).draft_id,
      workflow_execution_id: ctx.execution.id,
    };
  },
};
