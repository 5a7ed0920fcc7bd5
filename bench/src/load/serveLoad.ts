/**
 * The load section: `parley-conformance serve --simulate` in a process of its own (the built CLI, as users run it),
 * 1,000 streams opened at once from this process, each on a connection of its own. Every stream must arrive whole
 * (status 200, a `message-end`, then `data: [DONE]`); the rest are counted as lost, with the reason.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface LoadConfig {
  label: string;
  /** `serve` flags beyond `--simulate --port 0`. */
  args: string[];
  streams: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadSummary {
  label: string;
  streams: number;
  completed: number;
  lost: number;
  /** The first few reasons a stream was lost. */
  lostReasons: string[];
  /** From sending the request to the first byte of the body (the `message-start` event), ms. */
  firstByteMs: Percentiles;
  /** From sending the request to the end of the stream, ms. */
  totalMs: Percentiles;
  /** From the first request to the last stream's end, ms. */
  wallMs: number;
  /** The server process's CPU time over the run (user + system), ms; undefined off Linux. */
  serverCpuMs: number | undefined;
  /** The server process's peak RSS (VmHWM), MB; undefined off Linux. */
  serverPeakMB: number | undefined;
}

/** 1,000 streams paced as the simulator paces by default, then as fast as it can send them. */
export const LOAD_CONFIGS: readonly LoadConfig[] = [
  { label: "paced (60 tokens/s, first token after 250 ms)", args: [], streams: 1000 },
  { label: "unpaced (--tokens-per-second 0)", args: ["--tokens-per-second", "0"], streams: 1000 },
];

const WARMUP_STREAMS = 50;

export async function measureLoad(config: LoadConfig): Promise<LoadSummary> {
  const server = await startServer(config.args);
  try {
    await Promise.all(Array.from({ length: WARMUP_STREAMS }, (_, i) => oneStream(server.url, -1 - i)));
    const cpuBefore = processCpuMs(server.child.pid);
    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: config.streams }, (_, i) => oneStream(server.url, i)),
    );
    const wallMs = performance.now() - started;
    const cpuAfter = processCpuMs(server.child.pid);
    const done = runs.filter((run): run is StreamRun & { ok: true } => run.ok);
    const lost = runs.filter((run): run is StreamRun & { ok: false } => !run.ok);
    return {
      label: config.label,
      streams: config.streams,
      completed: done.length,
      lost: lost.length,
      lostReasons: [...new Set(lost.map((run) => run.reason))].slice(0, 5),
      firstByteMs: percentiles(done.map((run) => run.firstByteMs)),
      totalMs: percentiles(done.map((run) => run.totalMs)),
      wallMs,
      serverCpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      serverPeakMB: peakMB(server.child.pid),
    };
  } finally {
    await server.stop();
  }
}

type StreamRun = { ok: true; firstByteMs: number; totalMs: number } | { ok: false; reason: string };

/** One streamed chat on a connection of its own; each prompt differs, so replies differ in length. */
function oneStream(url: string, n: number): Promise<StreamRun> {
  const body = JSON.stringify({
    model: "command-a-03-2025",
    messages: [{ role: "user", content: `Question ${n}: how do streams hold up under load?` }],
    stream: true,
  });
  return new Promise((resolve) => {
    const start = performance.now();
    let firstByteMs = Number.NaN;
    let text = "";
    const req = request(
      `${url}/v2/chat`,
      { method: "POST", agent: false, headers: { "content-type": "application/json" } },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text === "") firstByteMs = performance.now() - start;
          text += chunk;
        });
        res.on("end", () => {
          const totalMs = performance.now() - start;
          if (res.statusCode !== 200) resolve({ ok: false, reason: `status ${res.statusCode}` });
          else if (!text.includes("event: message-end") || !text.endsWith("data: [DONE]\n\n"))
            resolve({ ok: false, reason: "the stream ended before its end" });
          else resolve({ ok: true, firstByteMs, totalMs });
        });
        res.on("error", (error) => resolve({ ok: false, reason: error.message }));
      },
    );
    req.on("error", (error) => resolve({ ok: false, reason: error.message }));
    req.end(body);
  });
}

async function startServer(
  args: string[],
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("@parley/conformance/package.json")), "dist", "cli.js");
  const child = spawn(process.execPath, [cli, "serve", "--simulate", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /Listening on (\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr.slice(-500)}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** utime + stime of a process from /proc, in ms (Linux; USER_HZ is 100 there). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function peakMB(pid: number | undefined): number | undefined {
  try {
    const kB = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kB === undefined ? undefined : (Number(kB) * 1024) / 1e6;
  } catch {
    return undefined;
  }
}
