import type { FunnelData } from "../reports/data.js";
import { document, esc, n, text } from "./svg.js";

/** Horizontal bars, one per step, scaled to the people who entered. */
export function funnelChart(title: string, data: FunnelData): string {
  const width = 640;
  const row = 40;
  const left = 150;
  const barMax = width - left - 150;
  const top = 44;
  const height = top + data.steps.length * row + 16;
  const widest = Math.max(1, data.steps[0]?.count ?? 0);
  const body = data.steps.map((step, i) => {
    const y = top + i * row;
    const w = (step.count / widest) * barMax;
    const share = i === 0 ? `${step.count} entered` : `${step.count} · ${(step.overall_conversion * 100).toFixed(1)}% · −${step.drop_off}`;
    return [
      text(16, y + 20, step.label, 'fill="#374151"'),
      `<rect x="${left}" y="${y + 6}" width="${n(Math.max(w, 1))}" height="${row - 14}" rx="3" fill="#4f46e5" fill-opacity="${n(1 - i * (0.5 / data.steps.length))}"><title>${esc(`${step.label}: ${step.count}`)}</title></rect>`,
      text(left + Math.max(w, 1) + 8, y + 20, share, 'fill="#111827"'),
    ].join("");
  });
  return document(width, height, title, body);
}
