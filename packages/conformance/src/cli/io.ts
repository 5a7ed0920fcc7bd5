/** Where a command writes and what tells it to stop; the binary passes the process's, tests pass their own. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, record) stop cleanly and return. */
  signal?: AbortSignal;
  /** Environment variables (for `CO_API_KEY`). @default process.env */
  env?: Record<string, string | undefined>;
  /** Where `--clients` looks for the SDKs (its `node_modules`), as `npx` would. @default process.cwd() */
  cwd?: string;
}

/** Bad usage: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A TCP port number from a flag value, or a usage error naming the flag. */
export function parsePort(value: string | undefined, fallback: number, flag = "--port"): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`${flag} must be a port number 0-65535, got "${value}"`);
  return port;
}

/** A number > 0 from a flag value. */
export function parsePositive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(value.trim() !== "" && Number.isFinite(number) && number > 0)) {
    throw new UsageError(`${flag} must be a number > 0, got "${value}"`);
  }
  return number;
}

/** JSON from a flag value, or a usage error naming the flag. */
export function parseJsonFlag(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new UsageError(`${flag} must be JSON: ${(error as Error).message}`);
  }
}

/** Resolves when the signal aborts (never without one). */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
