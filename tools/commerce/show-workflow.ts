import { z } from "zod";
import { WorkflowStep } from "../../entities/index.js";
import { defineTool } from "../define.js";
import { ToolError } from "../errors.js";
import { stepsOf } from "./workflow/progress.js";

const input = z.object({
  execution_id: z.string().trim().min(1).meta({
    description: "The id of the workflow execution to show (exec_…)",
    extract: "id",
    prefix: "exec",
    cues: ["workflow", "execution", "show", "status of"],
  }),
});

const StepView = z.object({
  name: z.string(),
  status: WorkflowStep.shape.status,
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  compensated_at: z.string().nullable(),
  compensation_error: z.string().nullable(),
});

const output = z.object({
  id: z.string(),
  workflow_type: z.string(),
  status: z.enum(["running", "completed", "failed", "rolled_back", "compensation_failed"]),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  rolled_back_at: z.string().nullable(),
  error: z.string().nullable(),
  failed_step: z.string().nullable(),
  steps: z.array(StepView),
  orders: z.array(z.object({ id: z.string(), status: z.string() })),
});
type Output = z.infer<typeof output>;

const at = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—");

function timing(step: z.infer<typeof StepView>): string {
  const took = step.duration_ms === null ? "" : ` in ${step.duration_ms < 10 ? step.duration_ms.toFixed(1) : Math.round(step.duration_ms)} ms`;
  const started = step.started_at ? `, started ${at(step.started_at)}` : "";
  const retries = step.attempts > 1 ? `, ${step.attempts} attempts` : "";
  return `${took}${started}${retries}`;
}

function stepLine(step: z.infer<typeof StepView>, index: number): string {
  const head = `${index + 1}. ${step.name} — ${step.status}`;
  switch (step.status) {
    case "pending":
      return `${head} (not started)`;
    case "failed":
      return `${head}${timing(step)}: ${step.error ?? "no reason recorded"}`;
    case "compensated":
      return `${head} at ${at(step.compensated_at)} (done${timing(step)})`;
    case "compensation_failed":
      return `${head}: ${step.compensation_error ?? "no reason recorded"}`;
    default:
      return `${head}${timing(step)}`;
  }
}

export const showWorkflow = defineTool({
  name: "show_workflow",
  title: "Show workflow",
  description: "Show a workflow execution with each step's status and timing, the failure if any, and the orders it produced",
  domain: "commerce",
  input,
  output,
  effect: "read",
  reads: ["WorkflowExecution", "Order"],
  examples: [
    "Show workflow exec_1234",
    "What happened in workflow exec_77?",
    "Status of execution exec_3vgm3m1pghvy6re9",
    "Which step of exec_42 failed?",
    "Show me the steps of workflow exec_a1b2c3",
  ],
  keywords: ["workflow", "execution", "steps", "timing", "trace", "saga", "status"],
  async run(args, ctx): Promise<Output> {
    const id = args.execution_id;
    const e = await ctx.store.get("WorkflowExecution", id);
    if (!e) throw new ToolError("NOT_FOUND", `Workflow execution ${id} not found in this workspace: check the id (it looks like exec_…)`, { field: "execution_id" });
    const orders = await ctx.store.find("Order", { workflow_execution_id: e.id }, { orderBy: "created_at" });
    return {
      id: e.id,
      workflow_type: e.workflow_type,
      status: e.status,
      started_at: e.started_at,
      finished_at: e.finished_at,
      rolled_back_at: e.rolled_back_at,
      error: e.error,
      failed_step: e.failed_step,
      steps: stepsOf(e).map((s) => ({
        name: s.name,
        status: s.status,
        started_at: s.started_at ?? null,
        finished_at: s.finished_at ?? null,
        duration_ms: s.duration_ms ?? null,
        attempts: s.attempts ?? 0,
        error: s.error?.message ?? null,
        compensated_at: s.compensated_at ?? null,
        compensation_error: s.compensation_error?.message ?? null,
      })),
      orders: orders.map((o) => ({ id: o.id, status: o.status })),
    };
  },
  reply(o) {
    const when = [`started ${at(o.started_at)}`, o.finished_at ? `finished ${at(o.finished_at)}` : null, o.rolled_back_at ? `rolled back ${at(o.rolled_back_at)}` : null];
    const lines = [`Workflow ${o.id} (${o.workflow_type}): ${o.status}, ${when.filter(Boolean).join(", ")}.`];
    if (o.error) lines.push(`Failed at ${o.failed_step ?? "a step"}: ${o.error}`);
    if (o.steps.length === 0) lines.push("No steps recorded.");
    o.steps.forEach((s, i) => lines.push(stepLine(s, i)));
    if (o.orders.length) lines.push(`Orders: ${o.orders.map((x) => `${x.id} (${x.status})`).join(", ")}`);
    return lines.join("\n");
  },
});
