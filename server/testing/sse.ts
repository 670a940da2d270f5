import type { RuntimeEvent } from "../../graph/events.js";

export interface SseEvent {
  id?: string;
  event: string;
  data: RuntimeEvent & { agent?: string | null };
}

/** Reads an event stream as it arrives; comments (`: keep-alive`) go to `onComment`. */
export async function* readSse(res: Response, onComment?: (text: string) => void): AsyncGenerator<SseEvent> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          onComment?.(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(":");
        const name = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, "");
        fields[name] = fields[name] === undefined ? value : `${fields[name]}\n${value}`;
      }
      if (fields.data === undefined) continue;
      yield { ...(fields.id ? { id: fields.id } : {}), event: fields.event ?? "message", data: JSON.parse(fields.data) };
    }
  }
}

export async function collectSse(res: Response): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of readSse(res)) out.push(e);
  return out;
}
