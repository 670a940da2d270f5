import type { Clock } from "../entities/clock.js";
import { systemClock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import type { Db } from "../entities/db.js";
import { randomIds, type IdGenerator } from "../entities/ids.js";
import type { DoorDeps } from "./door.js";
import type { ToolRegistry } from "./registry.js";
import { createBackgroundWork, type Services } from "./services.js";

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

/** Everything the tool door needs, built once per process (or per evaluation case). */
export function createDoorDeps(options: CoreOptions): DoorDeps {
  const services: Services = { background: createBackgroundWork(), ...options.services } as Services;
  return {
    db: options.db,
    cipher: createCipher(options.secretKey),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    registry: options.registry,
    services,
  };
}
