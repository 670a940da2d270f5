import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor } from "../tools/door.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
let now = Date.now();
beforeAll(async () => {
  s = await startTestServer({ clock: { now: () => new Date(now) } });
});
afterAll(() => s.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type SignedIn = { access_token: string; refresh_token: string; token_type: string; expires_in: number; user: { id: string; workspace_id: string } };

describe("users and sessions (seed 002)", () => {
  it("registers a new workspace whose first user is its admin, and signs in with seed 002's answer", async () => {
    const r = await s.fetch("/api/v1/auth/register", { json: { email: "Grace@Example.com", password: "correct horse battery", full_name: "Grace Hopper" } });
    expect(r.status).toBe(201);
    const user = (await r.json()) as { id: string; workspace_id: string };
    expect(user).toMatchObject({ id: expect.stringMatching(/^usr_/), email: "grace@example.com", full_name: "Grace Hopper", is_active: true, created_at: expect.any(String), role: "admin" });
    expect(user.workspace_id).not.toBe("ws_default");
    const row = await storeFor(s.runtime.core, user.workspace_id).require("User", user.id);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain("correct horse");

    const again = await s.fetch("/api/v1/auth/register", { json: { email: "grace@example.com", password: "another password!", full_name: "G" } });
    expect(again.status).toBe(409);

    const login = await s.fetch("/api/v1/auth/login", { json: { email: "grace@example.com", password: "correct horse battery" } });
    expect(login.status).toBe(200);
    const signed = (await login.json()) as SignedIn;
    expect(signed).toMatchObject({ token_type: "bearer", expires_in: 900, user: { id: user.id, email: "grace@example.com", full_name: "Grace Hopper" } });
    expect(signed.access_token.split(".")).toHaveLength(3);
    const me = await s.fetch("/api/v1/auth/me", { headers: bearer(signed.access_token) });
    expect(await me.json()).toMatchObject({ id: user.id, workspace_id: user.workspace_id, role: "admin", credential: "user" });
    // Nothing of ws_default is visible from the new workspace.
    const runs = await s.fetch("/api/get-status?run_id=run_1234", { headers: bearer(signed.access_token) });
    expect(runs.status).toBe(404);
  });

  it("refuses bad passwords and weak new ones, the same way for unknown emails", async () => {
    const wrong = await s.fetch("/api/v1/auth/login", { json: { email: "admin@acme.example", password: "nope" } });
    const unknown = await s.fetch("/api/v1/auth/login", { json: { email: "ghost@acme.example", password: "nope" } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(((await wrong.json()) as { message: string }).message).toBe(((await unknown.json()) as { message: string }).message);
    const weak = await s.fetch("/api/v1/auth/register", { json: { email: "x@example.com", password: "short", full_name: "X" } });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ field: "password" });
  });

  it("rotates refresh tokens, and a replayed old one ends the session", async () => {
    const first = (await (await s.fetch("/api/v1/auth/login", { json: { email: "dev@acme.example", password: "flashfusion-demo" } })).json()) as SignedIn;
    const second = (await (await s.fetch("/api/v1/auth/refresh", { json: { refresh_token: first.refresh_token } })).json()) as SignedIn;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await s.fetch("/api/v1/auth/me", { headers: bearer(second.access_token) })).status).toBe(200);
    const replayed = await s.fetch("/api/v1/auth/refresh", { json: { refresh_token: first.refresh_token } });
    expect(replayed.status).toBe(401);
    // The thief's replay revoked the whole session: the newer tokens stop too.
    expect((await s.fetch("/api/v1/auth/refresh", { json: { refresh_token: second.refresh_token } })).status).toBe(401);
    expect((await s.fetch("/api/v1/auth/me", { headers: bearer(second.access_token) })).status).toBe(401);
  });

  it("signs out: the access token stops at once", async () => {
    const token = await s.signIn();
    expect((await s.fetch("/api/v1/auth/logout", { method: "POST", headers: bearer(token) })).status).toBe(204);
    const after = await s.fetch("/api/v1/auth/me", { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: "Session ended" });
  });

  it("access tokens are short-lived", async () => {
    const token = await s.signIn();
    now += 901_000;
    try {
      const r = await s.fetch("/api/v1/auth/me", { headers: bearer(token) });
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ error: "Access token expired" });
    } finally {
      now -= 901_000;
    }
    expect((await s.fetch("/api/v1/auth/me", { headers: bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c3JfYWRtaW4ifQ.") })).status).toBe(401);
  });

  it("lets others join by invitation, and only admins invite", async () => {
    const admin = await s.signIn();
    const member = await s.signIn("dev@acme.example");
    expect((await s.fetch("/api/v1/invitations", { headers: bearer(member), json: { email: "new@acme.example" } })).status).toBe(403);
    const r = await s.fetch("/api/v1/invitations", { headers: bearer(admin), json: { email: "new@acme.example", role: "member", full_name: "New Person" } });
    expect(r.status).toBe(201);
    const invitation = (await r.json()) as { token: string; user_id: string };
    expect(invitation.token).toMatch(/^ffiv_/);
    expect((await s.fetch("/api/v1/auth/login", { json: { email: "new@acme.example", password: "whatever12345" } })).status).toBe(401);
    const accepted = await s.fetch("/api/v1/auth/accept-invitation", { json: { token: invitation.token, password: "my new password" } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ user: { id: invitation.user_id, workspace_id: "ws_default", role: "member" } });
    expect((await s.fetch("/api/v1/auth/accept-invitation", { json: { token: invitation.token, password: "my new password" } })).status).toBe(401);
    expect((await s.fetch("/api/v1/auth/login", { json: { email: "new@acme.example", password: "my new password" } })).status).toBe(200);
  });

  it("brakes password guessing per account: 429 after ten failures", async () => {
    const account = { email: "brake@example.com", password: "the real password" };
    const { workspace_id } = (await (await s.fetch("/api/v1/auth/register", { json: { ...account, full_name: "Brake" } })).json()) as { workspace_id: string };
    for (let i = 0; i < 3; i++) expect((await s.fetch("/api/v1/auth/login", { json: account })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await s.fetch("/api/v1/auth/login", { json: { email: account.email, password: `guess-${i}` } })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Even the right password waits now.
    const held = await s.fetch("/api/v1/auth/login", { json: account });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = await storeFor(s.runtime.core, workspace_id).find("AuditLog", { event_type: "auth", action: "login", status: "failed" });
    expect(audit).toHaveLength(10);
  });
});
