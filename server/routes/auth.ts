import { z } from "zod";
import type { Accounts } from "../auth/accounts.js";
import type { Routes } from "../openapi/route.js";

const Email = z.string().trim().max(254).pipe(z.email({ message: "must be an email address" }));
const Password = z.string().min(10, "must be at least 10 characters").max(200);
const Role = z.enum(["admin", "member", "customer"]);

const UserView = z.object({ id: z.string(), email: z.string(), full_name: z.string(), role: Role, workspace_id: z.string() });

const SignedIn = z.object({
  access_token: z.string().describe("a JWT for Authorization: Bearer, valid expires_in seconds"),
  refresh_token: z.string().describe("an opaque ffrt_ token for POST /api/v1/auth/refresh; each use replaces it"),
  token_type: z.literal("bearer"),
  expires_in: z.number().int(),
  user: UserView,
});

const Registered = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  is_active: z.boolean(),
  created_at: z.string(),
  role: Role,
  workspace_id: z.string(),
});

const Invited = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  user_id: z.string(),
  token: z.string().optional().describe("the ffiv_ invitation token, shown only in this answer: send it to the person"),
  expires_at: z.string(),
});

/** Users and sessions at seed 002's paths: register, login, refresh, logout; invitations to join. */
export function registerAuthRoutes(routes: Routes, accounts: Accounts): void {
  routes.add(
    {
      method: "post",
      path: "/api/v1/auth/register",
      operationId: "register",
      summary: "Register: a new workspace with you as its admin",
      description: "Others join an existing workspace by invitation (POST /api/v1/invitations).",
      tag: "Auth",
      auth: null,
      body: z.object({ email: Email, password: Password, full_name: z.string().trim().min(1).max(200), workspace_name: z.string().trim().min(1).max(200).optional() }),
      responses: { 201: { description: "The new user", schema: Registered } },
      errors: [400, 409],
    },
    async (c, { body }) => {
      const user = await accounts.register(body, c.get("requestId"));
      return c.json({ id: user.id, email: user.email, full_name: user.full_name, is_active: user.status === "active", created_at: user.created_at, role: user.role, workspace_id: user.workspace_id }, 201);
    },
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/auth/login",
      operationId: "login",
      summary: "Sign in: an access token and a refresh token",
      tag: "Auth",
      auth: null,
      body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200), workspace_id: z.string().min(1).max(100).optional() }),
      responses: { 200: { description: "Signed in", schema: SignedIn } },
      errors: [400],
    },
    async (c, { body }) => c.json(await accounts.login(body, c.req.header("user-agent") ?? null, c.get("requestId"))),
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/auth/refresh",
      operationId: "refresh",
      summary: "Exchange a refresh token for new tokens",
      description: "The refresh token is replaced; presenting the old one again ends the session.",
      tag: "Auth",
      auth: null,
      body: z.object({ refresh_token: z.string().min(1).max(200) }),
      responses: { 200: { description: "New tokens", schema: SignedIn } },
      errors: [400],
    },
    async (c, { body }) => c.json(await accounts.refresh(body.refresh_token, c.get("requestId"))),
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/auth/logout",
      operationId: "logout",
      summary: "Sign out: end this session",
      description: "Its access and refresh tokens stop working at once.",
      tag: "Auth",
      auth: ["user"],
      idempotent: false,
      responses: { 204: { description: "Signed out" } },
    },
    async (c) => {
      const p = c.get("principal");
      await accounts.logout(p.workspaceId, p.sessionId!, p.actor.id, c.get("requestId"));
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: "get",
      path: "/api/v1/auth/me",
      operationId: "me",
      summary: "Who this credential acts as",
      tag: "Auth",
      auth: ["user", "api_key"],
      responses: { 200: { description: "The user", schema: UserView.extend({ credential: z.enum(["user", "api_key"]) }) } },
    },
    (c) => {
      const p = c.get("principal");
      return c.json({ id: p.actor.id, email: p.actor.email, full_name: p.actor.full_name, role: p.actor.role, workspace_id: p.workspaceId, credential: p.kind });
    },
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/invitations",
      operationId: "invite",
      summary: "Invite someone into your workspace (admins)",
      tag: "Auth",
      auth: ["user"],
      body: z.object({ email: Email, role: Role.default("member"), full_name: z.string().trim().max(200).optional() }),
      responses: { 201: { description: "The invitation, with its token shown once", schema: Invited } },
      errors: [400, 403, 409],
    },
    async (c, { body }) => {
      const p = c.get("principal");
      const invited = await accounts.invite(p.workspaceId, p.actor, body, c.get("requestId"));
      const { token, ...rest } = invited;
      c.set("replayBody", rest);
      return c.json({ ...rest, token }, 201);
    },
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/auth/accept-invitation",
      operationId: "acceptInvitation",
      summary: "Accept an invitation: set a password and sign in",
      tag: "Auth",
      auth: null,
      body: z.object({ token: z.string().min(1).max(200), password: Password, full_name: z.string().trim().min(1).max(200).optional() }),
      responses: { 200: { description: "Signed in", schema: SignedIn } },
      errors: [400],
    },
    async (c, { body }) => c.json(await accounts.accept(body, c.req.header("user-agent") ?? null, c.get("requestId"))),
  );
}
