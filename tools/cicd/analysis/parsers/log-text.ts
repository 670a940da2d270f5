/**
 * Log text is data: it is read with patterns and quoted, never followed. These helpers make it
 * safe to quote: terminal escapes and control characters removed, lines bounded.
 */

// CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks).
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// Everything below space except tab and newline, and DEL.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** The log as lines: escapes gone, CRLF as LF, a line redrawn with \r kept as its last state. */
export function logLines(text: string): string[] {
  return text
    .replace(ESCAPES, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => (line.includes("\r") ? line.split("\r").filter(Boolean).at(-1) ?? "" : line).replace(CONTROL, ""));
}

const MAX_QUOTE = 240;

/** A log line as a reply may quote it: trimmed and bounded. */
export function quote(line: string): string {
  const t = line.trim();
  return t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1)}…` : t;
}

export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export const at = (l: SourceLocation) => `${l.file}:${l.line}${l.column ? `:${l.column}` : ""}`;
