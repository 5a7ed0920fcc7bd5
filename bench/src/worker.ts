/**
 * One measurement in a fresh process: the orchestrator spawns `node dist/worker.js '<task json>'` and reads
 * the result from the last line of stdout. A fresh process per measurement keeps one library's JIT state,
 * heap and garbage away from the next one's.
 */
import { readFileSync } from "node:fs";
import { cpuUsage, resourceUsage } from "node:process";
import { loadClient } from "./clients/client";
import { cohereReply, cutBody, REPLY_TEXT } from "./corpus";
import { jsonFetch, streamingFetch } from "./fakeFetch";
import { firstDifference } from "./stats";
import {
  type CallTask,
  type Iterations,
  type MemoryTask,
  type ObjectResult,
  type ObjectTask,
  type RenderTask,
  STORE_VARIANTS,
  type StoreResult,
  type StoreTask,
  type StreamTask,
  type Task,
  type TaskResult,
} from "./tasks";

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = cpuUsage(start);
  return (user + system) / 1000;
}

function readCorpus(path: string): { body: Uint8Array; text: string } {
  return { body: readFileSync(`${path}.sse`), text: readFileSync(`${path}.txt`, "utf8") };
}

function check(actual: string, expected: string): void {
  if (actual !== expected)
    throw new Error(`assembled text differs from the expected text: ${firstDifference(actual, expected)}`);
}

/** Timed runs of `run`, each checked against `expected`: at least `min`, then more until the budget is spent. */
async function timedRuns(iterations: Iterations, run: () => Promise<string>, expected: string) {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const { min, max, budgetMs } = iterations;
  const begin = performance.now();
  while (ms.length < max && (ms.length < min || performance.now() - begin < budgetMs)) {
    const cpu = cpuUsage();
    const start = performance.now();
    const assembled = await run();
    ms.push(performance.now() - start);
    cpuMs.push(cpuMsSince(cpu));
    check(assembled, expected);
  }
  return { ms, cpuMs };
}

async function stream(task: StreamTask) {
  const setup = await loadClient(task.client);
  if (task.warmupCorpus && task.warmups > 0) {
    const warmup = readCorpus(task.warmupCorpus);
    const client = setup(streamingFetch(cutBody(warmup.body)));
    for (let i = 0; i < task.warmups; i++) check(await client.stream(), warmup.text);
  }
  const { body, text } = readCorpus(task.corpus);
  const chunks = cutBody(body);
  const client = setup(streamingFetch(chunks));
  if (!task.warmupCorpus) for (let i = 0; i < task.warmups; i++) check(await client.stream(), text);
  const runs = await timedRuns(task.iterations, () => client.stream(), text);
  return { ...runs, bytes: body.length, reads: chunks.length };
}

/** One reply through the chat store and one through the bare stream, by turns, each timed and checked. */
async function store(task: StoreTask): Promise<StoreResult> {
  const { setupStore } = await import("./store/storeVariants");
  const { body, text } = readCorpus(task.corpus);
  const chunks = cutBody(body);
  const order = task.first === STORE_VARIANTS[0] ? STORE_VARIANTS : [...STORE_VARIANTS].reverse();
  const variants = order.map((variant) => ({
    variant,
    reply: setupStore(variant, task.history, streamingFetch(chunks)),
    ms: [] as number[],
    cpuMs: [] as number[],
  }));
  for (let i = 0; i < task.warmups; i++) for (const { reply } of variants) check(await reply(), text);
  const { min, max, budgetMs } = task.iterations;
  const begin = performance.now();
  for (let pairs = 0; pairs < max && (pairs < min || performance.now() - begin < budgetMs); pairs++) {
    for (const { reply, ms, cpuMs } of variants) {
      const cpu = cpuUsage();
      const start = performance.now();
      const assembled = await reply();
      ms.push(performance.now() - start);
      cpuMs.push(cpuMsSince(cpu));
      check(assembled, text);
    }
  }
  const result = {} as StoreResult;
  for (const { variant, ms, cpuMs } of variants) result[variant] = { ms, cpuMs };
  return result;
}

/** A structured reply consumed each variant's way by turns, each run's object checked against the reply. */
async function object(task: ObjectTask): Promise<ObjectResult> {
  const { objectReplyStream, objectReplyText } = await import("./object/objectCorpus");
  const { setupObject } = await import("./object/objectVariants");
  const text = objectReplyText(task.products);
  const expected = JSON.stringify(JSON.parse(text));
  const { body, deltas } = objectReplyStream(text);
  const chunks = cutBody(body);
  const runs = task.variants.map((variant) => ({
    variant,
    reply: setupObject(variant, streamingFetch(chunks)),
    ms: [] as number[],
    cpuMs: [] as number[],
    partials: 0,
  }));
  for (let i = 0; i < task.warmups; i++) for (const { reply } of runs) check((await reply()).json, expected);
  const { min, max, budgetMs } = task.iterations;
  const begin = performance.now();
  for (let turns = 0; turns < max && (turns < min || performance.now() - begin < budgetMs); turns++) {
    for (const run of runs) {
      const cpu = cpuUsage();
      const start = performance.now();
      const { json, partials } = await run.reply();
      run.ms.push(performance.now() - start);
      run.cpuMs.push(cpuMsSince(cpu));
      check(json, expected);
      run.partials = partials;
    }
  }
  return {
    runs: runs.map(({ variant, ms, cpuMs, partials }) => ({ variant, ms, cpuMs, partials })),
    characters: text.length,
    deltas,
    bytes: body.length,
  };
}

async function call(task: CallTask) {
  const client = (await loadClient(task.client))(jsonFetch(cohereReply(REPLY_TEXT)));
  for (let i = 0; i < task.warmups; i++) check(await client.chat(), REPLY_TEXT);
  const batchSize = Math.ceil(task.calls / task.batches);
  const batchMs: number[] = [];
  const batchCpuMs: number[] = [];
  let wrong = 0;
  for (let batch = 0; batch < task.batches; batch++) {
    const cpu = cpuUsage();
    const start = performance.now();
    for (let i = 0; i < batchSize; i++) if ((await client.chat()) !== REPLY_TEXT) wrong++;
    batchMs.push(performance.now() - start);
    batchCpuMs.push(cpuMsSince(cpu));
  }
  if (wrong) throw new Error(`${wrong} of ${batchSize * task.batches} calls returned the wrong text`);
  return { batchMs, batchCpuMs, batchSize };
}

async function memory(task: MemoryTask) {
  const { body, text } = readCorpus(task.corpus);
  const chunks = cutBody(body);
  const client = (await loadClient(task.client))(streamingFetch(chunks));
  // maxRSS is a high-water mark in KiB (Linux): before = loading and the body, peak = after the stream.
  const beforeBytes = resourceUsage().maxRSS * 1024;
  check(await client.stream(), text);
  return { beforeBytes, peakBytes: resourceUsage().maxRSS * 1024 };
}

async function render(task: RenderTask) {
  const { runRender } = await import("./renders/runRender");
  return runRender(task);
}

async function run(task: Task) {
  switch (task.kind) {
    case "stream":
      return stream(task);
    case "call":
      return call(task);
    case "memory":
      return memory(task);
    case "render":
      return render(task);
    case "store":
      return store(task);
    case "object":
      return object(task);
  }
}

let result: TaskResult;
try {
  result = { ok: true, value: await run(JSON.parse(process.argv[2] ?? "{}") as Task) };
} catch (error) {
  result = {
    ok: false,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
}
process.stdout.write(`\n${JSON.stringify(result)}\n`);
// Libraries may leave timers or sockets behind; the measurement is done.
process.exit(0);
