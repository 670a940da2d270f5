import { formatRows, type BenchRow } from "./measure.js";
import { benchAnalytics } from "./analytics.js";
import { benchHttp } from "./http.js";
import { benchTurn } from "./turn.js";

export interface BenchSuite {
  name: string;
  run: () => Promise<BenchRow[]>;
}

export const SUITES: BenchSuite[] = [
  { name: "turn", run: () => benchTurn() },
  { name: "http", run: () => benchHttp() },
  {
    name: "analytics",
    run: async () =>
      (await benchAnalytics()).map((r) => ({
        name: r.name,
        value: r.ms,
        unit: "ms",
        baseline: { name: "full scan of events", value: r.floor_ms },
        ratio: r.ratio,
        goal: "≤ 5×",
      })),
  },
];

export async function runBench(only: string[] = [], out: (line: string) => void = console.log): Promise<BenchRow[]> {
  const all: BenchRow[] = [];
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.name)) continue;
    out(`# ${suite.name}`);
    const rows = await suite.run();
    out(formatRows(rows));
    all.push(...rows);
  }
  return all;
}
