import type { LoadSummary } from "./load/serveLoad";

/** The shape of results/latest.json: every figure in the report plus the raw runs behind it. */
export type Row<T> = { client: string; label: string } & (
  | { ok: true; value: T }
  | { ok: false; error: string }
);

/**
 * Timings carry two figures. `cpu`: CPU time (user + system, all threads, so garbage collection counts), the
 * median over processes of each process's median run. It is the work a library does per stream, and it barely
 * moves when other work shares the machine, so ratios use it. `wall`: wall-clock time, the median over processes
 * of each process's fastest run (load from other work only ever adds wall time), shown beside it as what a user
 * waits on an idle machine.
 */
export interface StreamSummary {
  cpuMs: number;
  wallMs: number;
  /** Per CPU second. */
  eventsPerSec: number;
  /** Per CPU second. */
  mbPerSec: number;
  /** cpuMs over the loop's cpuMs. */
  ratio: number;
  /** wallMs over the loop's wallMs. */
  wallRatio: number;
  processCpuMs: number[];
  processWallMs: number[];
}

/** The chat store against the bare stream it reads, one reply of 10,000 events. */
export interface StoreSummary {
  cpuMs: number;
  wallMs: number;
  /** Over the bare stream's, run by back-to-back run: the median over processes of each one's median ratio. */
  ratio: number;
  wallRatio: number;
  processCpuMs: number[];
  processWallMs: number[];
  processRatios: number[];
}

/** One way of consuming a structured reply, against the bare stream. */
export interface ObjectSummary {
  cpuMs: number;
  wallMs: number;
  /** Over the bare `chatStream()`'s CPU (wall) time on the same reply. */
  ratio: number;
  wallRatio: number;
  partials: number;
  processCpuMs: number[];
  processWallMs: number[];
}

export interface CallSummary {
  cpuUs: number;
  wallUs: number;
  /** Per CPU second. */
  callsPerSec: number;
  usAboveBare: number;
  ratio: number;
  wallRatio: number;
  processCpuUs: number[];
  processWallUs: number[];
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
  /** Frames with more than one commit, and where the first run had them (frame offsets from the first commit). */
  crowdedFrames: number;
  crowdedAt: number[];
  /** Of all frames the reply spanned. */
  lastFrame: number;
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
  /** By the number of earlier messages in the chat. */
  store: Array<{ history: number; rows: Row<StoreSummary>[] }>;
  /** By reply: products in the catalogue, and the reply's size. */
  object: Array<{
    products: number;
    characters: number;
    deltas: number;
    bytes: number;
    rows: Row<ObjectSummary>[];
  }>;
  calls: Row<CallSummary>[];
  memory: Row<MemorySummary>[];
  bundles: { chat: Row<BundleSummary>[]; hooks: Row<BundleSummary>[] };
  renders: Row<RenderSummary>[];
  /** 1,000 concurrent streams on `serve --simulate` (src/load). */
  load?: LoadSummary[];
  targets: Target[];
}
