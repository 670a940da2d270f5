import type { Store } from "../../../entities/store.js";
import { configFindings } from "../scans/checks.js";
import { loadInputs } from "../scans/inputs.js";
import { DAY_MS } from "../time.js";
import { AUDIT_DAYS, type ComplianceInputs } from "./checks.js";

async function auditEntries(store: Store, now: Date): Promise<number> {
  const since = new Date(now.getTime() - AUDIT_DAYS * DAY_MS).toISOString();
  const row = await store
    .select("AuditLog")
    .clearSelect()
    .select((eb) => eb.fn.countAll().as("n"))
    .where("created_at", ">", since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The whole workspace as the compliance checks see it (no repository walk: stored configuration only). */
export async function loadComplianceInputs(store: Store, now: Date): Promise<ComplianceInputs> {
  const scan = await loadInputs(store, now, null);
  return {
    scan,
    findings: configFindings(scan),
    scans: await store.find("SecurityScan"),
    auditEntries: await auditEntries(store, now),
  };
}
