import type { Cipher } from "../entities/crypto.js";
import type { Clock } from "../entities/clock.js";
import { randomIds, type IdGenerator } from "../entities/ids.js";
import { Store, type EntityAccess, type Executor } from "../entities/store.js";

/** What the orchestration layer needs of the entity store. */
export interface LlmStoreDeps {
  db: Executor;
  cipher: Cipher;
  clock: Clock;
  /**
   * Ids of usage rows. Random by default, apart from the business ids: a seeded generator
   * shared with the tools would shift every id an evaluation case expects.
   */
  ids?: IdGenerator;
}

/** The orchestration layer reads workspaces and writes only its own rows. */
const ACCESS: EntityAccess = {
  reads: new Set(["Workspace", "LlmUsage", "WorkspaceLlmKey"]),
  writes: new Set(["LlmUsage", "WorkspaceLlmKey"]),
};

export function llmStore(deps: LlmStoreDeps, workspaceId: string): Store {
  return new Store({ db: deps.db, cipher: deps.cipher, clock: deps.clock, ids: deps.ids ?? randomIds }, workspaceId, ACCESS);
}
