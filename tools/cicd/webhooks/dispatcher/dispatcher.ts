import http from "node:http";
import https from "node:https";
import { WebhookDelivery } from "../../../../entities/catalog/security.js";
import type { Clock } from "../../../../entities/clock.js";
import type { Cipher } from "../../../../entities/crypto.js";
import type { Db } from "../../../../entities/db.js";
import type { IdGenerator } from "../../../../entities/ids.js";
import { Store } from "../../../../entities/store.js";
import type { BackgroundWork, PlatformEvent, PlatformEvents } from "../../../services.js";
import { attemptDelivery } from "./attempt.js";
import { endpointProblem, HostAllowlist, type Lookup } from "./endpoint-guard.js";
import { policyWith, type DeliveryPolicy, type PolicyOverrides } from "./policy.js";
import { queueDeliveries, type Delivery, type Webhook, type WebhookEvent } from "./queue.js";
import { rateLimitWait } from "./rate-limit.js";
import { recordOutcome } from "./record-outcome.js";
import type { WebhookDispatcher } from "./service.js";

export interface DispatcherDeps {
  db: Db;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
  background: BackgroundWork;
  events: PlatformEvents;
}

export interface DispatcherOptions {
  policy?: PolicyOverrides;
  /** Hosts allowed over http:// and at private addresses; default from FLASHFUSION_WEBHOOK_ALLOWLIST. */
  allowlist?: HostAllowlist;
  /**
   * The dispatcher's clock (ms): due times, the rate-limit window and `webhook-timestamp`. Real
   * time by default — not the business clock, which evaluations freeze.
   */
  now?: () => number;
  /** Jitter source. */
  random?: () => number;
  lookup?: Lookup;
  /** Where a failure of the dispatcher itself (not of a delivery) is reported. */
  onError?: (message: string) => void;
}

type DueRow = { id: string; workspace_id: string };

const TABLE = WebhookDelivery.table;
/** The states of a delivery still in the queue: waiting, or claimed by an attempt (whose lease may run out). */
const QUEUED: readonly Delivery["status"][] = ["pending", "delivering"];

const iso = (ms: number) => new Date(ms).toISOString();
const isDue = (d: Delivery, nowMs: number) => QUEUED.includes(d.status) && d.next_attempt_at !== null && Date.parse(d.next_attempt_at) <= nowMs;
/** The shortest sleep between looks at the queue, so nothing can spin. */
const MIN_SLEEP_MS = 10;

/**
 * Delivers webhooks from the database queue (WebhookDelivery rows): listens to platform events,
 * claims due deliveries with a compare-and-set (so processes sharing a database never send one
 * twice at once), keeps each endpoint within its rate limit, sends signed POSTs, records the
 * outcome and schedules retries. Timers are unref'd; `stop()` ends them and in-flight requests.
 */
export class Dispatcher implements WebhookDispatcher {
  readonly policy: DeliveryPolicy;
  private readonly allowlist: HostAllowlist;
  private readonly now: () => number;
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private state: "idle" | "running" | "stopped" = "idle";
  private pumping: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions = {},
  ) {
    this.policy = policyWith(options.policy);
    this.allowlist = options.allowlist ?? HostAllowlist.fromEnv();
    this.now = options.now ?? Date.now;
  }

  queue(store: Store, event: WebhookEvent): Promise<Delivery[]> {
    return queueDeliveries(store, event, iso(this.now()));
  }

  endpointProblem(url: URL): string | undefined {
    return endpointProblem(url, this.allowlist);
  }

  /** Subscribes to platform events and resumes what the queue holds (after a restart too). */
  async start(): Promise<void> {
    if (this.state !== "idle") return;
    this.state = "running";
    this.unsubscribe = this.deps.events.on((event) => this.onEvent(event));
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.state === "stopped") return;
    this.state = "stopped";
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.pumping;
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  wake(): void {
    if (this.state !== "running") return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      // A wake that came while the last look was ending (an attempt finished) gets its own look.
      if (this.again) this.wake();
    });
    this.deps.background.track("webhooks:queue", this.pumping);
  }

  private storeOf(workspaceId: string): Store {
    const { db, cipher, clock, ids } = this.deps;
    return new Store({ db: db.kysely, cipher, clock, ids }, workspaceId);
  }

  private async onEvent(event: PlatformEvent): Promise<void> {
    const { workspace_id, ...rest } = event;
    const store = this.storeOf(workspace_id);
    const queued = await this.deps.db.kysely.transaction().execute((trx) => this.queue(store.with(trx), rest));
    if (queued.length > 0) this.wake();
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.claimDue();
      } while (this.again && this.state === "running");
      await this.sleepUntilNextDue();
    } catch (e) {
      this.report(`the webhook queue could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async claimDue(): Promise<void> {
    const room = Math.min(this.policy.concurrency - this.inFlight.size, this.policy.batchSize);
    if (room <= 0) return;
    const due = (await this.deps.db.kysely
      .selectFrom(TABLE)
      .select(["id", "workspace_id"])
      .where("status", "in", [...QUEUED])
      .where("next_attempt_at", "<=", iso(this.now()))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(room)
      .execute()) as DueRow[];
    for (const row of due) {
      if (this.state !== "running") return;
      await this.claim(row);
    }
    if (due.length === room) this.again = true;
  }

  /** Takes one due delivery: ends it when its endpoint is gone, defers it past the rate limit, or starts an attempt. */
  private async claim(row: DueRow): Promise<void> {
    const store = this.storeOf(row.workspace_id);
    const nowMs = this.now();
    const delivery = await store.get("WebhookDelivery", row.id);
    // Read again: another process may have claimed it since the queue was read.
    if (!delivery || !isDue(delivery, nowMs)) return;
    const seen = { status: delivery.status, attempt: delivery.attempt };
    const webhook = await store.get("Webhook", delivery.webhook_id);
    if (!webhook || !webhook.active) {
      const why = webhook ? `the webhook is disabled${webhook.disabled_reason ? `: ${webhook.disabled_reason}` : ""}` : "the webhook was deleted";
      await store.update("WebhookDelivery", delivery.id, { status: "dead", next_attempt_at: null, error: why }, seen);
      return;
    }
    // Counting the endpoint's recent attempts and claiming one more is one step per endpoint
    // across processes (the endpoint's row is locked), so servers together keep to its limit.
    const claimed = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const s = store.with(trx);
      await s.lock("Webhook", webhook.id);
      const wait = await rateLimitWait(s, webhook.id, nowMs, this.policy.rateLimit);
      if (wait > 0) {
        await s.update("WebhookDelivery", delivery.id, { status: "pending", next_attempt_at: iso(nowMs + wait) }, seen);
        return undefined;
      }
      return s.update(
        "WebhookDelivery",
        delivery.id,
        { status: "delivering", attempt: delivery.attempt + 1, last_attempt_at: iso(nowMs), next_attempt_at: iso(nowMs + this.policy.leaseMs) },
        seen,
      );
    });
    if (!claimed) return;
    const abort = new AbortController();
    const done = this.attempt(store, claimed, webhook, nowMs, abort.signal)
      .catch((e) => this.report(`delivery ${claimed.id} could not be recorded: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.inFlight.delete(claimed.id);
        this.wake();
      });
    this.inFlight.set(claimed.id, { abort, done });
    this.deps.background.track("webhooks:deliver", done);
  }

  private async attempt(store: Store, delivery: Delivery, webhook: Webhook, nowMs: number, signal: AbortSignal): Promise<void> {
    const secret = await store.reveal("Webhook", webhook.id, "secret");
    const outcome = secret
      ? await attemptDelivery({
          delivery,
          url: webhook.url,
          secret,
          nowMs,
          timeoutMs: this.policy.timeoutMs,
          allowlist: this.allowlist,
          lookup: this.options.lookup,
          agents: this.agents,
          signal,
        })
      : ({ kind: "refused", error: "the webhook has no signing secret; delete it and create it again" } as const);
    await recordOutcome(store, delivery, webhook, outcome, {
      db: this.deps.db.kysely,
      nowMs: this.now(),
      policy: this.policy,
      random: this.options.random,
    });
  }

  /** Sets the timer for the earliest queued delivery (at most pollMs away, for rows other processes queue). */
  private async sleepUntilNextDue(): Promise<void> {
    clearTimeout(this.timer);
    if (this.state !== "running" || this.inFlight.size >= this.policy.concurrency) return;
    const next = await this.deps.db.kysely
      .selectFrom(TABLE)
      .select("next_attempt_at")
      .where("status", "in", [...QUEUED])
      .orderBy("next_attempt_at")
      .limit(1)
      .executeTakeFirst();
    const at = next ? Date.parse(String(next.next_attempt_at)) : Number.NaN;
    const sleep = Number.isNaN(at) ? this.policy.pollMs : Math.min(this.policy.pollMs, Math.max(MIN_SLEEP_MS, at - this.now()));
    if (this.state !== "running") return;
    this.timer = setTimeout(() => this.wake(), sleep);
    this.timer.unref();
  }

  private report(message: string): void {
    (this.options.onError ?? ((m: string) => console.error(`[flashfusion] webhooks: ${m}`)))(message);
  }
}

export function createWebhookDispatcher(deps: DispatcherDeps, options?: DispatcherOptions): Dispatcher {
  return new Dispatcher(deps, options);
}
