/** How CI/CD replies write durations, counts and times. */

/** 150 → "2m 30s"; 0.42 → "0.4s"; 3725 → "1h 2m 5s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 10) return `${Math.round(seconds * 10) / 10}s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h ${m}m ${s}s`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** A share as a percentage with one decimal: 0.526 → "52.6%". */
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** "2026-03-10T09:00:00.000Z" → "2026-03-10 09:00 UTC". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Seconds between two ISO instants (null when either is missing). */
export function secondsBetween(from: string | null | undefined, to: Date): number | null {
  if (!from) return null;
  const ms = to.getTime() - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, ms / 1000) : null;
}
