import type { z } from "zod";
import type { ApiKeyPermission, EntityName } from "../entities/index.js";
import type { Clock } from "../entities/clock.js";
import type { Cipher } from "../entities/crypto.js";
import type { IdGenerator } from "../entities/ids.js";
import type { Store } from "../entities/store.js";
import type { Services } from "./services.js";

export type Effect = "read" | "write" | "destructive";
export type Role = "admin" | "member" | "customer";
export type Domain = "commerce" | "analytics" | "productivity" | "cicd" | "security" | "platform";

export interface Actor {
  id: string;
  role: Role;
  email: string;
  full_name: string;
}

export interface ToolContext {
  /** The workspace's store: on the call's transaction, limited to the tool's declared entities. */
  store: Store;
  actor: Actor;
  workspaceId: string;
  clock: Clock;
  ids: IdGenerator;
  cipher: Cipher;
  services: Services;
  signal: AbortSignal;
  threadId?: string;
  agent?: string;
  /** Stable key of this call (thread + tool-call id, or an HTTP Idempotency-Key). */
  callKey?: string;
  /** For non-atomic tools: runs `fn` in its own transaction, with the same access rules. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Work to start once the call's writes are committed (runs, deliveries). */
  afterCommit(fn: () => void | Promise<void>): void;
  /** Records an audit entry in the call's transaction (never with a secret value). */
  audit(entry: AuditEntry): Promise<void>;
}

export interface AuditEntry {
  event_type: string;
  action: string;
  status?: string;
  entity_type?: EntityName | null;
  entity_id?: string | null;
  details?: Record<string, unknown>;
}

export interface ToolSpec<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  /** snake_case verb_noun; stable: MCP clients and suites see it. */
  name: string;
  title?: string;
  /** For models and for the local provider. */
  description: string;
  domain: Domain;
  input: I;
  output: O;
  effect: Effect;
  /** Who may call it; default admin and member. */
  roles?: readonly Role[];
  /** API-key permission needed over REST and MCP-HTTP; default `tools`. */
  permission?: ApiKeyPermission;
  /** Entities the tool reads and writes; the store refuses any other. */
  reads?: readonly EntityName[];
  writes?: readonly EntityName[];
  /** At least five varied commands that call this tool. */
  examples: readonly string[];
  /** Extra words people use for this operation (for the local provider's ranking). */
  keywords?: readonly string[];
  /**
   * Whether the door runs the whole call in one transaction (default true). Sagas say false and
   * use `ctx.transaction` per step.
   */
  atomic?: boolean;
  /** The same input gives the same result without acting twice (MCP idempotentHint). */
  idempotent?: boolean;
  /** The tool reaches outside FlashFusion (MCP openWorldHint). */
  openWorld?: boolean;
  /**
   * Destructive tools: checks the preconditions (the target exists, the action applies) without
   * writing, and describes the exact action for the approval prompt. Throws a ToolError when the
   * action does not apply, so the person hears at once instead of being asked to approve.
   */
  prepare?: (input: z.infer<I>, ctx: ToolContext) => Promise<string>;
  /**
   * Whether this particular call needs approval (for tools that are destructive only sometimes,
   * such as a deployment to a protected environment). Default: `effect === "destructive"`.
   */
  needsApproval?: (input: z.infer<I>, ctx: ToolContext) => Promise<boolean>;
  /**
   * The pipeline (its id) this call acts on, for API keys limited to some pipelines; undefined
   * when the call names none. A tool that touches pipelines without this is refused to such keys.
   */
  pipelineOf?: (input: z.infer<I>, ctx: ToolContext) => Promise<string | undefined>;
  run: (input: z.infer<I>, ctx: ToolContext) => Promise<z.infer<O>>;
  /** The words a person reads: money with two decimals, rates as percentages, lists. */
  reply: (output: z.infer<O>, input: z.infer<I>) => string;
}

export type AnyTool = ToolSpec<z.ZodObject, z.ZodType>;

export function defineTool<I extends z.ZodObject, O extends z.ZodType>(spec: ToolSpec<I, O>): ToolSpec<I, O> {
  if (!/^[a-z][a-z0-9_]*$/.test(spec.name)) throw new Error(`tool name ${spec.name} is not snake_case`);
  return spec;
}

export function rolesOf(tool: AnyTool): readonly Role[] {
  return tool.roles ?? ["admin", "member"];
}
