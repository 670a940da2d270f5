import type { ProviderFailure } from "./failure.js";

export interface CooldownPolicy {
  /** Consecutive failures that count against a key before it rests. */
  failures: number;
  cooldownMs: number;
}

export const DEFAULT_COOLDOWN: CooldownPolicy = { failures: 3, cooldownMs: 30_000 };

/**
 * Health per (provider, key). Keys are told apart by a fingerprint, never held in clear, so a
 * workspace's bad key rests alone and the platform key it replaced is untouched.
 */
export interface Cooldowns {
  /** Until when (epoch ms) the key rests, or undefined when it may be used. */
  restingUntil(slot: string): number | undefined;
  succeeded(slot: string): void;
  failed(slot: string, failure: ProviderFailure): void;
}

export function createCooldowns(policy: CooldownPolicy, now: () => number): Cooldowns {
  const slots = new Map<string, { failures: number; until?: number }>();
  return {
    restingUntil(slot) {
      const until = slots.get(slot)?.until;
      if (until === undefined || until <= now()) return undefined;
      return until;
    },
    succeeded(slot) {
      slots.delete(slot);
    },
    failed(slot, failure) {
      if (!failure.againstKey) return;
      const state = slots.get(slot) ?? { failures: 0 };
      state.failures += 1;
      if (state.failures >= policy.failures) {
        // A provider that named its own wait gets at least that long.
        state.until = now() + Math.max(policy.cooldownMs, failure.retryAfterMs ?? 0);
        state.failures = 0;
      }
      slots.set(slot, state);
    },
  };
}
