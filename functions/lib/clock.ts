/**
 * Time is a dependency: every deadline check reads a Clock, never the system time directly,
 * so tests can stand one second before or after any instant.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  // The one place in the code base that reads the wall clock.
  now: () => new Date(Date.now()),
};

export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`Invalid instant for fixedClock: ${String(instant)}`);
  return { now: () => new Date(at.getTime()) };
}

/** A clock tests can move; starts at `instant`. */
export function manualClock(
  instant: Date | string,
): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let at = new Date(instant).getTime();
  return {
    now: () => new Date(at),
    set: (to) => {
      at = new Date(to).getTime();
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * The clock for a runtime environment: `TEST_NOW` freezes it, but never in production.
 */
export function clockFromEnv(env: {
  ENVIRONMENT?: string | undefined;
  TEST_NOW?: string | undefined;
}): Clock {
  if (env.ENVIRONMENT !== 'production' && env.TEST_NOW) return fixedClock(env.TEST_NOW);
  return systemClock;
}
