import { createHash, randomBytes } from "node:crypto";
import { systemClock, type Clock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import type { Db } from "../entities/db.js";
import { randomIds } from "../entities/ids.js";
import { ENTITY_NAMES, type EntityName } from "../entities/index.js";
import { Store } from "../entities/store.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { hashPassword } from "../server/auth/passwords.js";

/** The demo users' password (`flashfusion seed` says so): demo data only, never a real workspace. */
export const DEMO_PASSWORD = "flashfusion-demo";
/** Cheaper than the server's default: it is a published demo password anyway. */
const DEMO_PASSWORD_COST = { N: 2 ** 14, r: 8, p: 1 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator (mulberry32), so the demo data is the same on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo data's admin, whom the demo page signs in as. */
export const DEMO_ADMIN_EMAIL = "admin@acme.example";

export interface SeedOptions {
  secretKey: string;
  workspaceId?: string;
  clock?: Clock;
}

/**
 * Realistic demo data for every entity: a shop with customers, orders and a funnel's worth of
 * events over eight weeks; pipelines with runs and logs; environments, keys, secrets and
 * webhooks; projects, notes, contacts and drafts. Refuses a workspace that already has users.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<Record<string, number>> {
  const ws = options.workspaceId ?? "ws_default";
  const clock = options.clock ?? systemClock;
  const now = clock.now().getTime();
  const at = (ms: number) => new Date(ms).toISOString();
  const rand = prng(20260310);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  await ensureWorkspace(db.kysely, ws, "Acme Inc.", clock.now());
  const base = new Store({ db: db.kysely, cipher: createCipher(options.secretKey), clock, ids: randomIds }, ws);
  if ((await base.count("User")) > 0) throw new Error(`workspace ${ws} already has data; seed a fresh database (delete ${db.location})`);

  const [adminPassword, devPassword] = await Promise.all([hashPassword(DEMO_PASSWORD, DEMO_PASSWORD_COST), hashPassword(DEMO_PASSWORD, DEMO_PASSWORD_COST)]);
  await db.kysely.transaction().execute(async (trx) => {
    const s = base.with(trx);
    // People (the two staff users sign in with DEMO_PASSWORD)
    await s.insert("User", { id: "usr_admin", email: DEMO_ADMIN_EMAIL, full_name: "Alex Admin", role: "admin", plan: "enterprise", password_hash: adminPassword });
    await s.insert("User", { id: "usr_dev", email: "dev@acme.example", full_name: "Dana Developer", role: "member", plan: "pro", password_hash: devPassword });
    const first = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Edsger", "Radia", "Tim", "Frances", "Donald"];
    const last = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Dijkstra", "Perlman", "Berners-Lee", "Allen", "Knuth"];
    const customers: string[] = [];
    await s.insert("User", { id: "usr_demo", email: "user@example.com", full_name: "Demo Customer", role: "customer", plan: "starter", created_at: at(now - 50 * DAY) });
    customers.push("usr_demo");
    for (let i = 0; i < 24; i++) {
      const id = `usr_c${i}`;
      await s.insert("User", {
        id,
        email: `${first[i % 12]!.toLowerCase()}.${last[(i * 5) % 12]!.toLowerCase().replace(/[^a-z]/g, "")}${i}@example.com`,
        full_name: `${first[i % 12]} ${last[(i * 5) % 12]}`,
        role: "customer",
        plan: pick(["starter", "pro", "enterprise", null] as const),
        created_at: at(now - (56 - i * 2) * DAY),
      });
      customers.push(id);
    }
    // Catalogue
    const products = [
      { sku: "Product-A", name: "Product A", price: 49, stock: 120 },
      { sku: "Product-B", name: "Product B", price: 15.5, stock: null },
      { sku: "Product-C", name: "Product C", price: 5, stock: 40 },
      { sku: "Product-R", name: "Product R", price: 12.3, stock: 75 },
    ];
    for (const p of products) await s.insert("Product", p);
    await s.insert("Coupon", { code: "LAUNCH10", percent_off: 10 });
    await s.insert("Coupon", { code: "SAVE15", percent_off: 15 });
    await s.insert("Coupon", { code: "FLAT5", amount_off: 5 });
    await s.insert("Coupon", { code: "SUMMER5", percent_off: 5, expires_at: at(now - 30 * DAY) });
    // Orders with their workflow executions and payments
    for (let i = 0; i < 60; i++) {
      const created = now - (55 - i * 0.9) * DAY - rand() * 6 * HOUR;
      const p = pick(products);
      const qty = 1 + Math.floor(rand() * 3);
      const subtotalCents = Math.round(p.price * 100) * qty;
      const coupon = i % 7 === 0 ? "LAUNCH10" : null;
      const discountCents = coupon ? Math.floor((subtotalCents * 10 + 50) / 100) : 0;
      const total = (subtotalCents - discountCents) / 100;
      const execId = i === 59 ? "exec_1234" : undefined;
      const exec = await s.insert("WorkflowExecution", {
        ...(execId ? { id: execId } : {}),
        workflow_type: "order_processing",
        status: "completed",
        idempotency_key: `seed-order-${i}`,
        steps: ["validate_order", "reserve_stock", "charge_payment", "confirm_order"].map((name) => ({ name, status: "completed" as const })),
        started_at: at(created),
        finished_at: at(created + 800),
        created_at: at(created),
      });
      const order = await s.insert("Order", {
        user_id: pick(customers),
        status: "paid",
        items: [{ sku: p.sku, quantity: qty, unit_price: p.price }],
        coupon_code: coupon,
        subtotal_amount: subtotalCents / 100,
        discount_amount: discountCents / 100,
        total_amount: total,
        workflow_execution_id: exec.id,
        created_at: at(created),
      });
      await s.insert("Payment", { order_id: order.id, status: "succeeded", amount: total, transaction_id: `txn_${randomBytes(6).toString("hex")}`, created_at: at(created) });
    }
    // A funnel's worth of behaviour over eight weeks, plus signups
    for (let d = 56; d >= 1; d--) {
      const visitors = 18 + Math.floor(rand() * 10) + Math.floor((56 - d) / 4);
      for (let v = 0; v < visitors; v++) {
        const user = `visitor_${d}_${v}`;
        const session = `s_${d}_${v}`;
        const t0 = now - d * DAY + rand() * 20 * HOUR;
        await s.insert("Event", { event_name: "page_view", event_type: "page", user_id: user, session_id: session, properties: { path: "/home" }, timestamp: at(t0) });
        if (rand() < 0.55) {
          await s.insert("Event", { event_name: "page_view", event_type: "page", user_id: user, session_id: session, properties: { path: "/signup" }, timestamp: at(t0 + 60_000) });
          if (rand() < 0.5) {
            await s.insert("Event", { event_name: "signup", event_type: "track", user_id: user, session_id: session, properties: {}, timestamp: at(t0 + 120_000) });
            if (rand() < 0.45) {
              await s.insert("Event", { event_name: "page_view", event_type: "page", user_id: user, session_id: session, properties: { path: "/checkout" }, timestamp: at(t0 + 300_000) });
            }
          }
        }
        if (v < 3) {
          await s.insert("Session", { user_id: user, session_key: session, started_at: at(t0), ended_at: at(t0 + 300_000), duration_seconds: 300, page_views: 3, converted: v === 0, entry_path: "/home" });
        }
      }
    }
    await seedCohorts(s, now, rand);
    await s.insert("InsightReport", { report_type: "funnel", title: "Weekly funnel /signup → /checkout", summary: "Seeded example report", confidence_score: 0.8, parameters: { steps: ["/signup", "/checkout"] } });
    await s.insert("AnalyticsSnapshot", { period: at(now - DAY).slice(0, 10), metrics: { orders: 1, revenue: 49 } });
    // Delivery
    const dev = await s.insert("Environment", { id: "env_dev", name: "development", type: "development", variables: { NODE_ENV: "development" } });
    const stg = await s.insert("Environment", { id: "env_stg", name: "staging", type: "staging", variables: { NODE_ENV: "production" }, url: "https://staging.acme.example" });
    const prod = await s.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: true, variables: { NODE_ENV: "production" }, url: "https://acme.example" });
    const step = (name: string, ms: number) => ({ name, command: `node -e "setTimeout(() => console.log('${name} ok'), ${ms})"` });
    await s.insert("PipelineConfig", {
      id: "pl_web", name: "webapp-pipeline", provider: "local", project_type: "nextjs", repository_name: "acme/webapp", branch: "main",
      triggers: { push: ["main"], pull_request: true }, build_command: "npm run build",
      steps: [step("install", 300), step("build", 200), step("test", 500)], quality_gates: { coverage: 80 }, environment_id: stg.id, created_by: "usr_admin",
    });
    await s.insert("PipelineConfig", {
      id: "pl_prod", name: "webapp-release", provider: "local", project_type: "nextjs", repository_name: "acme/webapp", branch: "main",
      steps: [step("build", 200), step("deploy", 200)], environment_id: prod.id, created_by: "usr_admin",
    });
    await s.insert("PipelineConfig", {
      id: "pl_api", name: "api-pipeline", provider: "github", project_type: "node", repository_name: "acme/api", branch: "main",
      build_command: "npm run build", steps: [{ name: "install", command: "npm ci" }, { name: "test", command: "npm test" }], environment_id: dev.id,
    });
    for (let n = 1220; n <= 1234; n++) {
      const failed = n === 1234 || n === 1227;
      const started = now - (1235 - n) * 9 * HOUR;
      const install = 100 + Math.round(rand() * 40);
      const build = 50 + Math.round(rand() * 20);
      const test = 180 + Math.round(rand() * 50);
      await s.insert("PipelineRun", {
        id: `run_${n}`, pipeline_id: "pl_web", number: n, status: failed ? "failed" : "success", branch: "main", trigger: "push",
        started_at: at(started), finished_at: at(started + (install + build + (failed ? 0 : test)) * 1000), duration_seconds: install + build + (failed ? 0 : test),
        steps: [
          { name: "install", status: "success", duration_seconds: install },
          { name: "build", status: failed ? "failed" : "success", duration_seconds: build },
          { name: "test", status: failed ? "skipped" : "success", duration_seconds: failed ? 0 : test },
        ],
        logs: failed
          ? "> webapp@1.4.0 build\n> tsc -p . && next build\nsrc/app/page.tsx(12,5): error TS2304: Cannot find name 'userId'.\nFound 1 error in src/app/page.tsx:12\n"
          : "> webapp@1.4.0 build\n> tsc -p . && next build\n✓ Compiled successfully\nTests: 128 passed, 128 total\n",
        deployment_url: failed ? null : `https://preview-${n}.acme.example`, environment_id: stg.id,
      });
    }
    await s.insert("PipelineOptimization", { pipeline_id: "pl_web", optimization_type: "cache_dependencies", description: "Cache node_modules between runs", projected_metrics: { duration_saved_seconds: 90 } });
    await s.insert("QualityCheck", { pipeline_id: "pl_web", run_id: "run_1234", tool: "tsc", score: 0, issues: [{ file: "src/app/page.tsx", line: 12, code: "TS2304" }], passed: false });
    // Security
    await s.insert("Secret", { name: "DATABASE_URL", environment_ids: [prod.id], value: `postgres://app:${randomBytes(12).toString("hex")}@db.internal/app`, last_rotated_at: at(now - 120 * DAY) });
    await s.insert("Secret", { name: "SENTRY_DSN", environment_ids: [stg.id, prod.id], value: `https://${randomBytes(8).toString("hex")}@sentry.example/1`, last_rotated_at: at(now - 10 * DAY) });
    for (const [name, permissions, expires] of [
      ["deploy-bot", ["trigger_pipeline", "read_runs"], now + 12 * DAY],
      ["analytics-ro", ["read_runs", "read_config"], now + 200 * DAY],
      ["legacy-ci", ["trigger_pipeline", "read_runs", "read_config", "webhook"], null],
    ] as const) {
      const plaintext = `ffai_${randomBytes(24).toString("base64url")}`;
      await s.insert("APIKey", {
        name, key_hash: createHash("sha256").update(plaintext).digest("hex"), key_preview: `ffai_...${plaintext.slice(-4)}`,
        permissions: [...permissions], expires_at: expires ? at(expires) : null, created_by: "usr_admin",
      });
    }
    await s.insert("Webhook", { url: "https://hooks.acme.example/ci", events: ["run.failed", "run.completed"], pipeline_id: "pl_web", secret: `whsec_${randomBytes(24).toString("base64")}` });
    await s.insert("SecurityScan", { pipeline_id: "pl_web", scan_type: "full", status: "completed", findings: [], risk_score: 0, finished_at: at(now - 3 * DAY) });
    await s.insert("ComplianceReport", { framework: "SOC2", compliance_score: 75, findings: [{ control: "CC6.1", status: "pass", evidence: "API keys hashed" }], summary: "Seeded example" });
    // Productivity
    const relaunch = await s.insert("Project", { name: "Website Relaunch", type: "marketing", owner_id: "usr_admin" });
    await s.insert("Project", { name: "Mobile App", type: "engineering", owner_id: "usr_admin" });
    await s.insert("Project", { name: "Q2 Hiring", type: "operations", owner_id: "usr_dev" });
    await s.insert("Note", { content: "Hero image needs alt text #a11y", project_id: relaunch.id, tags: ["a11y"], owner_id: "usr_admin" });
    await s.insert("Note", { content: "Call ACME about renewal", tags: [], remind_at: at(now + 2 * DAY), owner_id: "usr_admin" });
    await s.insert("Contact", { full_name: "Grace Hopper", email: "grace@navy.example", company: "US Navy", owner_id: "usr_admin" });
    await s.insert("Contact", { full_name: "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines", owner_id: "usr_admin" });
    await s.insert("Draft", { tool_type: "email", form_data: { subject: "Renewal", content: "Hi ACME team, about your renewal next month" }, owner_id: "usr_admin" });
    await s.insert("Task", { title: "Review Q1 funnel drop-off", source: "user", assignee_id: "usr_admin" });
    await s.insert("AuditLog", { event_type: "seed", action: "seed_demo", actor_id: "usr_admin", details: { note: "demo data" } });
  });

  const counts: Record<string, number> = {};
  for (const name of ENTITY_NAMES as EntityName[]) {
    if (name === "Workspace") continue;
    const n = await base.count(name);
    if (n > 0) counts[name] = n;
  }
  return counts;
}

/**
 * A year of signup cohorts: 8–13 new customer accounts in each of the last twelve calendar
 * months, each coming back (an `app_open` Event) in a following month with a chance that decays
 * from 60 % by a fifth a month — so cohort retention ("January vs February") has real answers.
 */
async function seedCohorts(s: Store, now: number, rand: () => number): Promise<void> {
  const today = new Date(now);
  const monthStart = (offset: number) => Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1);
  for (let m = 12; m >= 1; m--) {
    const start = monthStart(-m);
    const span = monthStart(-m + 1) - start;
    const size = 8 + Math.floor(rand() * 6);
    for (let j = 0; j < size; j++) {
      const id = `usr_m${m}_${j}`;
      const created = start + Math.floor(rand() * span);
      await s.insert("User", { id, email: `member${m}.${j}@example.com`, full_name: `Member ${m}-${j}`, role: "customer", plan: "starter", status: "active", created_at: new Date(created).toISOString() });
      for (let k = 1; k <= m; k++) {
        if (rand() >= 0.6 * 0.8 ** (k - 1)) continue;
        const from = monthStart(-m + k);
        const t = from + Math.floor(rand() * Math.min(monthStart(-m + k + 1) - from, now - from));
        if (t >= now) continue;
        await s.insert("Event", { event_name: "app_open", event_type: "track", user_id: id, session_id: null, properties: {}, timestamp: new Date(t).toISOString() });
      }
    }
  }
}

/** Seeds the demo data into a workspace without users; answers whether it did. */
export async function seedDemoIfEmpty(db: Db, options: SeedOptions): Promise<boolean> {
  const someone = await db.kysely
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", options.workspaceId ?? "ws_default")
    .limit(1)
    .executeTakeFirst();
  if (someone) return false;
  await seedDemo(db, options);
  return true;
}
