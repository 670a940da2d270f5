const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text made safe for XML and HTML, in content and in attribute values alike. */
export function escapeMarkup(text: string): string {
  // Characters XML 1.0 forbids outright are dropped; a reply may carry any of them.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
