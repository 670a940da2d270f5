import type { ForecastData } from "../reports/data.js";
import { band, document, linear, polyline, text, tick } from "./svg.js";

/** History as a solid line, the forecast dashed, with its 95 % and 80 % bands. */
export function forecastChart(title: string, data: ForecastData): string {
  const width = 640;
  const height = 300;
  const plot = { left: 56, right: width - 16, top: 40, bottom: height - 36 };
  const total = data.history.length + data.forecast.length;
  const x = linear(0, Math.max(1, total - 1), plot.left, plot.right);
  const highest = Math.max(1, ...data.history.map((p) => p.value), ...data.forecast.map((p) => p.upper95));
  const y = linear(0, highest * 1.05, plot.bottom, plot.top);
  const h = data.history.length;
  const at = (i: number, v: number): [number, number] => [x(i), y(v)];
  // The bands start at the last observed value so the picture joins up.
  const last = data.history[h - 1];
  const anchor = last ? [{ i: h - 1, lo95: last.value, hi95: last.value, lo80: last.value, hi80: last.value, v: last.value }] : [];
  const ahead = [
    ...anchor,
    ...data.forecast.map((p, j) => ({ i: h + j, lo95: p.lower95, hi95: p.upper95, lo80: p.lower80, hi80: p.upper80, v: p.value })),
  ];
  const body = [
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#9ca3af"/>`,
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#9ca3af"/>`,
    text(plot.left - 6, plot.bottom + 4, "0", 'text-anchor="end" fill="#6b7280"'),
    text(plot.left - 6, y(highest) + 4, tick(highest), 'text-anchor="end" fill="#6b7280"'),
    band(ahead.map((p) => at(p.i, p.hi95)), ahead.map((p) => at(p.i, p.lo95)), 'fill="#c7d2fe" fill-opacity="0.6"'),
    band(ahead.map((p) => at(p.i, p.hi80)), ahead.map((p) => at(p.i, p.lo80)), 'fill="#818cf8" fill-opacity="0.45"'),
    polyline(data.history.map((p, i) => at(i, p.value)), 'stroke="#111827" stroke-width="2"'),
    polyline(ahead.map((p) => at(p.i, p.v)), 'stroke="#4338ca" stroke-width="2" stroke-dasharray="6 4"'),
  ];
  if (data.history[0]) body.push(text(plot.left, height - 14, data.history[0].start.slice(0, 10), 'fill="#6b7280"'));
  const end = data.forecast[data.forecast.length - 1];
  if (end) body.push(text(plot.right, height - 14, end.start.slice(0, 10), 'text-anchor="end" fill="#6b7280"'));
  if (h > 0) {
    body.push(`<line x1="${x(h - 1)}" y1="${plot.top}" x2="${x(h - 1)}" y2="${plot.bottom}" stroke="#d1d5db" stroke-dasharray="2 3"/>`);
    body.push(text(x(h - 1) + 4, plot.top + 12, "forecast →", 'fill="#4338ca"'));
  }
  body.push(text(width - 16, 22, "80% and 95% intervals", 'text-anchor="end" fill="#6b7280"'));
  return document(width, height, title, body);
}
