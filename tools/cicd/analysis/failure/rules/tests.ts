import { at } from "../../parsers/log-text.js";
import { parseTestReport } from "../../parsers/test-report.js";
import type { Rule } from "./types.js";

/** Failing tests (vitest, jest, mocha, node:test, or a plain "N tests failed"). */
export const tests: Rule = (input) => {
  const report = parseTestReport(input.lines);
  if (!report || report.failed === 0) return undefined;
  const names = report.failures.map((f) => f.name);
  const count = report.failed ?? (names.length || 1);
  const of = report.total ? ` of ${report.total}` : "";
  const which = names.length ? `: ${names.slice(0, 3).join("; ")}${names.length > 3 ? "; …" : ""}` : "";
  const where = report.location ? ` (${at(report.location)})` : "";
  const message = report.failures[0]?.message;
  return {
    category: "test",
    summary: `${count}${of} test${count === 1 && !of ? "" : "s"} failed${report.runner === "tests" ? "" : ` in ${report.runner}`}${which}${where}${message ? ` — ${message}` : ""}`,
    locations: report.location ? [report.location] : [],
    evidence: report.evidence,
    fix: report.timedOut
      ? "A test ran out of time: make what it waits for resolve (a mocked timer, a server started in setup), or raise that test's timeout if the work is genuinely slow."
      : `Run the failing test${count === 1 ? "" : "s"} locally${report.location ? ` (${report.location.file})` : ""} and fix the code or the expectation; if it passes locally, look for order dependence or shared state between tests.`,
  };
};
