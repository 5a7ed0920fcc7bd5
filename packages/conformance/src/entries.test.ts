import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The published entries as plain node loads them (turbo builds the package before its tests): each class exists
// once across `@parley/conformance` and `@parley/conformance/node`, with import and with require.
const cwd = fileURLToPath(new URL("..", import.meta.url));
const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd });

const esm = `
import { CassetteError, SecretLeakError } from "@parley/conformance";
import { loadCassette, writeCassette } from "@parley/conformance/node";
const cassette = await loadCassette("/nonexistent/a.json").catch((error) => error);
const leak = await writeCassette("/nonexistent/b.json", { interactions: [], notes: "Bearer abcdefghijklmnop1234" }).catch((error) => error);
console.log(JSON.stringify([cassette instanceof CassetteError, leak instanceof SecretLeakError]));
`;
const cjs = `
const { CassetteError, SecretLeakError } = require("@parley/conformance");
const { loadCassette, writeCassette } = require("@parley/conformance/node");
(async () => {
  const cassette = await loadCassette("/nonexistent/a.json").catch((error) => error);
  const leak = await writeCassette("/nonexistent/b.json", { interactions: [], notes: "Bearer abcdefghijklmnop1234" }).catch((error) => error);
  console.log(JSON.stringify([cassette instanceof CassetteError, leak instanceof SecretLeakError]));
})();
`;

describe("the built entries", () => {
  it("share one CassetteError and one SecretLeakError between the main and node entries, with import", async () => {
    const { stdout } = await node(["--input-type=module", "-e", esm]);
    expect(JSON.parse(stdout)).toEqual([true, true]);
  });

  it("share them with require too", async () => {
    const { stdout } = await node(["--input-type=commonjs", "-e", cjs]);
    expect(JSON.parse(stdout)).toEqual([true, true]);
  });
});
