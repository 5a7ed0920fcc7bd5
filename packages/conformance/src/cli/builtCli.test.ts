import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The published CLI is the built file run by plain node, not this package's TypeScript: turbo builds the package
// before its tests (see turbo.json), and these tests run what users run.
const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [cli, ...args]).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );

describe("the built parley-conformance CLI under plain node", () => {
  it("prints its help and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: parley-conformance <command>/);
  });

  it("runs the suite against the simulated provider and ends with the summary line", async () => {
    const { code, stdout } = await run(["run", "--simulate"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed(, \d+ skipped)?$/);
  });

  it("prints the package version for --version", async () => {
    const { code, stdout } = await run(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it("exits 2 on an unknown command", async () => {
    const { code, stderr } = await run(["nope"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "nope"/);
  });
});
