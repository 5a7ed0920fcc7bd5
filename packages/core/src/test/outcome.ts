/** What a promise did, as far as it has got: `settled` turns true once it has, with its value or error. */
export interface Outcome<T> {
  value?: T;
  error?: unknown;
  settled: boolean;
}

/** Follows `promise` without ever leaving a rejection unhandled, so a test can look at it between timer steps. */
export function outcome<T>(promise: Promise<T>): Outcome<T> {
  const state: Outcome<T> = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}
