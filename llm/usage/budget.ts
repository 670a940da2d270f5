import { LlmError } from "../errors.js";

export interface BudgetCheck {
  budgetUsd: number;
  spentUsd: number;
  /** The most the next call can cost. */
  worstCaseUsd: number;
}

/**
 * Refuses a call whose worst case would take the workspace past its budget. Checked before the
 * call, so a budget is never overrun by a call we could have priced.
 */
export function enforceBudget(check: BudgetCheck, what: string): void {
  if (check.spentUsd + check.worstCaseUsd <= check.budgetUsd) return;
  const left = Math.max(0, check.budgetUsd - check.spentUsd);
  throw new LlmError(
    "QUOTA_EXCEEDED",
    `This workspace's model budget of $${check.budgetUsd.toFixed(2)} would be exceeded: $${check.spentUsd.toFixed(4)} spent, $${left.toFixed(4)} left, and a call to ${what} may cost up to $${check.worstCaseUsd.toFixed(4)}. Raise the budget or shorten the request.`,
  );
}
