/** How much to measure. The full plan fits in about four minutes on 2 cores; `--quick` in about one. */
export interface Plan {
  /** Processes per client and measurement; each gives one median, the report gives the median of those. */
  reps: { stream10k: number; stream100k: number; calls: number; memory: number; renders: number };
  stream10k: { warmups: number; iterations: number };
  /** Warmed on the 10,000-event body, then timed on the 100,000-event one. */
  stream100k: { warmups: number; iterations: number };
  calls: { warmups: number; calls: number; batches: number };
  renders: { tokens: number; delayMs: number };
}

export const FULL: Plan = {
  reps: { stream10k: 5, stream100k: 3, calls: 3, memory: 3, renders: 3 },
  stream10k: { warmups: 3, iterations: 7 },
  stream100k: { warmups: 2, iterations: 2 },
  calls: { warmups: 300, calls: 2000, batches: 10 },
  renders: { tokens: 2000, delayMs: 1 },
};

export const QUICK: Plan = {
  reps: { stream10k: 2, stream100k: 1, calls: 1, memory: 1, renders: 1 },
  stream10k: { warmups: 2, iterations: 3 },
  stream100k: { warmups: 1, iterations: 1 },
  calls: { warmups: 200, calls: 2000, batches: 10 },
  renders: { tokens: 2000, delayMs: 1 },
};

export const SECTIONS = ["stream", "calls", "memory", "bundle", "renders"] as const;
export type Section = (typeof SECTIONS)[number];
