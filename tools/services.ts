/**
 * Long-lived collaborators the tools reach through `ctx.services`: each is a narrow interface,
 * built once per runtime by `createServices`, so tests can put a fake behind any of them.
 */
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
      const p = work.catch(() => undefined).finally(() => inFlight.delete(p));
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

// Domains add their collaborators here (payment processor, pipeline runner, webhook dispatcher…).
export interface Services {
  background: BackgroundWork;
  [name: string]: unknown;
}
