/**
 * Building blocks for the report charts: self-contained SVG documents with every text escaped
 * and no scripts, links or external references, safe to inline in a page.
 */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Coordinates with one decimal: small files, no visible loss. */
export function n(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

export function document(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="22" font-size="14" font-weight="600" fill="#111827">${esc(title)}</text>`,
    ...body,
    "</svg>",
  ].join("");
}

export function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ""}>${esc(content)}</text>`;
}

/** A linear map from [d0, d1] to [r0, r1]; a flat domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (x) => r0 + ((x - d0) / (d1 - d0)) * (r1 - r0);
}

export function polyline(points: [number, number][], attrs: string): string {
  return `<polyline fill="none" points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" ${attrs}/>`;
}

/** A closed band between an upper and a lower line over the same x values. */
export function band(upper: [number, number][], lower: [number, number][], attrs: string): string {
  const ring = [...upper, ...[...lower].reverse()];
  return `<polygon points="${ring.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" ${attrs}/>`;
}

/** A short label for a tick: thousands as k. */
export function tick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(abs < 10 ? 2 : 1);
}
