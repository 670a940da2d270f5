/**
 * Funnel counting.
 *
 * A person (Event.user_id, or the session when no user is known) ENTERS the funnel with an
 * event of step 1 inside the period. They REACH step k with an event of step k after they
 * reached step k − 1, no later than the conversion window after their entry. Events are taken
 * in time order (events at the same instant in the order they were recorded), so a view of
 * /checkout before /signup does not count towards /signup → /checkout.
 *
 * A person who enters several times counts once, with their best attempt: every entry in the
 * period starts an attempt, and the person reaches step k when any attempt does. Per step only
 * the attempt with the latest entry needs keeping (it has the same future and the longest
 * window), so the work is one pass over the events with at most one attempt per step and person.
 *
 *   step conversion     = reached(k) / reached(k − 1)
 *   overall conversion  = reached(k) / entered
 *   drop-off at step k  = reached(k − 1) − reached(k)
 */
import { within, type TimeRange } from "../time.js";

export interface FunnelEvent {
  person: string;
  /** Epoch milliseconds. */
  time: number;
  /** Indexes (0-based) of the steps this event satisfies. */
  steps: readonly number[];
}

export interface FunnelOptions {
  stepCount: number;
  /** Entries count only inside this period. */
  period: TimeRange;
  windowMs: number;
}

export interface FunnelCounts {
  /** reached[k] = people who reached step k (reached[0] = entered). */
  reached: number[];
  /** For each person who reached the last step: milliseconds from entry to the last step. */
  conversionMs: number[];
}

interface PersonState {
  /** attempts[k] = entry time of the latest attempt that has reached step k (0-based). */
  attempts: (number | undefined)[];
  best: number;
}

/** Events must come in time order. */
export function countFunnel(events: Iterable<FunnelEvent>, options: FunnelOptions): FunnelCounts {
  const { stepCount, period, windowMs } = options;
  const people = new Map<string, PersonState>();
  const conversionMs: number[] = [];
  for (const event of events) {
    let state = people.get(event.person);
    const enters = event.steps.includes(0) && within(period, event.time);
    if (!state) {
      if (!enters) continue;
      state = { attempts: new Array(stepCount).fill(undefined), best: -1 };
      people.set(event.person, state);
    }
    const { attempts } = state;
    // From the highest step down, so one event advances an attempt by one step only.
    for (let k = stepCount - 2; k >= 0; k--) {
      const entry = attempts[k];
      if (entry === undefined || !event.steps.includes(k + 1) || event.time - entry > windowMs) continue;
      const held = attempts[k + 1];
      attempts[k + 1] = held === undefined ? entry : Math.max(held, entry);
      attempts[k] = undefined;
      if (k + 1 > state.best) {
        state.best = k + 1;
        if (k + 1 === stepCount - 1) conversionMs.push(event.time - entry);
      }
    }
    if (enters) {
      attempts[0] = event.time;
      if (state.best < 0) state.best = 0;
    }
  }
  const reached = new Array<number>(stepCount).fill(0);
  for (const { best } of people.values()) for (let k = 0; k <= best; k++) reached[k]!++;
  return { reached, conversionMs };
}

export interface FunnelStepResult {
  index: number;
  count: number;
  /** Share of the previous step's people (1 for the first step). */
  step_conversion: number;
  /** Share of the people who entered. */
  overall_conversion: number;
  /** People of the previous step who did not reach this one. */
  drop_off: number;
}

export function funnelSteps(reached: readonly number[]): FunnelStepResult[] {
  const entered = reached[0] ?? 0;
  return reached.map((count, index) => {
    const previous = index === 0 ? count : reached[index - 1]!;
    return {
      index,
      count,
      step_conversion: previous > 0 ? count / previous : 0,
      overall_conversion: entered > 0 ? count / entered : 0,
      drop_off: index === 0 ? 0 : previous - count,
    };
  });
}
