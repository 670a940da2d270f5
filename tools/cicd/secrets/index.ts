import type { AnyTool } from "../../define.js";
import { createSecret } from "./create-secret.js";
import { deleteSecret } from "./delete-secret.js";
import { listSecrets } from "./list-secrets.js";
import { rotateSecret } from "./rotate-secret.js";

export const secretTools: readonly AnyTool[] = [createSecret, listSecrets, rotateSecret, deleteSecret] as unknown as AnyTool[];

export { setSecretValue } from "./secret-value.js";
