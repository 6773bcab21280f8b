// A machine's environment for the turn that is running it. XState's provide() builds a whole new
// machine (its state tree and every transition) on each call: ~0.35 ms of a dialog turn's CPU,
// measured in `npm run bench`. So the dialog machines are built once with implementations that
// read `env`, and the runner sets it around the actor's synchronous start and send (`run`). Outside
// `run`, reading it throws: a machine that runs without its turn's environment is a bug.
export interface TurnEnvironment<E extends object> {
  /** Reads whichever environment the running turn set. */
  readonly env: E;
  /** Runs `work` (synchronous: XState's start and send are) with `env` as the environment. */
  run<T>(env: E, work: () => T): T;
}

export function turnEnvironment<E extends object>(missing: string): TurnEnvironment<E> {
  let current: E | undefined;
  const env = new Proxy({} as E, {
    get(_target, key) {
      if (!current) throw new Error(missing);
      return current[key as keyof E];
    },
    has(_target, key) {
      if (!current) throw new Error(missing);
      return key in current;
    },
  });
  return {
    env,
    run(next, work) {
      const previous = current;
      current = next;
      try {
        return work();
      } finally {
        current = previous;
      }
    },
  };
}
