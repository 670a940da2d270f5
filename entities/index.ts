import type { EntityDef, EntityShape } from "./define.js";
import * as access from "./catalog/access.js";
import * as analytics from "./catalog/analytics.js";
import * as cicd from "./catalog/cicd.js";
import * as commerce from "./catalog/commerce.js";
import * as llm from "./catalog/llm.js";
import * as platform from "./catalog/platform.js";
import * as productivity from "./catalog/productivity.js";
import * as security from "./catalog/security.js";

export const ENTITIES = {
  Workspace: platform.Workspace,
  User: platform.User,
  AuditLog: platform.AuditLog,
  Thread: platform.Thread,
  PendingApproval: platform.PendingApproval,
  IdempotencyRecord: platform.IdempotencyRecord,
  ChatEvent: platform.ChatEvent,
  AuthSession: access.AuthSession,
  Invitation: access.Invitation,
  WidgetToken: access.WidgetToken,
  RateLimitBucket: access.RateLimitBucket,
  Product: commerce.Product,
  Coupon: commerce.Coupon,
  Order: commerce.Order,
  Payment: commerce.Payment,
  Task: commerce.Task,
  WorkflowExecution: commerce.WorkflowExecution,
  Event: analytics.Event,
  Session: analytics.Session,
  InsightReport: analytics.InsightReport,
  AnalyticsSnapshot: analytics.AnalyticsSnapshot,
  PipelineConfig: cicd.PipelineConfig,
  PipelineRun: cicd.PipelineRun,
  Environment: cicd.Environment,
  PipelineOptimization: cicd.PipelineOptimization,
  QualityCheck: cicd.QualityCheck,
  Secret: security.Secret,
  APIKey: security.APIKey,
  SecurityScan: security.SecurityScan,
  ComplianceReport: security.ComplianceReport,
  Webhook: security.Webhook,
  WebhookDelivery: security.WebhookDelivery,
  Project: productivity.Project,
  Note: productivity.Note,
  Contact: productivity.Contact,
  Draft: productivity.Draft,
  LlmUsage: llm.LlmUsage,
  WorkspaceLlmKey: llm.WorkspaceLlmKey,
} as const;

export type EntityName = keyof typeof ENTITIES;
type FieldsOf<D> = D extends EntityDef<string, infer F> ? F : never;
/** The entity value of each entity name, as tools, suites and APIs see it. */
export type Entities = { [N in EntityName]: EntityShape<FieldsOf<(typeof ENTITIES)[N]>> };

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITIES, name);
}

export function entityDef(name: EntityName): EntityDef {
  return ENTITIES[name] as unknown as EntityDef;
}

export * from "./define.js";
export { f, columnOf, type Field, type FieldKind } from "./fields.js";
export { OrderItem, WorkflowStep } from "./catalog/commerce.js";
export { PipelineStepConfig, RunStep } from "./catalog/cicd.js";
export { API_KEY_PERMISSIONS, type ApiKeyPermission, Finding, WEBHOOK_EVENTS } from "./catalog/security.js";
