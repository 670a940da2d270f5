/** Business time. Timeouts and durations use real monotonic time (performance.now), never this. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const t = new Date(at).getTime();
  return { now: () => new Date(t) };
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
