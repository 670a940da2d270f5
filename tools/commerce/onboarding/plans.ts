import { z } from "zod";

export const PLANS = ["starter", "pro", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

/** Other words people use for the plans. */
export const PLAN_ALIASES: Readonly<Record<string, Plan>> = {
  basic: "starter",
  professional: "pro",
  business: "enterprise",
  ent: "enterprise",
};

export function planLabel(plan: Plan | null): string {
  return plan ? `${plan[0]!.toUpperCase()}${plan.slice(1)}` : "no plan";
}

function normalisePlan(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const word = value.trim().toLowerCase().replace(/\s+plan$/, "");
  return PLAN_ALIASES[word] ?? word;
}

/** A plan in any case or by an alias ("Starter", "professional"); anything else is refused with the valid ones. */
export const planField = z
  .preprocess(
    normalisePlan,
    z.enum(PLANS, { error: (issue) => `Unknown plan ${JSON.stringify(issue.input)}: choose ${PLANS.join(", ")}` }),
  )
  .meta({
    description: `The plan (${PLANS.slice(0, -1).join(", ")} or ${PLANS.at(-1)})`,
    extract: "enum",
    cues: ["on", "plan", "to"],
    aliases: PLAN_ALIASES,
  });
