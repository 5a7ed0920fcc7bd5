import type { ClientName } from "./clients/client";
import type { ObjectVariant } from "./object/objectVariants";

/** What the orchestrator asks one child process to measure. One task per process, one library per process. */
export type Task = StreamTask | CallTask | MemoryTask | RenderTask | StoreTask | ObjectTask;

export interface StreamTask {
  kind: "stream";
  client: ClientName;
  /** Files holding the SSE body (`.sse`) and the expected text (`.txt`), written once by the orchestrator. */
  corpus: string;
  /** A smaller body to warm the JIT on before the timed runs (defaults to `corpus`). */
  warmupCorpus?: string;
  warmups: number;
  /** Timed runs: at least `min`, then more until `budgetMs` is spent or `max` is reached. */
  iterations: Iterations;
}

/** The two ways of consuming one reply that the store section compares; the first is the floor. */
export const STORE_VARIANTS = ["chatStream()", "createChat().send()"] as const;
export type StoreVariant = (typeof STORE_VARIANTS)[number];

/**
 * One reply consumed through the chat store and through the bare stream, `history` earlier messages before it,
 * the two by turns in one process: the same library, so its JIT and garbage are the same for both, and a burst of
 * load from other work hits both alike. `first` is the variant each pair starts with.
 */
export interface StoreTask {
  kind: "store";
  history: number;
  first: StoreVariant;
  corpus: string;
  warmups: number;
  iterations: Iterations;
}

/**
 * One structured reply of `products` products (src/object/objectCorpus.ts), consumed each of the `variants`' ways
 * by turns in one process, as the store section does, so a burst of load from other work hits them alike.
 */
export interface ObjectTask {
  kind: "object";
  variants: ObjectVariant[];
  products: number;
  warmups: number;
  iterations: Iterations;
}

export interface Iterations {
  min: number;
  max: number;
  budgetMs: number;
}

export interface CallTask {
  kind: "call";
  client: ClientName;
  warmups: number;
  calls: number;
  /** The calls are timed in batches, so a burst of load on the machine spoils one batch, not the figure. */
  batches: number;
}

export interface MemoryTask {
  kind: "memory";
  client: ClientName;
  corpus: string;
}

export const RENDER_CLIENTS = ["@parley/react", "@ai-sdk/react", "@ai-sdk/react throttle 50"] as const;
export type RenderClient = (typeof RENDER_CLIENTS)[number];

export interface RenderTask {
  kind: "render";
  client: RenderClient;
  tokens: number;
  delayMs: number;
}

export interface StreamResult {
  /** Wall-clock milliseconds per timed run. */
  ms: number[];
  /** CPU milliseconds (user + system, all threads of the process) per timed run. */
  cpuMs: number[];
  bytes: number;
  reads: number;
}

/** Per variant, the timed runs of one process (as in `StreamResult`). */
export type StoreResult = Record<StoreVariant, { ms: number[]; cpuMs: number[] }>;

export interface ObjectResult {
  /** Per variant, in the task's order: its timed runs, and the partial objects each showed (none for the bare stream). */
  runs: Array<{ variant: ObjectVariant; ms: number[]; cpuMs: number[]; partials: number }>;
  /** The reply's length in characters (UTF-16 units), its content deltas and its SSE body's bytes. */
  characters: number;
  deltas: number;
  bytes: number;
}

export interface CallResult {
  /** Wall-clock milliseconds per batch of `batchSize` sequential calls. */
  batchMs: number[];
  /** CPU milliseconds per batch. */
  batchCpuMs: number[];
  batchSize: number;
}

export interface MemoryResult {
  /** maxRSS once the library is loaded and the body read, before the request. */
  beforeBytes: number;
  /** maxRSS after the stream was consumed: the process's peak. */
  peakBytes: number;
}

export interface RenderResult {
  /** Commits of the chat component from the send to the end of the reply. */
  commits: number;
  /** Calls of the component function over the same span (React may render without committing). */
  renders: number;
  /** From the first network read to the commit that shows the last token. */
  durationMs: number;
  /** 60 Hz frames the reply spanned. */
  frames: number;
  /** The most commits that landed inside one 16.7 ms frame. */
  maxCommitsPerFrame: number;
  /** Frames (counted from the first commit's) that held more than one commit. */
  crowdedFrames: number[];
  /** From the read that carried the first token to the commit that showed it. */
  firstTokenMs: number;
}

export type TaskResult =
  | { ok: true; value: StreamResult | CallResult | MemoryResult | RenderResult | StoreResult | ObjectResult }
  | { ok: false; error: string; stack?: string | undefined };
