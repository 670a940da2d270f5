import type { AnomalyData } from "../reports/data.js";
import { document, esc, linear, n, text, tick } from "./svg.js";

/** Every reference point over time, the window shaded, the median line, anomalies in red. */
export function anomalyChart(title: string, data: AnomalyData): string {
  const width = 640;
  const height = 300;
  const plot = { left: 56, right: width - 16, top: 40, bottom: height - 36 };
  const t0 = Date.parse(data.reference.from);
  const t1 = Date.parse(data.window.to);
  const x = linear(t0, t1, plot.left, plot.right);
  const values = data.points.map((p) => p.value);
  const lowest = Math.min(0, ...values);
  const highest = Math.max(1, ...values);
  const y = linear(lowest, highest * 1.05, plot.bottom, plot.top);
  const windowStart = x(Date.parse(data.window.from));
  const body = [
    `<rect x="${n(windowStart)}" y="${plot.top}" width="${n(plot.right - windowStart)}" height="${plot.bottom - plot.top}" fill="#eef2ff"/>`,
    text(windowStart + 4, plot.top + 12, "window", 'fill="#6366f1"'),
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#9ca3af"/>`,
    text(plot.left - 6, y(highest) + 4, tick(highest), 'text-anchor="end" fill="#6b7280"'),
    text(plot.left - 6, y(lowest) + 4, tick(lowest), 'text-anchor="end" fill="#6b7280"'),
    text(plot.left, height - 14, data.reference.from.slice(0, 16).replace("T", " "), 'fill="#6b7280"'),
    text(plot.right, height - 14, data.window.to.slice(0, 16).replace("T", " "), 'text-anchor="end" fill="#6b7280"'),
  ];
  if (data.median !== null) {
    body.push(`<line x1="${plot.left}" y1="${n(y(data.median))}" x2="${plot.right}" y2="${n(y(data.median))}" stroke="#10b981" stroke-dasharray="4 3"/>`);
  }
  for (const p of data.points) {
    const out = Math.abs(p.z) > data.threshold;
    const label = `${p.entity_id ?? p.time}: ${p.value}`;
    body.push(
      `<circle cx="${n(x(Date.parse(p.time)))}" cy="${n(y(p.value))}" r="${out ? 5 : 3}" fill="${out ? "#dc2626" : "#6b7280"}" fill-opacity="${out ? 1 : 0.6}"><title>${esc(label)}</title></circle>`,
    );
  }
  for (const a of data.anomalies) {
    body.push(text(x(Date.parse(a.time)) + 8, y(a.value) + 4, a.entity_id ?? tick(a.value), 'fill="#dc2626"'));
  }
  return document(width, height, title, body);
}
