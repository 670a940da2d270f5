/**
 * A preview of a secret that identifies it to its owner without disclosing it: the first and
 * last four characters of a long token ("AKIA…MPLE"), two of a medium one, none of a short one.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  if (chars.length >= 20) return `${chars.slice(0, 4).join("")}…${chars.slice(-4).join("")}`;
  if (chars.length >= 12) return `${chars.slice(0, 2).join("")}…${chars.slice(-2).join("")}`;
  return "…";
}
