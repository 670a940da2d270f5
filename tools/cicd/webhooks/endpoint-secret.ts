import { randomBytes } from "node:crypto";

/** The Standard Webhooks prefix of an endpoint signing secret. */
export const SECRET_PREFIX = "whsec_";

/** A new endpoint signing secret: `whsec_` and the base64 of 32 random bytes (Standard Webhooks). */
export function newEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The HMAC key of the Standard Webhooks signature: the secret's base64 part, decoded. */
export function standardKeyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}
