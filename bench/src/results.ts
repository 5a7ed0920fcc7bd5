/** The shape of results/latest.json: every figure in the report plus the raw runs behind it. */
export type Row<T> = { client: string; label: string } & (
  | { ok: true; value: T }
  | { ok: false; error: string }
);

/**
 * Timings carry two figures. `best`: the median over processes of each process's fastest run; load from other
 * work on the machine only ever adds time, so the fastest run is the least disturbed one, and the median over
 * processes keeps one lucky process from setting the figure. Ratios and rates use `best`. `median`: the
 * median over processes of each process's median run, shown beside it to say how noisy the run was.
 */
export interface StreamSummary {
  bestMs: number;
  medianMs: number;
  eventsPerSec: number;
  mbPerSec: number;
  /** bestMs over the loop's bestMs. */
  ratio: number;
  /** medianMs over the loop's medianMs. */
  medianRatio: number;
  processBestMs: number[];
  processMedianMs: number[];
}

export interface CallSummary {
  bestUs: number;
  medianUs: number;
  callsPerSec: number;
  usAboveBare: number;
  ratio: number;
  medianRatio: number;
  processBestUs: number[];
  processMedianUs: number[];
}

export interface MemorySummary {
  peakMB: number;
  beforeMB: number;
  growthMB: number;
  ratio: number;
  processPeaksMB: number[];
}

export interface BundleSummary {
  minKB: number;
  gzipKB: number;
}

export interface RenderSummary {
  commits: number;
  frames: number;
  commitsPerFrame: number;
  maxCommitsPerFrame: number;
  firstTokenMs: number;
  durationMs: number;
}

export interface CorpusInfo {
  deltas: number;
  bytes: number;
  reads: number;
  readsEndingInsideLine: number;
  readsStartingInsideCharacter: number;
}

export interface Target {
  target: string;
  actual: string;
  met: boolean | undefined;
}

export interface Results {
  meta: {
    date: string;
    commit: string;
    node: string;
    cpu: string;
    cores: number;
    quick: boolean;
    seconds: number;
  };
  corpus: CorpusInfo[];
  stream: Array<{ deltas: number; rows: Row<StreamSummary>[] }>;
  calls: Row<CallSummary>[];
  memory: Row<MemorySummary>[];
  bundles: { chat: Row<BundleSummary>[]; hooks: Row<BundleSummary>[] };
  renders: Row<RenderSummary>[];
  targets: Target[];
}
