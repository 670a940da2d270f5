import type { Presence } from "../entities/presence.js";
import type { Clock } from "../entities/clock.js";
import type { Cipher } from "../entities/crypto.js";
import type { Db } from "../entities/db.js";
import type { IdGenerator } from "../entities/ids.js";
import type { ToolRegistry } from "./registry.js";

/**
 * Long-lived collaborators the tools reach through `ctx.services`. Each domain adds its own
 * with module augmentation in its own folder, e.g. in tools/commerce/payments.ts:
 *
 *   declare module "../services.js" { interface Services { payments: PaymentProcessor } }
 *
 * and builds them in its `ServiceFactory` (exported from the domain's index.ts), so tests can
 * put a fake behind any of them through `createDoorDeps({ services })`.
 */
export interface Services {
  background: BackgroundWork;
  events: PlatformEvents;
  /** Which processes sharing the database are alive (work a dead one left is taken over once). */
  presence: Presence;
}

/** What every service factory gets. */
export interface ServiceBase {
  db: Db;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
  registry: ToolRegistry;
  background: BackgroundWork;
  events: PlatformEvents;
  presence: Presence;
}

export interface ServiceBundle {
  services?: Partial<Services>;
  /** Runs once when a runtime starts: recover work a crash left behind, resume queues. */
  start?: (services: Services) => Promise<void>;
  /** Stops timers and child processes. */
  stop?: () => Promise<void>;
}

export type ServiceFactory = (base: ServiceBase) => ServiceBundle;

export interface BackgroundWork {
  /** Tracks a promise of background work (a pipeline run, a webhook delivery). */
  track(label: string, work: Promise<unknown>): void;
  /** Resolves when all tracked work has finished, or after `timeoutMs`; answers whether it settled. */
  settle(timeoutMs: number): Promise<boolean>;
  readonly pending: number;
}

export function createBackgroundWork(): BackgroundWork {
  const inFlight = new Set<Promise<unknown>>();
  return {
    track(_label, work) {
      const p: Promise<unknown> = work.catch(() => undefined).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async settle(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (inFlight.size > 0) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((r) => {
            timer = setTimeout(r, left);
          }),
        ]);
        clearTimeout(timer);
      }
      return true;
    },
    get pending() {
      return inFlight.size;
    },
  };
}

/** Platform events (the seed's webhook events), emitted by the domain that causes them. */
export type PlatformEventName =
  | "run.started"
  | "run.completed"
  | "run.failed"
  | "optimization.available"
  | "deployment.success";

export interface PlatformEvent {
  workspace_id: string;
  event: PlatformEventName;
  pipeline_id: string | null;
  data: Record<string, unknown>;
  /** ISO time of the event (business clock). */
  timestamp: string;
}

export interface PlatformEvents {
  /** Listeners run after the emitter; their promises are tracked as background work. */
  emit(event: PlatformEvent): void;
  on(listener: (event: PlatformEvent) => Promise<void> | void): () => void;
}

export function createPlatformEvents(background: BackgroundWork): PlatformEvents {
  const listeners = new Set<(event: PlatformEvent) => Promise<void> | void>();
  return {
    emit(event) {
      for (const listener of listeners) {
        background.track(`event:${event.event}`, Promise.resolve().then(() => listener(event)));
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
