/**
 * Many-way races, many times over: the only kind of concurrency test that proves a guarantee
 * rather than one lucky interleaving. Each trial resets the state, fires `parallel` attempts
 * at once, and checks the outcome; the report lists every trial that broke the rule.
 */
/**
 * A race test's time limit: only a guard against a hang. Hundreds of trials take a minute or
 * two on a quiet 2-core machine and several times that on a loaded one; a tight limit would
 * make a correct test fail by the clock.
 */
export const RACE_TIMEOUT_MS = 600_000;

export interface RaceSpec<R> {
  trials: number;
  parallel: number;
  /** Puts the contested document(s) back in their starting state (keep collections small). */
  reset?: (trial: number) => PromiseLike<unknown>;
  /** One contender. A thrown error is kept as the result, so checks can count refusals. */
  attempt: (contender: number, trial: number) => Promise<R>;
  /** Returns what went wrong in this trial, or null when the rule held. */
  check: (results: (R | RaceError)[], trial: number) => Promise<string | null> | string | null;
}

export class RaceError {
  constructor(readonly error: unknown) {}
}

export interface RaceReport {
  trials: number;
  violations: string[];
}

export async function race<R>(spec: RaceSpec<R>): Promise<RaceReport> {
  const violations: string[] = [];
  for (let trial = 0; trial < spec.trials; trial++) {
    await spec.reset?.(trial);
    const results = await Promise.all(
      Array.from({ length: spec.parallel }, (_, contender) =>
        spec.attempt(contender, trial).catch((caught: unknown) => new RaceError(caught)),
      ),
    );
    const problem = await spec.check(results, trial);
    if (problem) violations.push(`trial ${trial}: ${problem}`);
  }
  return { trials: spec.trials, violations };
}

/** Counts results by a label (e.g. HTTP status), for messages like `{"200":2,"409":6}`. */
export function tally<R>(results: R[], label: (result: R) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key = String(label(result));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
