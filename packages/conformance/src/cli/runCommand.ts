import { stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadCassettes } from "../cassette/loadCassettes";
import { CassetteError } from "../cassette/parseCassette";
import { ClientNotFoundError, loadClients } from "../clients/loadClients";
import { runClients } from "../clients/runClients";
import type { SdkClient } from "../clients/sdkClient";
import type { FetchLike } from "../http/fetchLike";
import { describeNetworkError } from "../http/networkError";
import { createReplayFetch } from "../replay/replayFetch";
import { formatHtml } from "../report/formatHtml";
import { formatJunit } from "../report/formatJunit";
import { formatMarkdown } from "../report/formatMarkdown";
import { formatProgress, formatSummary, formatTerminal } from "../report/formatTerminal";
import { runVerdict } from "../report/runVerdict";
import { maskKey, maskUrl, redact } from "../secrets/maskSecret";
import { createSimulatedProvider } from "../simulator/simulatedProvider";
import { SUITE_CASES } from "../suite/cases";
import { casesFromCassettes } from "../suite/casesFromCassettes";
import { type RunSuiteOptions, runSuite } from "../suite/runSuite";
import { CAPABILITIES, type Capability, type SuiteReport } from "../suite/types";
import { describeClients } from "./describeClients";
import { type CommandIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parsePositive, UsageError } from "./io";
import { notFoundNote } from "./notFoundNote";

export const RUN_HELP = `Usage: parley-conformance run --base-url <url> [--api-key <key>] [--model <m>] [options]
       parley-conformance run --cassettes <file|dir>... [options]
       parley-conformance run --simulate [options]

Runs the conformance suite and prints a report. Protocol is judged strictly, model behaviour leniently.
Every exchange also drives @parley/core's client (client conformance). Exits 1 when a required check or a
--clients SDK fails (recommended checks only warn), 2 when the run cannot start.

Target (one of):
  --base-url <url>        a live provider speaking Cohere's Chat API v2 (Cohere, a gateway, a proxy)
  --cassettes <path>...   replay recordings: each recorded request is sent and its answer judged
  --simulate              the built-in simulated provider

Options:
  --api-key <key>         sent as a bearer token; enables the bad-key case  (default: $CO_API_KEY for --base-url)
  --model <id>            model for the built-in cases                      (default: command-a-03-2025)
  --capabilities <list>   what the provider offers, comma-separated; other cases are skipped (default: all)
  --skip <list>           capabilities to skip, comma-separated
  --format <f>            terminal | json | junit | markdown | html         (default: terminal)
  --out <file>            write the --format report to a file (its folder must exist); the table still prints
  --timeout-ms <n>        longest wait for one answer                       (default: 120000)
  --no-client             judge the provider only, not @parley/core's client
  --clients <list>        also send the run's requests through these SDKs, installed in the current folder:
                          cohere-ai, @ai-sdk/cohere (which needs ai); each is judged on what it shows
  -h, --help              show this help

Capabilities: ${CAPABILITIES.join(", ")}
`;

const FORMATS = ["terminal", "json", "junit", "markdown", "html"] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_MODEL = "command-a-03-2025";
const CHAT_PATH = "/v2/chat";

/**
 * `parley-conformance run`: runs the suite against a live URL, cassettes or the simulator, prints progress to
 * stderr and the report to stdout (its last line `N passed, N failed`), and returns the exit code: 0 when no
 * case failed (see `runVerdict`: a required check, or a `--clients` SDK), 1 when one did, 2 when the run could not
 * start (bad usage, an unreachable target, cassettes that cannot be loaded).
 */
export async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === "run" ? argv.slice(1) : argv;
  const secrets: Array<string | undefined> = [];
  const write = (stream: CommandIo["stdout"], text: string) => stream.write(redact(text, secrets));
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        "base-url": { type: "string" },
        "api-key": { type: "string" },
        model: { type: "string" },
        cassettes: { type: "string", multiple: true },
        simulate: { type: "boolean" },
        capabilities: { type: "string" },
        skip: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        "timeout-ms": { type: "string" },
        "no-client": { type: "boolean" },
        clients: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout.write(RUN_HELP);
      return EXIT_OK;
    }
    const sources = [
      values["base-url"] !== undefined,
      values.cassettes !== undefined,
      values.simulate === true,
    ];
    if (sources.filter(Boolean).length !== 1) {
      throw new UsageError(
        "give exactly one target: --base-url <url>, --cassettes <file|dir>... or --simulate",
      );
    }
    if (positionals.length > 0 && !values.cassettes) {
      throw new UsageError(`unexpected argument "${positionals[0]}"; cassette paths follow --cassettes`);
    }
    const format = (values.format ?? "terminal") as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
    const capabilities = parseCapabilities(values.capabilities, "--capabilities");
    const skip = parseCapabilities(values.skip, "--skip");
    const timeoutMs = parsePositive(values["timeout-ms"], "--timeout-ms");
    const apiKey =
      values["api-key"] ?? (values["base-url"] !== undefined ? io.env?.CO_API_KEY : undefined) ?? undefined;
    secrets.push(apiKey);
    const model = values.model ?? DEFAULT_MODEL;
    // Checked before anything is sent: a live run can take minutes, and its report must have somewhere to go.
    if (values.out !== undefined) await checkOut(values.out);
    const clients = await parseClients(values.clients, io.cwd ?? process.cwd());
    const notes: string[] = [];

    let options: RunSuiteOptions;
    let chatUrl: string | undefined;
    if (values["base-url"] !== undefined) {
      const given = values["base-url"];
      if (!/^https?:\/\//i.test(given) || !URL.canParse(given)) {
        throw new UsageError(`--base-url must be an http(s) URL, got "${given}"`);
      }
      const { baseUrl, note } = correctBaseUrl(given);
      if (note) {
        notes.push(note);
        write(io.stderr, `parley-conformance run: ${note}\n`);
      }
      const fetch: FetchLike = (input, init) => globalThis.fetch(input, init);
      const unreachable = await reach(fetch, baseUrl);
      if (unreachable) {
        write(io.stderr, `parley-conformance run: cannot reach ${maskUrl(baseUrl)}: ${unreachable}\n`);
        return EXIT_USAGE;
      }
      chatUrl = maskUrl(`${baseUrl}${CHAT_PATH}`);
      options = {
        mode: "live",
        target: { fetch, baseUrl, model, ...(apiKey ? { apiKey } : {}) },
        targetLabel: `${chatUrl}${apiKey ? ` (key ${maskKey(apiKey)})` : " (no key)"}`,
      };
    } else if (values.cassettes !== undefined) {
      const paths = [...values.cassettes, ...positionals];
      const cassettes = await loadCassettes(paths);
      const fetch = createReplayFetch(cassettes);
      options = {
        mode: "replay",
        target: { fetch, baseUrl: "http://replay.invalid", model: "(as recorded)" },
        cases: casesFromCassettes(cassettes),
        clientFetch: fetch,
        targetLabel: `cassettes ${paths.join(" ")}`,
      };
    } else {
      const fetch = createSimulatedProvider({
        tokensPerSecond: 0,
        firstTokenDelayMs: 0,
        ...(apiKey ? { apiKey } : {}),
      });
      options = {
        mode: "simulated",
        target: {
          fetch,
          baseUrl: "http://simulated.invalid",
          model,
          deterministic: true,
          ...(apiKey ? { apiKey } : {}),
        },
        targetLabel: `simulated provider${apiKey ? ` (key ${maskKey(apiKey)})` : ""}`,
      };
    }

    const report = await runSuite({
      ...options,
      ...(capabilities ? { capabilities } : {}),
      ...(skip ? { skip } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      client: !values["no-client"],
      onProgress: (event) => {
        const line = formatProgress(event);
        if (line) write(io.stderr, `${line}\n`);
      },
    });

    const notFound = chatUrl === undefined ? undefined : notFoundNote(report, chatUrl);
    if (notFound) {
      notes.push(notFound);
      write(io.stderr, `parley-conformance run: ${notFound}\n`);
    }
    if (notes.length > 0) report.notes = notes;
    if (clients.length > 0) {
      write(io.stderr, `Sending the run's requests through ${clients.map(describeClient).join(", ")}\n`);
      report.clients = await runClients({
        clients,
        cases: options.cases ?? SUITE_CASES,
        report,
        target: options.target,
        ...(timeoutMs ? { timeoutMs } : {}),
      });
    }
    // The rule the last line counts by: `N failed` there is never 0 when the run exits 1, nor the reverse.
    const failedRun = runVerdict(report).failed > 0;
    if (format !== "terminal" && values.out === undefined) {
      write(io.stdout, render(report, format));
      write(io.stderr, `${formatSummary(report)}\n`);
      return failedRun ? EXIT_FAILURE : EXIT_OK;
    }
    // The table first: a report file that cannot be written never costs the printed result.
    write(io.stdout, `${terminalReport(report)}\n`);
    if (values.out !== undefined) {
      try {
        await writeFile(values.out, redact(render(report, format), secrets));
      } catch (error) {
        // Not a case's failure (the last line may say 0 failed): the run's output could not be delivered.
        write(io.stderr, `parley-conformance run: cannot write ${values.out}: ${(error as Error).message}\n`);
        return EXIT_USAGE;
      }
    }
    return failedRun ? EXIT_FAILURE : EXIT_OK;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (
      error instanceof UsageError ||
      error instanceof ClientNotFoundError ||
      (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))
    ) {
      write(
        io.stderr,
        `parley-conformance run: ${(error as Error).message}\nSee 'parley-conformance run --help'.\n`,
      );
      return EXIT_USAGE;
    }
    // Cassettes that cannot be loaded leave nothing to judge: exit 2 like an unreachable URL, not 1 (a failed
    // check), and without a pointer to --help, as no flag was wrong. The message names the file and JSON path.
    if (error instanceof CassetteError) {
      write(io.stderr, `parley-conformance run: ${error.message}\n`);
      return EXIT_USAGE;
    }
    write(io.stderr, `parley-conformance run: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
}

/**
 * The terminal report with the clients line (which clients ran, and whether they passed) just before the summary
 * that `formatTerminal` always ends with; the line is the CLI's, as only the CLI can add `--clients`.
 */
function terminalReport(report: SuiteReport): string {
  const text = formatTerminal(report);
  const summary = formatSummary(report);
  return `${text.slice(0, text.length - summary.length)}${describeClients(report)}\n\n${summary}`;
}

function render(report: SuiteReport, format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ ...report, verdict: runVerdict(report) }, null, 2)}\n`;
    case "junit":
      return formatJunit(report);
    case "markdown":
      return formatMarkdown(report);
    case "html":
      return formatHtml(report);
    default:
      return `${terminalReport(report)}\n`;
  }
}

function parseCapabilities(value: string | undefined, flag: string): Capability[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = list.filter((c) => !CAPABILITIES.includes(c as Capability));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flag}: unknown capability ${unknown.map((c) => `"${c}"`).join(", ")}; known: ${CAPABILITIES.join(", ")}`,
    );
  }
  return list as Capability[];
}

async function parseClients(value: string | undefined, cwd: string): Promise<SdkClient[]> {
  if (value === undefined) return [];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--clients needs a list, e.g. cohere-ai,@ai-sdk/cohere");
  return loadClients(names, cwd);
}

function describeClient(client: SdkClient): string {
  return client.version ? `${client.name} ${client.version}` : client.name;
}

/** `--out` must name a file in a folder that exists. */
async function checkOut(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--out ${out}: the folder ${folder} does not exist`);
  if ((await stat(out).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`--out ${out} is a folder; give a file name`);
  }
}

/**
 * A base URL that already ends in the chat path's `/v2` (or the whole `/v2/chat`) would be called as
 * `/v2/v2/chat` and answer 404 everywhere: it is trimmed, with a note saying so.
 */
export function correctBaseUrl(given: string): { baseUrl: string; note?: string } {
  const trimmed = given.replace(/\/+$/, "");
  const url = new URL(trimmed);
  const path = url.pathname.replace(/\/+$/, "");
  const match = /\/v2(?:\/chat)?$/.exec(path);
  if (!match) return { baseUrl: trimmed };
  url.pathname = path.slice(0, match.index) || "/";
  const baseUrl = url.toString().replace(/\/+$/, "");
  return {
    baseUrl,
    note: `--base-url ${maskUrl(given)} ends in ${match[0]}; calling ${maskUrl(`${baseUrl}${CHAT_PATH}`)} (not ${maskUrl(`${trimmed}${CHAT_PATH}`)})`,
  };
}

/** Any HTTP answer means the provider is there; only a failed connection is reported, before any case runs. */
async function reach(fetch: FetchLike, baseUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, "")}${CHAT_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(15_000),
    });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    return describeNetworkError(error);
  }
}
