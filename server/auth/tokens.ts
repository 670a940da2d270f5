import { createHash, randomBytes } from "node:crypto";
import { SignJWT, errors, jwtVerify } from "jose";
import type { Clock } from "../../entities/clock.js";
import type { Cipher } from "../../entities/crypto.js";

/** Opaque credentials: a prefix saying what they are, then 32 random bytes (base64url). */
export const TOKEN_PREFIXES = { refresh: "ffrt_", widget: "ffwt_", invitation: "ffiv_" } as const;
export type OpaqueKind = keyof typeof TOKEN_PREFIXES;

export function newOpaqueToken(kind: OpaqueKind): string {
  return `${TOKEN_PREFIXES[kind]}${randomBytes(32).toString("base64url")}`;
}

/** What is stored of an opaque token: its SHA-256, hex. A token has 256 bits: no salt or stretching needed. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const ISSUER = "flashfusion";
const AUDIENCE = "flashfusion-api";

export interface AccessClaims {
  userId: string;
  workspaceId: string;
  sessionId: string;
}

export interface AccessTokens {
  /** A signed access token (JWT, HS256) and its lifetime in seconds. */
  issue(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** The claims of a valid token, or why it is not valid. */
  verify(token: string): Promise<{ ok: true; claims: AccessClaims } | { ok: false; reason: "expired" | "invalid" }>;
}

/**
 * Short-lived access tokens signed with a key derived (HKDF) from the secret key ring, so every
 * server of the database agrees without sharing another secret. Times follow the runtime's clock.
 */
export function accessTokens(cipher: Cipher, clock: Clock, ttlSeconds: number): AccessTokens {
  const key = new Uint8Array(cipher.derive("jwt-signing:v1"));
  return {
    async issue(claims) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ wid: claims.workspaceId, sid: claims.sessionId })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(key);
      return { token, expiresIn: ttlSeconds };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"], currentDate: clock.now() });
        if (typeof payload.sub !== "string" || typeof payload.wid !== "string" || typeof payload.sid !== "string") return { ok: false, reason: "invalid" };
        return { ok: true, claims: { userId: payload.sub, workspaceId: payload.wid, sessionId: payload.sid } };
      } catch (e) {
        return { ok: false, reason: e instanceof errors.JWTExpired ? "expired" : "invalid" };
      }
    },
  };
}
