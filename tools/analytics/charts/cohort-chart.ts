import type { CohortData } from "../reports/data.js";
import { document, esc, n, text } from "./svg.js";

/** A heat map: one row per cohort, one column per following period, darker = more retained. */
export function cohortChart(title: string, data: CohortData): string {
  const columns = Math.max(1, ...data.cohorts.map((c) => c.periods.length));
  const left = 170;
  const cell = { w: 64, h: 30 };
  const top = 56;
  const width = Math.max(360, left + columns * cell.w + 16);
  const height = top + data.cohorts.length * cell.h + 16;
  const unit = data.granularity === "month" ? "M" : "W";
  const body: string[] = [];
  for (let k = 1; k <= columns; k++) {
    body.push(text(left + (k - 0.5) * cell.w, top - 8, `${unit}${k}`, 'text-anchor="middle" fill="#6b7280"'));
  }
  data.cohorts.forEach((cohort, row) => {
    const y = top + row * cell.h;
    body.push(text(16, y + 20, `${cohort.label} (${cohort.size})`, 'fill="#374151"'));
    for (const p of cohort.periods) {
      const x = left + (p.k - 1) * cell.w;
      const shade = 0.08 + 0.92 * p.retention;
      const label = `${(p.retention * 100).toFixed(0)}%`;
      body.push(
        `<rect x="${x + 1}" y="${y + 1}" width="${cell.w - 2}" height="${cell.h - 2}" fill="#1d4ed8" fill-opacity="${n(shade)}"${p.complete ? "" : ' stroke="#9ca3af" stroke-dasharray="3 2"'}><title>${esc(`${cohort.label}, ${unit}${p.k}: ${p.active} of ${cohort.size}${p.complete ? "" : " (still running)"}`)}</title></rect>`,
        text(x + cell.w / 2, y + 19, label, `text-anchor="middle" fill="${p.retention > 0.5 ? "#ffffff" : "#111827"}"`),
      );
    }
  });
  return document(width, height, title, body);
}
