import { createHmac } from "node:crypto";
import { standardKeyOf } from "../endpoint-secret.js";

export interface Signed {
  /** The delivery's id; the same on every retry, so receivers can drop duplicates. */
  id: string;
  /** Unix seconds when this attempt was signed. */
  timestamp: number;
  /** The exact bytes sent. */
  body: Buffer;
  event: string;
}

/**
 * The signature headers of one attempt, both computed over the raw body bytes:
 * Standard Webhooks (`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed
 * with the secret's decoded base64 part) and the seed's `X-FlashFusion-Signature` (hex
 * HMAC-SHA256 of the body, keyed with the secret text as the person received it).
 */
export function signatureHeaders(secret: string, m: Signed): Record<string, string> {
  const standard = createHmac("sha256", standardKeyOf(secret))
    .update(`${m.id}.${m.timestamp}.`)
    .update(m.body)
    .digest("base64");
  const seed = createHmac("sha256", secret).update(m.body).digest("hex");
  return {
    "webhook-id": m.id,
    "webhook-timestamp": String(m.timestamp),
    "webhook-signature": `v1,${standard}`,
    "x-flashfusion-signature": seed,
    "x-flashfusion-event": m.event,
  };
}
