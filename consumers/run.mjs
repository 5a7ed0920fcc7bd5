#!/usr/bin/env node
// Consumers built from the tarballs. Packs the published packages, then installs the tarballs with npm (never a
// link, never the workspace) into fresh projects in a temporary folder outside the repository:
//   vite-react/  a Vite + React app with useChat, built, then one streamed reply in Chromium against the
//                simulated provider served by the app's own Node server (serve.mjs)
//   node/        Node ESM and CommonJS scripts (esm.mjs also streams a chat through @parley/server's handler on
//                node:http), the conformance bin, and a TypeScript check of consumer files under bundler, node16
//                and nodenext resolution with skipLibCheck off
// Writes a vitest-style report to .reports/consumers.json and exits 1 when a step fails.
import { spawn } from "node:child_process";
import { cpSync, lstatSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../scripts/chromium.mjs";
import { packPackages } from "../scripts/pack-packages.mjs";
import { runCommand } from "../scripts/run-command.mjs";
import { writeTestReport } from "../scripts/test-report.mjs";

const here = new URL(".", import.meta.url).pathname;

/** Third-party versions the fresh projects install next to the tarballs (the ones the workspace uses). */
const VERSIONS = {
  react: "19.3.1",
  "react-dom": "19.3.1",
  vite: "8.3.8",
  "@vitejs/plugin-react": "6.3.0",
  typescript: "6.0.3",
  "@types/react": "19.3.0",
  "@types/react-dom": "19.3.0",
  "@types/node": "20.19.43",
};
const PROJECTS = {
  "vite-react": ["react", "react-dom", "vite", "@vitejs/plugin-react", "@types/react", "@types/react-dom"],
  node: ["react", "typescript", "@types/react", "@types/node"],
};
const tests = [];
/** Runs one step as a test; a step whose prerequisite failed is reported as failed too, not skipped silently. */
async function step(title, body, prerequisite = true) {
  const started = Date.now();
  if (!prerequisite) {
    tests.push({ title, status: "failed", message: "not run: an earlier step failed" });
    console.log(`FAIL  ${title} (not run: an earlier step failed)`);
    return false;
  }
  try {
    await body();
    tests.push({ title, status: "passed", duration: Date.now() - started });
    console.log(`ok    ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    const message = String(error?.stack ?? error);
    tests.push({ title, status: "failed", message, duration: Date.now() - started });
    console.log(`FAIL  ${title}\n${message.split("\n").slice(0, 30).join("\n")}`);
    return false;
  }
}

/** Copies a template into a fresh folder and installs its dependencies and the tarballs with npm. */
async function install(temp, name, packed) {
  const dir = join(temp, name);
  cpSync(join(here, name), dir, { recursive: true });
  const dependencies = {
    ...Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])),
    ...Object.fromEntries(PROJECTS[name].map((dep) => [dep, VERSIONS[dep]])),
  };
  const pkg = { name: `parley-consumer-${name}`, private: true, type: "module", dependencies };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  await runCommand("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  for (const { name: packageName } of packed) {
    if (lstatSync(join(dir, "node_modules", packageName)).isSymbolicLink())
      throw new Error(`${packageName} was linked, not installed from its tarball`);
  }
  return dir;
}

/** Starts serve.mjs and resolves with its URL and a stop function. */
function startServer(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["serve.mjs"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve.mjs printed no URL:\n${out}`));
    }, 20_000);
    const stop = () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      });
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /LISTENING (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited ${code}:\n${out}`));
    });
  });
}

/** Sends one message in the built app and checks that the reply streamed in before it completed. */
async function streamedReplyInChromium(url) {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    // What broke in the page, for the failure message: uncaught errors, console errors, requests that failed or
    // got an error status (a chunk missing from the build, a module that does not resolve).
    const pageErrors = [];
    const consoleErrors = [];
    const failedRequests = [];
    page.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("requestfailed", (request) =>
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`),
    );
    page.on("response", (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.url()}: ${response.status()}`);
    });
    const whatBroke = () =>
      [
        pageErrors.length > 0 ? `page errors: ${pageErrors.join("; ")}` : "",
        consoleErrors.length > 0 ? `console errors: ${consoleErrors.join("; ")}` : "",
        failedRequests.length > 0 ? `failed requests: ${failedRequests.join("; ")}` : "",
      ]
        .filter(Boolean)
        .join("\n") || "no page error, console error or failed request";
    const explain = async (what, action) => {
      try {
        return await action();
      } catch (error) {
        throw new Error(`${what}: ${error.message.split("\n")[0]}\n${whatBroke()}`, { cause: error });
      }
    };
    await page.goto(url);
    await explain("the app shows no Send button", () => page.getByRole("button", { name: "Send" }).waitFor());
    // Record every length the reply takes while it renders, to tell streaming from one late update.
    await page.evaluate(() => {
      const lengths = [];
      globalThis.replyLengths = lengths;
      new MutationObserver(() => {
        const reply = document.querySelector('li[data-role="assistant"]');
        const length = reply?.textContent?.length ?? 0;
        if (length > 0 && length !== lengths.at(-1)) lengths.push(length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Send" }).click();
    await explain("no reply showed", () => page.locator('li[data-role="assistant"]').waitFor());
    await explain("the chat never became ready again", () =>
      page.waitForFunction(
        () => document.querySelector('[data-testid="status"]')?.textContent === "ready",
        null,
        { timeout: 30_000 },
      ),
    );
    const reply = await page.locator('li[data-role="assistant"]').textContent();
    const lengths = await page.evaluate(() => globalThis.replyLengths);
    const error = await page.locator('[data-testid="error"]').count();
    if (error > 0)
      throw new Error(`the app shows an error: ${await page.locator('[data-testid="error"]').textContent()}`);
    if (!reply || reply.length < 20) throw new Error(`reply too short: ${JSON.stringify(reply)}`);
    if (lengths.length < 3) throw new Error(`the reply did not stream: lengths ${JSON.stringify(lengths)}`);
    if (pageErrors.length > 0) throw new Error(whatBroke());
    console.log(`      reply rendered in ${lengths.length} steps: ${JSON.stringify(reply.slice(0, 80))}…`);
  } finally {
    await browser.close();
  }
}

async function viteReact(temp, packed) {
  let dir;
  const installed = await step(
    "vite-react: npm installs the tarballs into a fresh Vite + React app",
    async () => {
      dir = await install(temp, "vite-react", packed);
    },
  );
  const built = await step(
    "vite-react: vite build",
    () => runCommand(join(dir, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: dir }),
    installed,
  );
  await step(
    "vite-react: one streamed reply through useChat in Chromium",
    async () => {
      const server = await startServer(dir);
      try {
        await streamedReplyInChromium(server.url);
      } finally {
        await server.stop();
      }
    },
    built,
  );
}

async function node(temp, packed) {
  let dir;
  const installed = await step("node: npm installs the tarballs into a fresh Node project", async () => {
    dir = await install(temp, "node", packed);
  });
  await step("node: ESM script", () => runCommand(process.execPath, ["esm.mjs"], { cwd: dir }), installed);
  await step(
    "node: CommonJS script",
    () => runCommand(process.execPath, ["cjs.cjs"], { cwd: dir }),
    installed,
  );
  await step(
    "node: `npx --no -- parley-conformance --version` prints the package's version",
    async () => {
      // `--no --` keeps npx from taking `--version` for itself (it would print npm's version).
      const printed = await runCommand("npx", ["--no", "--", "parley-conformance", "--version"], {
        cwd: dir,
      });
      const { version } = packed.find((p) => p.name === "@parley/conformance") ?? {};
      if (printed.trim() !== version)
        throw new Error(`printed ${JSON.stringify(printed)}, expected the package version ${version}`);
    },
    installed,
  );
  for (const mode of ["bundler", "node16", "nodenext"]) {
    await step(
      `node: TypeScript under ${mode} resolution, skipLibCheck off${mode === "bundler" ? ", exactOptionalPropertyTypes on" : ""}`,
      () => runCommand(join(dir, "node_modules/.bin/tsc"), ["-p", `tsconfig.${mode}.json`], { cwd: dir }),
      installed,
    );
  }
}

async function main() {
  const started = Date.now();
  const temp = mkdtempSync(join(tmpdir(), "parley-consumers-"));
  try {
    let packed = [];
    const ok = await step("pack: every published package packs with LICENSE, README and its files", () => {
      packed = packPackages(join(temp, "tarballs"));
    });
    if (ok)
      console.log(
        `      ${packed.map((p) => `${p.name}@${p.version} (${p.files.length} files)`).join(", ")}`,
      );
    await Promise.all([viteReact(temp, packed), node(temp, packed)]);
    const report = writeTestReport(here, "consumers.json", tests);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`consumers: ${report.numPassedTests} passed, ${report.numFailedTests} failed (${seconds} s)`);
    process.exitCode = report.numFailedTests === 0 ? 0 : 1;
  } finally {
    if (process.env.PARLEY_CONSUMERS_KEEP) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}

await main();
