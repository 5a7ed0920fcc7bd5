import { loadReport } from "./load/loadReport";
import type { Plan } from "./plan";
import type { Results, Row } from "./results";

const n = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const count = (value: number, noun: string, plural = `${noun}s`) =>
  `${n(value)} ${value === 1 ? noun : plural}`;
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");

function table<S>(head: string[], rows: Row<S>[], cells: (value: S) => string[]): string {
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i ? "---:" : "---")).join(" | ")} |`];
  for (const row of rows) {
    lines.push(
      row.ok
        ? `| ${[row.label, ...cells(row.value)].join(" | ")} |`
        : `| ${[row.label, `void: ${row.error.replaceAll("|", "\\|")}`, ...head.slice(2).map(() => "")].join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** The whole report as Markdown: one table per measurement, then the targets. */
export function markdownReport(results: Results, plan: Plan): string {
  const { meta } = results;
  const out: string[] = [
    `Run ${meta.date.slice(0, 16).replace("T", " ")} UTC on commit ${meta.commit}, Node ${meta.node}, ${meta.cores} × ${meta.cpu}` +
      `${meta.quick ? ", --quick" : ""}; ${meta.seconds} s.`,
  ];

  for (const { deltas, rows } of results.stream) {
    const corpus = results.corpus.find((entry) => entry.deltas === deltas);
    const reps = deltas === 10_000 ? plan.reps.stream10k : plan.reps.stream100k;
    const shape = deltas === 10_000 ? plan.stream10k : plan.stream100k;
    out.push(
      `### Streaming ${n(deltas)} content-delta events`,
      corpus
        ? `${n(corpus.bytes / 1e6, 2)} MB of SSE in ${n(corpus.reads)} reads of about 1 KiB; ${n(corpus.readsEndingInsideLine)} reads end inside a line, ` +
            `${n(corpus.readsStartingInsideCharacter)} start inside a UTF-8 character. ` +
            `${count(reps, "process", "processes")} × ${shape.iterations.min} to ${count(shape.iterations.max, "timed run")} within ${n(shape.iterations.budgetMs / 1000, 1)} s (after ${count(shape.warmups, "warm-up run")}${deltas === 100_000 ? " on the 10,000-event body" : ""}); ` +
            "CPU = median over processes of each one's median run; wall = median over processes of each one's fastest run; rates per CPU second."
        : "",
      table(
        ["client", "CPU ms", "events/s", "MB/s", "vs loop", "wall ms", "vs loop (wall)"],
        rows,
        (value) => [
          n(value.cpuMs, 1),
          n(value.eventsPerSec),
          n(value.mbPerSec, 1),
          ratio(value.ratio),
          n(value.wallMs, 1),
          ratio(value.wallRatio),
        ],
      ),
    );
  }

  if (results.store.length) {
    const corpus = results.corpus.find((entry) => entry.deltas === 10_000);
    out.push(
      "### Chat store: `createChat().send()` against the bare `chatStream()`, one 10,000-event reply",
      `The 10,000-event body${corpus ? ` (${n(corpus.bytes / 1e6, 2)} MB in ${n(corpus.reads)} reads)` : ""}, served as fast as it is read. ` +
        "`chatStream()`: `for await` over the events, appending the text. `createChat().send()`: a new chat holding the earlier messages, " +
        "a subscriber reading every published snapshot, until `send()` resolves. Both send the same transcript. " +
        `${count(plan.reps.store, "process", "processes")}, each timing the two by turns (which goes first alternates), ${plan.store.iterations.min} to ${count(plan.store.iterations.max, "pair")} of runs ` +
        `within ${n(plan.store.iterations.budgetMs / 1000, 1)} s (after ${count(plan.store.warmups, "warm-up pair")}); CPU and wall as for streaming; ` +
        "*vs bare* compares back-to-back runs: the median over processes of each one's median ratio. Wall time includes the store's wait for its final status, which keeps " +
        "that snapshot out of the frame of the last throttled one.",
      ...results.store.map(({ history, rows }) =>
        [
          `With ${count(history, "earlier message")}:`,
          table(["consumer", "CPU ms", "vs bare", "wall ms", "vs bare (wall)"], rows, (value) => [
            n(value.cpuMs, 1),
            ratio(value.ratio),
            n(value.wallMs, 1),
            ratio(value.wallRatio),
          ]),
        ].join("\n\n"),
      ),
    );
  }

  if (results.object.length) {
    out.push(
      "### Structured reply: `chatObjectStream()` against the bare `chatStream()`",
      "A catalogue as indented JSON (src/object/objectCorpus.ts) in content deltas of 4 characters, served in reads of about 1 KiB. " +
        "`chatStream()`: the bare stream, appending the text, parsed once at the end. `chatObjectStream()`: every partial object, then `object()`. " +
        "The last row is the loop `chatObjectStream()` ran before it read the text incrementally (today's `parsePartialJson` on the whole text so far " +
        "at every delta, then `JSON.stringify` to see whether it changed); its time grows with the square of the reply's length, so it runs on the " +
        `smaller replies only, one run in each of ${count(plan.reps.object, "process", "processes")}. The other two run by turns in ` +
        `${count(plan.reps.object, "process", "processes")} (which goes first alternates), ${plan.object.iterations.min} to ` +
        `${count(plan.object.iterations.max, "pair")} of runs within ${n(plan.object.iterations.budgetMs / 1000, 1)} s (after ${count(plan.object.warmups, "warm-up pair")}); ` +
        "CPU and wall as for streaming; *vs bare* for `chatObjectStream()` compares back-to-back runs as for the store, for the loop its CPU over the bare stream's.",
      ...results.object.map(({ products, characters, deltas, bytes, rows }) =>
        [
          `${n(characters / 1000, 1)} kB of JSON (${n(products)} products) in ${n(deltas)} deltas, ${n(bytes / 1e6, 2)} MB of SSE:`,
          table(
            ["consumer", "CPU ms", "vs bare", "wall ms", "vs bare (wall)", "partial objects"],
            rows,
            (value) => [
              n(value.cpuMs, 1),
              ratio(value.ratio),
              n(value.wallMs, 1),
              ratio(value.wallRatio),
              n(value.partials),
            ],
          ),
        ].join("\n\n"),
      ),
    );
  }

  if (results.calls.length) {
    out.push(
      `### Per call: ${n(plan.calls.calls)} sequential non-streaming calls`,
      `${count(plan.reps.calls, "process", "processes")}, each ${plan.calls.warmups} warm-up calls then ${plan.calls.batches} timed batches; CPU per call = ` +
        "median over processes of each one's median batch, wall = of each one's fastest batch; calls/s per CPU second. The loop row is the bare `fetch` + `JSON.parse`; the fake fetch builds " +
        "a fresh `Response` per call, which is most of its cost.",
      table(
        ["client", "calls/s", "CPU µs per call", "µs above bare", "vs bare", "wall µs", "vs bare (wall)"],
        results.calls,
        (value) => [
          n(value.callsPerSec),
          n(value.cpuUs, 1),
          n(value.usAboveBare, 1),
          ratio(value.ratio),
          n(value.wallUs, 1),
          ratio(value.wallRatio),
        ],
      ),
    );
  }

  if (results.memory.length) {
    out.push(
      "### Memory: peak RSS while consuming the 100,000-event stream",
      `One process per client and run, median of ${count(plan.reps.memory, "process", "processes")}. "Before" is the high-water mark once the library ` +
        "is loaded and the 11 MB body read; every process holds the same body.",
      table(["client", "peak MB", "before MB", "growth MB", "vs loop"], results.memory, (value) => [
        n(value.peakMB, 1),
        n(value.beforeMB, 1),
        n(value.growthMB, 1),
        ratio(value.ratio),
      ]),
    );
  }

  if (results.bundles.chat.length || results.bundles.hooks.length) {
    const cells = (value: { minKB: number; gzipKB: number }) => [n(value.minKB, 1), n(value.gzipKB, 1)];
    out.push(
      "### Bundle: esbuild, bundle + minify, browser, ESM; gzip level 9",
      "A chat call and a stream per client (src/bundle/*.ts):",
      table(["entry", "min kB", "gzip kB"], results.bundles.chat, cells),
      "A component with `useChat`, React external:",
      table(["entry", "min kB", "gzip kB"], results.bundles.hooks, cells),
    );
  }

  if (results.renders.length) {
    out.push(
      `### Renders: useChat consuming ${n(plan.renders.tokens)} tokens, one per network read, ${plan.renders.delayMs} ms apart`,
      `React 19 production build under happy-dom with a 60 Hz \`requestAnimationFrame\`; median of ${count(plan.reps.renders, "process", "processes")}. ` +
        "Commits of the chat component from the send to the last token; first token = from the read that carried it to the commit that showed it.",
      table(
        [
          "hook",
          "commits",
          "frames",
          "commits per frame",
          "max in one frame",
          "frames with 2+",
          "first token ms",
        ],
        results.renders,
        (value) => [
          n(value.commits),
          n(value.frames),
          n(value.commitsPerFrame, 2),
          n(value.maxCommitsPerFrame),
          n(value.crowdedFrames),
          n(value.firstTokenMs, 1),
        ],
      ),
    );
  }

  out.push(...loadReport(results.load ?? []));

  if (results.targets.length) {
    out.push(
      "### Targets",
      [
        "| target | this run | met |",
        "| --- | --- | --- |",
        ...results.targets.map(
          (target) =>
            `| ${target.target} | ${target.actual} | ${target.met === undefined ? "–" : target.met ? "yes" : "**no**"} |`,
        ),
      ].join("\n"),
    );
  }
  return out.filter(Boolean).join("\n\n");
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Replaces the figures between the markers, leaving the prose around them alone. */
export function updateReadme(readme: string, report: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`bench/README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${report}\n${readme.slice(end)}`;
}
