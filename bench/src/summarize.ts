import type { ClientName } from "./clients/client";
import { OBJECT_VARIANTS, type ObjectVariant } from "./object/objectVariants";
import { FRAME_MS } from "./renders/frame";
import type {
  CallSummary,
  MemorySummary,
  ObjectSummary,
  RenderSummary,
  Results,
  Row,
  StoreSummary,
  StreamSummary,
  Target,
} from "./results";
import { median } from "./stats";
import {
  type CallResult,
  type MemoryResult,
  type ObjectResult,
  type RenderResult,
  STORE_VARIANTS,
  type StoreResult,
  type StreamResult,
  type TaskResult,
} from "./tasks";

type Runs<T> = Map<string, Row<T[]>>;

/** Maps every ok row through `summary`, keeping void rows as they are. */
function mapRows<T, S>(runs: Runs<T>, summary: (value: T[]) => S): Row<S>[] {
  return [...runs.values()].map((row) => (row.ok ? { ...row, value: summary(row.value) } : row));
}

function loopValue<S>(rows: Row<S>[]): S | undefined {
  const loop = rows.find((row) => row.client === ("loop" satisfies ClientName));
  return loop?.ok ? loop.value : undefined;
}

export function streamSummaries(runs: Runs<StreamResult>, deltas: number): Row<StreamSummary>[] {
  const rows = mapRows(runs, (list) => {
    const processCpuMs = list.map((run) => median(run.cpuMs));
    const processWallMs = list.map((run) => Math.min(...run.ms));
    const cpuMs = median(processCpuMs);
    const bytes = list[0]!.bytes;
    return {
      cpuMs,
      wallMs: median(processWallMs),
      eventsPerSec: deltas / (cpuMs / 1000),
      mbPerSec: bytes / 1e6 / (cpuMs / 1000),
      ratio: Number.NaN,
      wallRatio: Number.NaN,
      processCpuMs,
      processWallMs,
    };
  });
  const floor = loopValue(rows);
  for (const row of rows) {
    if (!row.ok || !floor) continue;
    row.value.ratio = row.value.cpuMs / floor.cpuMs;
    row.value.wallRatio = row.value.wallMs / floor.wallMs;
  }
  return rows;
}

/** Store targets by the number of earlier messages: the store's CPU at most this many times the bare stream's. */
export const STORE_TARGETS: ReadonlyMap<number, number> = new Map([
  [0, 1.25],
  [200, 1.3],
]);

/**
 * One row per variant. CPU and wall as for streaming. Each process timed the two by turns, so the ratio is taken
 * pair by pair: the median over processes of each one's median ratio of back-to-back runs.
 */
export function storeSummaries(results: TaskResult[]): Row<StoreSummary>[] {
  const failed = results.find((result) => !result.ok);
  const runs = results.flatMap((result) => (result.ok ? [result.value as StoreResult] : []));
  const [bare] = STORE_VARIANTS;
  return STORE_VARIANTS.map((variant) => {
    if (failed && !failed.ok) return { client: variant, label: variant, ok: false, error: failed.error };
    const processCpuMs = runs.map((run) => median(run[variant].cpuMs));
    const processWallMs = runs.map((run) => Math.min(...run[variant].ms));
    // Run i of each variant ran back to back, under the same load from other work: compare them pair by pair.
    const processRatios = runs.map((run) =>
      median(run[variant].cpuMs.map((cpuMs, i) => cpuMs / run[bare].cpuMs[i]!)),
    );
    const processWallRatios = runs.map((run) => Math.min(...run[variant].ms) / Math.min(...run[bare].ms));
    return {
      client: variant,
      label: variant,
      ok: true,
      value: {
        cpuMs: median(processCpuMs),
        wallMs: median(processWallMs),
        ratio: median(processRatios),
        wallRatio: median(processWallRatios),
        processCpuMs,
        processWallMs,
        processRatios,
      },
    };
  });
}

/**
 * One row per variant that ran. CPU and wall as for streaming. `chatObjectStream()` ran by turns with the bare
 * stream, so its ratio is taken run by run as for the store; the re-reading loop ran in processes of its own, so
 * its ratio is over the bare stream's CPU (wall) time.
 */
export function objectSummaries(results: TaskResult[]): Row<ObjectSummary>[] {
  const failed = results.find((result) => !result.ok);
  const runs = results.flatMap((result) => (result.ok ? (result.value as ObjectResult).runs : []));
  const [bare] = OBJECT_VARIANTS;
  const byVariant = (variant: ObjectVariant) => runs.filter((run) => run.variant === variant);
  const bareCpuMs = median(byVariant(bare).map((run) => median(run.cpuMs)));
  const bareWallMs = median(byVariant(bare).map((run) => Math.min(...run.ms)));
  return OBJECT_VARIANTS.flatMap((variant): Row<ObjectSummary>[] => {
    const list = byVariant(variant);
    if (failed && !failed.ok) return [{ client: variant, label: variant, ok: false, error: failed.error }];
    if (!list.length) return [];
    const processCpuMs = list.map((run) => median(run.cpuMs));
    const processWallMs = list.map((run) => Math.min(...run.ms));
    // The bare stream's runs in the same process, back to back with these: the ratio run by run.
    const pairs = results.flatMap((result) => {
      if (!result.ok) return [];
      const { runs: turns } = result.value as ObjectResult;
      const own = turns.find((run) => run.variant === variant);
      const floor = turns.find((run) => run.variant === bare);
      return own && floor ? [median(own.cpuMs.map((cpuMs, i) => cpuMs / floor.cpuMs[i]!))] : [];
    });
    const cpuMs = median(processCpuMs);
    const wallMs = median(processWallMs);
    return [
      {
        client: variant,
        label: variant,
        ok: true,
        value: {
          cpuMs,
          wallMs,
          ratio: pairs.length ? median(pairs) : cpuMs / bareCpuMs,
          wallRatio: wallMs / bareWallMs,
          partials: list[0]!.partials,
          processCpuMs,
          processWallMs,
        },
      },
    ];
  });
}

export function callSummaries(runs: Runs<CallResult>): Row<CallSummary>[] {
  const rows = mapRows(runs, (list) => {
    const perCall = (run: CallResult, ms: number) => (ms * 1000) / run.batchSize;
    const processCpuUs = list.map((run) => perCall(run, median(run.batchCpuMs)));
    const processWallUs = list.map((run) => perCall(run, Math.min(...run.batchMs)));
    const cpuUs = median(processCpuUs);
    return {
      cpuUs,
      wallUs: median(processWallUs),
      callsPerSec: 1e6 / cpuUs,
      usAboveBare: Number.NaN,
      ratio: Number.NaN,
      wallRatio: Number.NaN,
      processCpuUs,
      processWallUs,
    };
  });
  const bare = loopValue(rows);
  for (const row of rows) {
    if (!row.ok || !bare) continue;
    row.value.usAboveBare = row.value.cpuUs - bare.cpuUs;
    row.value.ratio = row.value.cpuUs / bare.cpuUs;
    row.value.wallRatio = row.value.wallUs / bare.wallUs;
  }
  return rows;
}

export function memorySummaries(runs: Runs<MemoryResult>): Row<MemorySummary>[] {
  const rows = mapRows(runs, (list) => {
    const processPeaksMB = list.map((run) => run.peakBytes / 1e6);
    const peakMB = median(processPeaksMB);
    const beforeMB = median(list.map((run) => run.beforeBytes / 1e6));
    return { peakMB, beforeMB, growthMB: peakMB - beforeMB, ratio: Number.NaN, processPeaksMB };
  });
  const floor = loopValue(rows)?.peakMB;
  for (const row of rows) if (row.ok && floor) row.value.ratio = row.value.peakMB / floor;
  return rows;
}

export function renderSummaries(runs: Runs<RenderResult>): Row<RenderSummary>[] {
  return mapRows(runs, (list) => {
    const commits = median(list.map((run) => run.commits));
    const frames = median(list.map((run) => run.frames));
    return {
      commits,
      frames,
      commitsPerFrame: median(list.map((run) => run.commits / run.frames)),
      maxCommitsPerFrame: median(list.map((run) => run.maxCommitsPerFrame)),
      crowdedFrames: median(list.map((run) => run.crowdedFrames.length)),
      crowdedAt: list[0]!.crowdedFrames,
      lastFrame: Math.floor(list[0]!.frames),
      firstTokenMs: median(list.map((run) => run.firstTokenMs)),
      durationMs: median(list.map((run) => run.durationMs)),
    };
  });
}

const PARLEY = "@parley/core";
const fmt = (value: number, digits = 2) => value.toFixed(digits);

/** The targets, judged on this run. `met` is undefined when a row needed for the verdict is void. */
export function targets(results: Results): Target[] {
  const out: Target[] = [];
  const parleyOf = <S>(rows: Row<S>[], client = PARLEY) => {
    const row = rows.find((candidate) => candidate.client === client);
    return row?.ok ? row.value : undefined;
  };
  for (const { deltas, rows } of results.stream) {
    const value = parleyOf(rows);
    out.push({
      target: `streaming ${deltas.toLocaleString("en-US")} events within 1.3x of the loop`,
      actual: value ? `${fmt(value.ratio)}x` : "no result",
      met: value ? value.ratio <= 1.3 : undefined,
    });
  }
  for (const { history, rows } of results.store) {
    const value = parleyOf(rows, STORE_VARIANTS[1]);
    const limit = STORE_TARGETS.get(history) ?? Number.NaN;
    out.push({
      target: `createChat().send() with ${history} earlier messages within ${limit}x of the bare chatStream()`,
      actual: value ? `${fmt(value.ratio)}x` : "no result",
      met: value ? value.ratio <= limit : undefined,
    });
  }
  const call = parleyOf(results.calls);
  if (results.calls.length) {
    out.push({
      target: "per call at most 1.5x bare fetch + JSON.parse",
      actual: call ? `${fmt(call.ratio)}x (+${fmt(call.usAboveBare, 0)} µs per call)` : "no result",
      met: call ? call.ratio <= 1.5 : undefined,
    });
  }
  const memory = parleyOf(results.memory);
  if (results.memory.length) {
    out.push({
      target: "peak memory within 1.1x of the loop",
      actual: memory ? `${fmt(memory.ratio)}x` : "no result",
      met: memory ? memory.ratio <= 1.1 : undefined,
    });
  }
  for (const [rows, ours, label] of [
    [results.bundles.chat, "@parley/core", "chat-and-stream"],
    [results.bundles.hooks, "@parley/react useChat (with @parley/core)", "useChat"],
  ] as const) {
    if (!rows.length) continue;
    const own = parleyOf(rows, ours);
    // The floors are not clients: a user of the loop writes and maintains the client themselves.
    const peers = rows.filter(
      (row) =>
        row.client !== ours &&
        !row.client.startsWith("minimal loop") &&
        !row.client.startsWith("eventsource"),
    );
    const smallestPeer = Math.min(
      ...peers.map((row) => (row.ok ? row.value.gzipKB : Number.POSITIVE_INFINITY)),
    );
    out.push({
      target: `smallest ${label} bundle of all clients (gzip)`,
      actual: own
        ? `${fmt(own.gzipKB, 1)} kB vs ${fmt(smallestPeer, 1)} kB for the smallest peer`
        : "no result",
      met: own ? own.gzipKB < smallestPeer : undefined,
    });
  }
  const render = parleyOf(results.renders, "@parley/react");
  if (results.renders.length) {
    out.push({
      target: "at most one render per animation frame",
      actual: render
        ? `${render.commits} commits in ${fmt(render.frames, 0)} frames; ${render.crowdedFrames} frame${render.crowdedFrames === 1 ? "" : "s"} held 2+ (at most ${render.maxCommitsPerFrame})`
        : "no result",
      met: render ? render.maxCommitsPerFrame <= 1 : undefined,
    });
    out.push({
      target: "first token rendered at once (within one frame)",
      actual: render ? `${fmt(render.firstTokenMs, 1)} ms` : "no result",
      met: render ? render.firstTokenMs <= FRAME_MS : undefined,
    });
  }
  return out;
}
