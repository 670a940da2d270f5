/** Text helpers of the local provider: normalising, tokens, stems, the shared lexicon. */

/** Repairs the seeds' broken encoding and typographic characters; keeps everything else. */
export function normalizeText(text: string): string {
  return text
    .replace(/√ó/g, "×")
    .replace(/‚Üí/g, "→")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const STOPWORDS = new Set(
  `a an the and or but of for to in on at by with from into onto about as is are was were be been being am
   i me my mine we our ours you your yours it its this that these those there here please pls kindly can could
   would will shall should may might must do does did done have has had just now then so thanks thank hey hi
   hello what whats what's which who whom whose how when where why let lets let's us ok okay some any all
   up out over also very really quick quickly go give get tell need want like`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that mean the same thing for ranking. Each maps to one canonical word. */
const SYNONYMS: Record<string, string> = {
  show: "list", display: "list", view: "list", see: "list", list: "list", find: "find", search: "find", lookup: "find",
  make: "create", new: "create", create: "create", open: "create", generate: "create", start: "start", begin: "start", kick: "start",
  remove: "delete", erase: "delete", delete: "delete", drop: "delete", destroy: "delete",
  run: "run", execute: "run", trigger: "run", fire: "run",
  deploy: "deploy", deployment: "deploy", release: "deploy", ship: "deploy", rollout: "deploy",
  build: "build", job: "build", ci: "build",
  fail: "fail", failed: "fail", failure: "fail", failing: "fail", broke: "fail", broken: "fail", break: "fail", error: "fail", red: "fail", crash: "fail",
  why: "why", cause: "why", reason: "why", diagnose: "why", explain: "why",
  status: "status", state: "status", progress: "status", result: "status", outcome: "status",
  slow: "performance", speed: "performance", performance: "performance", faster: "performance", optimize: "performance", optimise: "performance", bottleneck: "performance", duration: "performance",
  revoke: "revoke", disable: "revoke", deactivate: "revoke", kill: "revoke",
  rollback: "rollback", revert: "rollback", undo: "rollback", compensate: "rollback",
  order: "order", purchase: "order", buy: "order", checkout: "checkout",
  customer: "user", user: "user", person: "user", account: "user", member: "user",
  onboard: "onboard", onboarding: "onboard", welcome: "onboard", invite: "onboard", signup: "signup", register: "signup",
  note: "note", memo: "note", jot: "note", remind: "remind", reminder: "remind",
  project: "project", workspace: "project",
  contact: "contact", person_contact: "contact",
  draft: "draft", compose: "draft", write: "draft",
  tweet: "tweet", post: "post", email: "email", mail: "email",
  funnel: "funnel", conversion: "funnel", convert: "funnel",
  forecast: "forecast", predict: "forecast", prediction: "forecast", projection: "forecast", project_forward: "forecast",
  anomaly: "anomaly", odd: "anomaly", unusual: "anomaly", outlier: "anomaly", spike: "anomaly", weird: "anomaly", strange: "anomaly", abnormal: "anomaly", suspicious: "anomaly",
  cohort: "cohort", retention: "retention", retain: "retention", churn: "retention",
  scan: "scan", audit: "audit", check: "check", inspect: "check", verify: "check", review: "check",
  key: "key", token: "key", credential: "key",
  secret: "secret", password: "secret",
  expire: "expire", expiring: "expire", expiry: "expire", expiration: "expire",
  rotate: "rotate", rotation: "rotate", rotated: "rotate",
  webhook: "webhook", hook: "webhook", callback: "webhook",
  pipeline: "pipeline", workflow: "workflow",
  compliance: "compliance", compliant: "compliance",
  task: "task", todo: "task", chore: "task",
  help: "help", capabilities: "help",
};

/** A small suffix stemmer: enough to meet "orders"/"order", "signups"/"signup", "rotated"/"rotate". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  return w;
}

export function canonical(word: string): string {
  const lower = word.toLowerCase();
  if (SYNONYMS[lower]) return SYNONYMS[lower]!;
  const s = stem(lower);
  if (SYNONYMS[s]) return SYNONYMS[s]!;
  const e = `${s}e`;
  if (SYNONYMS[e]) return SYNONYMS[e]!;
  return s;
}

export const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, a: 1, an: 1, single: 1, two: 2, pair: 2, couple: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
  eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
};

export function parseNumberWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w === "a" || w === "an") return undefined; // too ambiguous alone
  return NUMBER_WORDS[w];
}

/** Content words of a text as canonical tokens (stopwords dropped). */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9<>]+/)) {
    if (!raw || STOPWORDS.has(raw)) continue;
    if (/^<\w+>$/.test(raw)) {
      out.push(raw);
      continue;
    }
    if (/^\d+$/.test(raw) || raw.length < 2) continue;
    out.push(canonical(raw));
  }
  return out;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
