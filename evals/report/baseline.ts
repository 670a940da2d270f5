import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { CaseResult } from "../runner.js";

/** What a baseline needs from a previous `--json` report. */
const BaselineFile = z.object({
  cases: z.array(z.object({ suite: z.string(), id: z.string(), passed: z.boolean() })),
});
export type BaselineCase = z.infer<typeof BaselineFile>["cases"][number];

export class BaselineError extends Error {
  constructor(file: string, reason: string) {
    super(`baseline ${file}: ${reason}`);
    this.name = "BaselineError";
  }
}

export async function readBaseline(file: string): Promise<BaselineCase[]> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new BaselineError(file, "cannot be read; write one with --json FILE");
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(file, `is not JSON (${(e as Error).message})`);
  }
  const parsed = BaselineFile.safeParse(data);
  if (!parsed.success) throw new BaselineError(file, "is not a report written by --json (it needs cases with suite, id and passed)");
  return parsed.data.cases;
}

export interface CaseKey {
  suite: string;
  id: string;
}

/** How this run compares with a previous one, case by case (`suite/id`). */
export interface BaselineDiff {
  /** Failed in the baseline, passes now. */
  fixed: CaseKey[];
  /** Passed in the baseline, fails now: what the CI gate refuses. */
  regressed: CaseKey[];
  still_failing: CaseKey[];
  still_passing: CaseKey[];
  /** Not in the baseline. */
  new: (CaseKey & { passed: boolean })[];
  /** In the baseline, not run now (removed, or left out by --filter). */
  not_run: CaseKey[];
}

const keyOf = (c: CaseKey) => `${c.suite}\u0000${c.id}`;

export function compareWithBaseline(baseline: readonly BaselineCase[], cases: readonly CaseResult[]): BaselineDiff {
  const before = new Map(baseline.map((c) => [keyOf(c), c.passed]));
  const diff: BaselineDiff = { fixed: [], regressed: [], still_failing: [], still_passing: [], new: [], not_run: [] };
  for (const c of cases) {
    const key = { suite: c.suite, id: c.id };
    const was = before.get(keyOf(c));
    if (was === undefined) diff.new.push({ ...key, passed: c.passed });
    else if (was && c.passed) diff.still_passing.push(key);
    else if (was) diff.regressed.push(key);
    else if (c.passed) diff.fixed.push(key);
    else diff.still_failing.push(key);
  }
  const now = new Set(cases.map(keyOf));
  diff.not_run = baseline.filter((c) => !now.has(keyOf(c))).map(({ suite, id }) => ({ suite, id }));
  return diff;
}
