/**
 * `pnpm bench`: measures @parley/core and @parley/react side by side with their peers and prints a Markdown
 * report. Every measurement runs in a fresh child process (src/worker.ts); clients take turns within each
 * repetition, so a noisy neighbour on the machine hits all of them alike. Options: `--quick` (fewer
 * repetitions), `--only=stream,store,object,calls,memory,bundle,renders,load`, `--no-readme` (leave README.md alone).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHAT_BUNDLES, HOOK_BUNDLES, measureBundle } from "./bundles";
import { CLIENT_LABELS, CLIENTS, type ClientName } from "./clients/client";
import { cohereStream, cutBody, cutStats } from "./corpus";
import { LOAD_CONFIGS, measureLoad } from "./load/serveLoad";
import { OBJECT_SIZES } from "./object/objectCorpus";
import { OBJECT_VARIANTS } from "./object/objectVariants";
import { FULL, type Plan, QUICK, SECTIONS, type Section } from "./plan";
import { markdownReport, updateReadme } from "./report";
import type { BundleSummary, CorpusInfo, Results, Row } from "./results";
import { spawnTask } from "./spawnTask";
import {
  callSummaries,
  memorySummaries,
  objectSummaries,
  renderSummaries,
  STORE_TARGETS,
  storeSummaries,
  streamSummaries,
  targets,
} from "./summarize";
import {
  type CallResult,
  type MemoryResult,
  type ObjectResult,
  RENDER_CLIENTS,
  type RenderResult,
  STORE_VARIANTS,
  type StreamResult,
  type Task,
  type TaskResult,
} from "./tasks";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((arg) => arg.startsWith("--only="))
  ?.slice(7)
  .split(",");
for (const name of only ?? []) {
  if (!SECTIONS.includes(name as Section))
    throw new Error(`--only: unknown section "${name}"; use ${SECTIONS.join(",")}`);
}
const selected = (section: Section) => !only || only.includes(section);
const plan: Plan = quick ? QUICK : FULL;
const started = performance.now();

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Turn r starts at a different client, so no client always runs first (cold caches) or last. */
function rotate<T>(items: readonly T[], turn: number): T[] {
  const shift = turn % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Runs `reps` rounds of one task per client, interleaved, and groups the results by client. */
async function interleaved<C extends string>(
  title: string,
  clients: readonly C[],
  reps: number,
  task: (client: C) => Task,
): Promise<Map<C, TaskResult[]>> {
  const results = new Map<C, TaskResult[]>(clients.map((client) => [client, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const client of rotate(clients, rep)) {
      log(`${title}: ${client} (${rep + 1}/${reps})`);
      results.get(client)!.push(await spawnTask(task(client)));
    }
  }
  return results;
}

const corpusDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
const results: Results = {
  meta: {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    quick,
    seconds: 0,
  },
  corpus: [],
  stream: [],
  store: [],
  object: [],
  calls: [],
  memory: [],
  bundles: { chat: [], hooks: [] },
  renders: [],
  targets: [],
};

try {
  const corpusPath = (deltas: number) => join(corpusDir, `stream-${deltas}`);
  // The store section reads only the 10,000-event body.
  const sizes =
    selected("stream") || selected("memory") ? [10_000, 100_000] : selected("store") ? [10_000] : [];
  for (const deltas of sizes) {
    const corpus = cohereStream(deltas);
    writeFileSync(`${corpusPath(deltas)}.sse`, corpus.body);
    writeFileSync(`${corpusPath(deltas)}.txt`, corpus.text);
    const stats = cutStats(cutBody(corpus.body));
    if (!stats.insideLine || !stats.insideChar)
      throw new Error("the chunk cuts must split lines and characters");
    results.corpus.push({
      deltas,
      bytes: corpus.body.length,
      reads: stats.reads,
      readsEndingInsideLine: stats.insideLine,
      readsStartingInsideCharacter: stats.insideChar,
    } satisfies CorpusInfo);
  }

  if (selected("stream")) {
    for (const [deltas, reps, shape] of [
      [10_000, plan.reps.stream10k, plan.stream10k],
      [100_000, plan.reps.stream100k, plan.stream100k],
    ] as const) {
      const runs = await interleaved(`stream ${deltas}`, CLIENTS, reps, (client) => ({
        kind: "stream",
        client,
        corpus: corpusPath(deltas),
        warmupCorpus: deltas === 100_000 ? corpusPath(10_000) : undefined,
        ...shape,
      }));
      results.stream.push({
        deltas,
        rows: streamSummaries(rows(runs) as Map<ClientName, Row<StreamResult[]>>, deltas),
      });
    }
  }

  if (selected("store")) {
    for (const history of STORE_TARGETS.keys()) {
      const list: TaskResult[] = [];
      for (let rep = 0; rep < plan.reps.store; rep++) {
        const first = STORE_VARIANTS[rep % STORE_VARIANTS.length]!;
        log(`store ${history}: ${first} first (${rep + 1}/${plan.reps.store})`);
        list.push(
          await spawnTask({ kind: "store", history, first, corpus: corpusPath(10_000), ...plan.store }),
        );
      }
      results.store.push({ history, rows: storeSummaries(list) });
    }
  }

  if (selected("object")) {
    const [bare, incremental, reparse] = OBJECT_VARIANTS;
    for (const { products, reparse: slow } of OBJECT_SIZES) {
      const list: TaskResult[] = [];
      for (let rep = 0; rep < plan.reps.object; rep++) {
        const pair = rep % 2 ? [incremental, bare] : [bare, incremental];
        log(`object ${products}: ${pair[0]} first (${rep + 1}/${plan.reps.object})`);
        list.push(await spawnTask({ kind: "object", variants: pair, products, ...plan.object }));
        if (!slow) continue;
        // Seconds per run: once per process, its own warm-up.
        log(`object ${products}: ${reparse} (${rep + 1}/${plan.reps.object})`);
        const once = { warmups: 0, iterations: { min: 1, max: 1, budgetMs: 0 } };
        list.push(await spawnTask({ kind: "object", variants: [reparse], products, ...once }));
      }
      const first = list.find((result) => result.ok)?.value as ObjectResult | undefined;
      results.object.push({
        products,
        characters: first?.characters ?? Number.NaN,
        deltas: first?.deltas ?? Number.NaN,
        bytes: first?.bytes ?? Number.NaN,
        rows: objectSummaries(list),
      });
    }
  }

  if (selected("calls")) {
    // eventsource-parser has no call of its own: it would time the bare fetch twice.
    const clients = CLIENTS.filter((client) => client !== "eventsource-parser");
    const runs = await interleaved("calls", clients, plan.reps.calls, (client) => ({
      kind: "call",
      client,
      ...plan.calls,
    }));
    results.calls = callSummaries(rows(runs) as Map<ClientName, Row<CallResult[]>>);
  }

  if (selected("memory")) {
    const runs = await interleaved("memory", CLIENTS, plan.reps.memory, (client) => ({
      kind: "memory",
      client,
      corpus: corpusPath(100_000),
    }));
    results.memory = memorySummaries(rows(runs) as Map<ClientName, Row<MemoryResult[]>>);
  }

  if (selected("bundle")) {
    const measure = async (entry: (typeof CHAT_BUNDLES)[number]): Promise<Row<BundleSummary>> => {
      log(`bundle: ${entry.name}`);
      try {
        const size = await measureBundle(entry, join(benchDir, "src"));
        return {
          client: entry.name,
          label: entry.name,
          ok: true,
          value: { minKB: size.minBytes / 1000, gzipKB: size.gzipBytes / 1000 },
        };
      } catch (error) {
        return { client: entry.name, label: entry.name, ok: false, error: firstLine(error) };
      }
    };
    for (const entry of CHAT_BUNDLES) results.bundles.chat.push(await measure(entry));
    for (const entry of HOOK_BUNDLES) results.bundles.hooks.push(await measure(entry));
  }

  if (selected("renders")) {
    const runs = await interleaved("renders", RENDER_CLIENTS, plan.reps.renders, (client) => ({
      kind: "render",
      client,
      ...plan.renders,
    }));
    results.renders = renderSummaries(rows(runs) as Map<string, Row<RenderResult[]>>);
  }

  if (selected("load")) {
    results.load = [];
    for (const config of LOAD_CONFIGS) {
      log(`load: ${config.streams} streams, ${config.label}`);
      results.load.push(await measureLoad(config));
    }
  }
} finally {
  rmSync(corpusDir, { recursive: true, force: true });
}

results.targets = targets(results);
results.meta.seconds = Math.round((performance.now() - started) / 1000);
const report = markdownReport(results, plan);
process.stdout.write(`${report}\n`);
mkdirSync(join(benchDir, "results"), { recursive: true });
writeFileSync(join(benchDir, "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
// A partial run (--only) or a quick one must not replace the committed full figures.
if (!quick && !only && !args.includes("--no-readme")) {
  const readme = join(benchDir, "README.md");
  writeFileSync(readme, updateReadme(readFileSync(readme, "utf8"), report));
  log("bench/README.md updated");
}
log(`results written to bench/results/latest.json (${results.meta.seconds} s)`);

/** A client's runs as one row: void on the first failed process, with that process's error. */
function rows<C extends string>(runs: Map<C, TaskResult[]>): Map<C, Row<unknown[]>> {
  const out = new Map<C, Row<unknown[]>>();
  for (const [client, list] of runs) {
    const label = CLIENT_LABELS[client as ClientName] ?? client;
    const failed = list.find((result) => !result.ok);
    out.set(
      client,
      failed && !failed.ok
        ? { client, label, ok: false, error: firstLine(failed.error) }
        : { client, label, ok: true, value: list.map((result) => (result.ok ? result.value : undefined)) },
    );
  }
  return out;
}

/** One line for a table cell: esbuild's own message when the build failed, else the error's first line. */
function firstLine(error: unknown): string {
  const esbuildError = (error as { errors?: Array<{ text: string }> }).errors?.[0]?.text;
  const text = esbuildError ?? (error instanceof Error ? error.message : String(error));
  return text.split("\n")[0]!.slice(0, 300);
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: benchDir, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
