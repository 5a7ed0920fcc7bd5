import type { Iterations } from "./tasks";

/** How much to measure. The full plan takes about four minutes on 2 cores, builds included; `--quick` about two. */
export interface Plan {
  /** Processes per client and measurement; each gives one median, the report gives the median of those. */
  reps: {
    stream10k: number;
    stream100k: number;
    calls: number;
    memory: number;
    renders: number;
    store: number;
    object: number;
  };
  /**
   * Fast clients get more timed runs than slow ones within the same time budget; the minimum count keeps every
   * client's figure a choice among several runs.
   */
  stream10k: { warmups: number; iterations: Iterations };
  /** Warmed on the 10,000-event body, then timed on the 100,000-event one. */
  stream100k: { warmups: number; iterations: Iterations };
  calls: { warmups: number; calls: number; batches: number };
  renders: { tokens: number; delayMs: number };
  /** The chat store against the bare stream, on the 10,000-event body; iterations count pairs of runs. */
  store: { warmups: number; iterations: Iterations };
  /**
   * A structured reply through `chatObjectStream()` and the bare stream, by turns; iterations count pairs of runs.
   * The loop it replaced re-reads the text so far on every delta: one run per process, on the smaller replies
   * only (`OBJECT_SIZES`).
   */
  object: { warmups: number; iterations: Iterations };
}

export const FULL: Plan = {
  reps: { stream10k: 3, stream100k: 3, calls: 3, memory: 2, renders: 3, store: 4, object: 3 },
  stream10k: { warmups: 3, iterations: { min: 3, max: 15, budgetMs: 600 } },
  stream100k: { warmups: 1, iterations: { min: 1, max: 3, budgetMs: 600 } },
  calls: { warmups: 200, calls: 2000, batches: 10 },
  renders: { tokens: 2000, delayMs: 1 },
  store: { warmups: 3, iterations: { min: 5, max: 30, budgetMs: 1500 } },
  object: { warmups: 2, iterations: { min: 5, max: 20, budgetMs: 1000 } },
};

export const QUICK: Plan = {
  reps: { stream10k: 1, stream100k: 1, calls: 1, memory: 1, renders: 1, store: 1, object: 1 },
  stream10k: { warmups: 2, iterations: { min: 3, max: 10, budgetMs: 400 } },
  stream100k: { warmups: 1, iterations: { min: 1, max: 2, budgetMs: 400 } },
  calls: { warmups: 200, calls: 2000, batches: 10 },
  renders: { tokens: 2000, delayMs: 1 },
  store: { warmups: 2, iterations: { min: 5, max: 10, budgetMs: 500 } },
  object: { warmups: 1, iterations: { min: 3, max: 10, budgetMs: 500 } },
};

export const SECTIONS = [
  "stream",
  "store",
  "object",
  "calls",
  "memory",
  "bundle",
  "renders",
  "load",
] as const;
export type Section = (typeof SECTIONS)[number];
