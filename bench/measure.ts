/** Timing helpers: every benchmark reports against a baseline measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline (or baseline / value for throughput, so that lower is always better). */
  ratio?: number;
  goal?: string;
}

export async function timeEach(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function formatRows(rows: BenchRow[]): string {
  return rows
    .map((r) => {
      const base = r.baseline ? `  vs ${r.baseline.name} ${r.baseline.value.toFixed(2)} ${r.unit}` : "";
      const ratio = r.ratio !== undefined ? `  ratio ${r.ratio.toFixed(2)}×` : "";
      const goal = r.goal ? `  (goal ${r.goal})` : "";
      return `${r.name.padEnd(44)} ${r.value.toFixed(2).padStart(9)} ${r.unit}${base}${ratio}${goal}`;
    })
    .join("\n");
}
