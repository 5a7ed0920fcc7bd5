export const MiB = 1024 * 1024;

/** Heap in use after a full collection (run the tests with --expose-gc, or the collection is skipped). */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
