import type { Clock } from "../entities/clock.js";
import { systemClock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import type { Db } from "../entities/db.js";
import { randomIds, type IdGenerator } from "../entities/ids.js";
import { createPresence } from "../entities/presence.js";
import { writeBehindOf } from "../entities/write-behind.js";
import { analyticsServices } from "./analytics/index.js";
import { cicdServices } from "./cicd/index.js";
import { commerceServices } from "./commerce/index.js";
import type { DoorDeps } from "./door.js";
import { platformServices } from "./platform/index.js";
import { productivityServices } from "./productivity/index.js";
import type { ToolRegistry } from "./registry.js";
import { securityServices } from "./security/index.js";
import {
  createBackgroundWork,
  createPlatformEvents,
  type ServiceBase,
  type ServiceBundle,
  type ServiceFactory,
  type Services,
} from "./services.js";

const FACTORIES: readonly ServiceFactory[] = [
  commerceServices,
  analyticsServices,
  productivityServices,
  cicdServices,
  securityServices,
  platformServices,
];

export interface CoreOptions {
  db: Db;
  /** The key ring text (see entities/config.ts). */
  secretKey: string;
  registry: ToolRegistry;
  clock?: Clock;
  ids?: IdGenerator;
  /** Replace or add collaborators (a fake payment processor in a test…). */
  services?: Partial<Services>;
}

export interface Core extends DoorDeps {
  /** Recovers what a crash left behind and starts queues; call once per process. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Everything the tool door needs, built once per process (or per evaluation case). */
export function createCore(options: CoreOptions): Core {
  const background = createBackgroundWork();
  const base: ServiceBase = {
    db: options.db,
    cipher: createCipher(options.secretKey),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    registry: options.registry,
    background,
    events: createPlatformEvents(background),
    presence: options.services?.presence ?? createPresence(options.db),
  };
  const bundles: ServiceBundle[] = FACTORIES.map((make) => make(base));
  const services = { background, events: base.events, presence: base.presence } as Services;
  for (const bundle of bundles) Object.assign(services, bundle.services);
  Object.assign(services, options.services);
  return {
    db: base.db,
    cipher: base.cipher,
    clock: base.clock,
    ids: base.ids,
    registry: base.registry,
    services,
    async start() {
      await base.presence.start();
      for (const bundle of bundles) await bundle.start?.(services);
    },
    async stop() {
      for (const bundle of bundles) await bundle.stop?.();
      await base.presence.stop();
      // What trails the calls (audit rows of reads, key use counts) is written while the database is still there.
      await writeBehindOf(base.db.kysely)?.settle();
    },
  };
}



