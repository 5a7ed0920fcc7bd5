#!/usr/bin/env node
// The runtime matrix. Packs the published packages, installs the tarballs with npm into a fresh project
// outside the workspace, installs the runtimes from npm once (host/, npm ci), then runs checks.ts on each:
// as it is from node_modules on Node, Bun and Deno; bundled on edge-runtime, workerd and Chromium. No polyfills.
// Writes the runtime x check table into the root README, a vitest-style report to .reports/matrix.json,
// and exits 1 when a check fails that is not a known failure below.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { ENGINES_NODE } from "../scripts/check-package-metadata.mjs";
import { chromiumLaunchOptions } from "../scripts/chromium.mjs";
import { packPackages } from "../scripts/pack-packages.mjs";
import { runCommand as run } from "../scripts/run-command.mjs";
import { writeTestReport } from "../scripts/test-report.mjs";

const here = new URL(".", import.meta.url).pathname;
const root = join(here, "..");
const hostDir = join(here, "host");
const hostRequire = createRequire(join(hostDir, "package.json"));
const hostVersion = (name) =>
  JSON.parse(readFileSync(join(hostDir, "node_modules", name, "package.json"), "utf8")).version;
const hostBin = (path) => join(hostDir, "node_modules", path);

/**
 * Cells known to fail today, each with its reason. They show as failing in the table and are not counted as
 * failures in CI; a known failure that starts passing fails the run, so this list cannot go stale.
 * `checks: "*"` means every check.
 */
const KNOWN_FAILURES = [];

/**
 * Runtimes that serve HTTP: the server handler (@parley/server) is served by each one's own server and a chat
 * streams through it over a real socket (the "server handler" column). A row here without that result fails.
 */
export const SERVES_HTTP = new Set(["node-min", "node-lts", "bun", "deno", "edge-runtime", "workerd"]);

/** The server handler's column (runtimes/serverHandler.ts names it too). */
const SERVER_HANDLER = "server handler";

/** Reads the marked line a process entry prints. */
function parseMarked(stdout) {
  const line = stdout.split("\n").find((l) => l.startsWith("PARLEY_MATRIX "));
  if (!line) throw new Error(`no results printed:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice("PARLEY_MATRIX ".length));
}

function processRuntime(id, label, command, args) {
  return {
    id,
    label,
    async run(app) {
      const options = { cwd: app, env: runtimeEnv(), timeoutMs: 90_000 };
      return parseMarked(await run(command, [...args, "checks.mjs"], options));
    },
  };
}

/** The environment for runtimes: no inherited Node options or package-manager variables. */
function runtimeEnv() {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir() };
  return { ...env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
}

function runtimes() {
  const minimum = ENGINES_NODE.replace(/^>=/, "");
  const nodeMin = hostVersion("node-min").replace(/^v/, "");
  if (nodeMin !== minimum)
    throw new Error(`host/package.json pins node-min ${nodeMin}, but engines.node says ${ENGINES_NODE}`);
  return [
    processRuntime("node-min", `Node ${nodeMin} (engines minimum)`, hostBin("node-min/bin/node"), []),
    processRuntime(
      "node-lts",
      `Node ${hostVersion("node-lts").replace(/^v/, "")} (LTS)`,
      hostBin("node-lts/bin/node"),
      [],
    ),
    processRuntime("bun", `Bun ${hostVersion("bun")}`, hostBin("@oven/bun-linux-x64/bin/bun"), []),
    processRuntime("deno", `Deno ${hostVersion("deno")}`, hostBin(".bin/deno"), [
      "run",
      "--no-prompt",
      "--allow-read",
      "--allow-env",
      "--allow-net=127.0.0.1",
    ]),
    {
      id: "edge-runtime",
      label: `edge-runtime ${hostVersion("edge-runtime")}`,
      async run(app) {
        const { EdgeRuntime, runServer } = hostRequire("edge-runtime");
        const runtime = new EdgeRuntime({ initialCode: readFileSync(join(app, "checks.iife.js"), "utf8") });
        // edge-runtime's own server, turning each request into a fetch event of this runtime.
        const server = await runServer({ runtime, host: "127.0.0.1", port: 0 });
        try {
          const url = JSON.stringify(server.url);
          return JSON.parse(
            await runtime.evaluate(`parleyMatrix.runChecksServedAt(${url}).then((r) => JSON.stringify(r))`),
          );
        } finally {
          await server.close();
        }
      },
    },
    {
      id: "workerd",
      label: `workerd (miniflare ${hostVersion("miniflare")})`,
      async run(app) {
        const { Miniflare } = await import(pathToFileURL(hostRequire.resolve("miniflare")).href);
        const mf = new Miniflare({
          modules: true,
          script: readFileSync(join(app, "worker.mjs"), "utf8"),
          compatibilityDate: "2025-01-01",
          cf: false, // the default fetches a cf.json from the network
        });
        try {
          const results = await (await mf.dispatchFetch("http://localhost/checks")).json();
          return [...results, await serverHandlerThroughMiniflare(app, mf)];
        } finally {
          await mf.dispose();
        }
      },
    },
    {
      id: "chromium",
      label: "Chromium",
      async run(app) {
        const browser = await chromium.launch(chromiumLaunchOptions());
        try {
          this.label = `Chromium ${browser.version()}`;
          const page = await browser.newPage();
          await page.addScriptTag({ content: readFileSync(join(app, "checks.iife.js"), "utf8") });
          return await page.evaluate(() => globalThis.parleyMatrix.runChecks());
        } finally {
          await browser.close();
        }
      },
    },
  ];
}

/**
 * The server handler check on workerd: the worker's fetch handler serves the chat handler, and ClientV2 (in
 * Node, from the tarballs) streams a chat through miniflare's `dispatchFetch`, which reaches workerd over HTTP.
 */
async function serverHandlerThroughMiniflare(app, mf) {
  const { SERVER_HANDLER_CHECK, streamThroughHandler } = await import(
    pathToFileURL(join(app, "host.mjs")).href
  );
  const start = Date.now();
  // miniflare's fetch takes its own undici's signal, not Node's: the request goes without one.
  const fetch = (url, init) =>
    mf.dispatchFetch(String(url), { method: init?.method, headers: init?.headers, body: init?.body });
  try {
    await streamThroughHandler("http://localhost/api", fetch);
    return { name: SERVER_HANDLER_CHECK, ok: true, ms: Date.now() - start };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { name: SERVER_HANDLER_CHECK, ok: false, error: message, ms: Date.now() - start };
  }
}

/** Installs the tarballs into a fresh npm project and builds the four forms of the checks into it. */
async function prepareApp(temp) {
  const packed = packPackages(join(temp, "tarballs"));
  const app = join(temp, "app");
  mkdirSync(app, { recursive: true });
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "parley-matrix", private: true, type: "module", dependencies }, null, 2),
  );
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: app,
  });
  // The checks are compiled where the tarballs are installed, so every import resolves to them.
  for (const path of ["checks.ts", "serverHandler.ts", "entries", "__fixtures__"])
    cpSync(join(here, path), join(app, "src", path), { recursive: true });
  const common = { bundle: true, target: "es2022", logLevel: "warning", absWorkingDir: app };
  await Promise.all([
    build({
      ...common,
      entryPoints: ["src/entries/print.ts"],
      outfile: "checks.mjs",
      format: "esm",
      platform: "neutral",
      packages: "external",
      external: ["node:*"],
    }),
    build({
      ...common,
      entryPoints: ["src/entries/host.ts"],
      outfile: "host.mjs",
      format: "esm",
      platform: "node",
      packages: "external",
    }),
    build({
      ...common,
      entryPoints: ["src/entries/global.ts"],
      outfile: "checks.iife.js",
      format: "iife",
      globalName: "parleyMatrix",
      platform: "browser",
    }),
    build({
      ...common,
      entryPoints: ["src/entries/worker.ts"],
      outfile: "worker.mjs",
      format: "esm",
      platform: "neutral",
    }),
  ]);
  return app;
}

function installHosts() {
  return run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: hostDir,
    timeoutMs: 600_000,
  });
}

/** A cell with no result on purpose: the server handler where the runtime serves no HTTP (Chromium). */
function notApplicable(runtime, check) {
  return check === SERVER_HANDLER && !SERVES_HTTP.has(runtime);
}

function knownFailure(runtime, check) {
  return KNOWN_FAILURES.find((k) => k.runtime === runtime && (k.checks === "*" || k.checks.includes(check)));
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function markdownTable(names, rows) {
  const header = `| runtime | ${names.join(" | ")} |`;
  const rule = `| --- |${names.map(() => " :-: |").join("")}`;
  const notes = [];
  const lines = rows.map(({ label, id, cells }) => {
    const marks = names.map((name) => {
      const cell = cells.get(name);
      if (!cell) return "—";
      if (cell.ok) return "✅";
      const known = knownFailure(id, name);
      const note = known ? `${known.reason} (known; not counted as a CI failure)` : cell.error;
      let index = notes.indexOf(note);
      if (index === -1) index = notes.push(note) - 1;
      return `❌<sup>${index + 1}</sup>`;
    });
    return `| ${label} | ${marks.join(" | ")} |`;
  });
  const footnotes = notes.map((note, i) => `${i + 1}. ${String(note).split("\n")[0]}`);
  const blank = rows.some(({ id }) => names.some((name) => notApplicable(id, name)))
    ? ["— : the runtime serves no HTTP (a page cannot listen), so the server handler is not served there."]
    : [];
  return [header, rule, ...lines, "", ...footnotes, ...blank].join("\n").trimEnd();
}

function writeReadmeTable(table) {
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const begin = "<!-- runtime-matrix:begin -->";
  const end = "<!-- runtime-matrix:end -->";
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1) throw new Error(`README.md has no ${begin} ... ${end} markers`);
  writeFileSync(readme, `${text.slice(0, start + begin.length)}\n${table}\n${text.slice(stop)}`);
}

async function main() {
  const started = Date.now();
  const temp = mkdtempSync(join(tmpdir(), "parley-matrix-"));
  try {
    const [app] = await Promise.all([prepareApp(temp), installHosts()]);
    console.log(`prepared tarballs, bundles and runtimes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // PARLEY_MATRIX_ONLY=deno,bun runs a few runtimes (while debugging; CI runs them all).
    const only = process.env.PARLEY_MATRIX_ONLY?.split(",");
    const list = runtimes().filter((runtime) => !only || only.includes(runtime.id));
    const rows = await pool(
      list.map((runtime) => async () => {
        const t0 = Date.now();
        let results;
        try {
          results = await runtime.run(app);
        } catch (error) {
          // The runtime could not run the script at all: every check fails with that reason.
          const message = String(error?.stack ?? error);
          console.log(
            `${runtime.label} could not run the checks:\n${message.split("\n").slice(0, 12).join("\n")}`,
          );
          results = [{ name: "*", ok: false, error: message.split("\n")[0] }];
        }
        if (SERVES_HTTP.has(runtime.id) && !results.some((r) => r.name === "*" || r.name === SERVER_HANDLER))
          results.push({
            name: SERVER_HANDLER,
            ok: false,
            error: "the runtime serves HTTP, but no server handler check ran",
          });
        console.log(`${runtime.label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        return { id: runtime.id, label: runtime.label, results };
      }),
      3,
    );
    const names = [
      ...new Set(rows.flatMap((row) => row.results.map((r) => r.name)).filter((n) => n !== "*")),
    ];
    const testResults = [];
    for (const row of rows) {
      const whole = row.results.find((r) => r.name === "*");
      row.cells = new Map(names.map((name) => [name, whole ?? row.results.find((r) => r.name === name)]));
      for (const [name, cell] of row.cells) {
        const title = `${row.label} › ${name}`;
        if (!cell && notApplicable(row.id, name)) continue;
        const isKnown = knownFailure(row.id, name);
        if (cell?.ok && isKnown) {
          testResults.push({ title, status: "failed", message: `passes now: remove it from KNOWN_FAILURES` });
          console.log(`  FIXED ${title}: remove it from KNOWN_FAILURES in runtimes/run.mjs`);
        } else if (cell?.ok) {
          testResults.push({ title, status: "passed" });
        } else if (isKnown) {
          testResults.push({ title, status: "pending", message: isKnown.reason });
          console.log(`  known ${title}: ${cell?.error ?? "no result"}`);
        } else {
          testResults.push({ title, status: "failed", message: cell?.error ?? "no result" });
          console.log(`  FAIL  ${title}: ${cell?.error ?? "no result"}`);
        }
      }
    }
    const table = markdownTable(names, rows);
    if (!only) writeReadmeTable(table);
    console.log(`\n${table}\n`);
    const report = writeTestReport(here, "matrix.json", testResults);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: known } = report;
    console.log(`runtime matrix: ${passed} passed, ${failed} failed, ${known} known failing (${seconds} s)`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    if (process.env.PARLEY_MATRIX_KEEP) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}

await main();
