import { formatRows, type BenchRow } from "./measure.js";
import { benchTurn } from "./turn.js";

export interface BenchSuite {
  name: string;
  run: () => Promise<BenchRow[]>;
}

export const SUITES: BenchSuite[] = [{ name: "turn", run: () => benchTurn() }];

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
