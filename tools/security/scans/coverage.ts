import { z } from "zod";

/** What a scan looked at, stored with it (SecurityScan.coverage). */
export const ScanCoverage = z.object({
  pipelines: z.number().int(),
  environments: z.number().int(),
  webhooks: z.number().int(),
  api_keys: z.number().int(),
  secrets: z.number().int(),
  run_logs: z.number().int(),
  files: z.number().int(),
  skipped_files: z.number().int(),
  notes: z.array(z.string()),
});
export type ScanCoverage = z.infer<typeof ScanCoverage>;
