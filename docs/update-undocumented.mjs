#!/usr/bin/env node
// Keeps undocumented.json (the public API items that had no doc comment when the docs check began) honest:
// drops the names TypeDoc reports as documented now or gone. It never adds a name, except with --init,
// which writes every currently undocumented name (used once, to start the list).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const here = new URL(".", import.meta.url).pathname;
const file = `${here}undocumented.json`;
const init = process.argv.includes("--init");
if (init) writeFileSync(file, "[]\n");

const run = spawnSync("pnpm", ["exec", "typedoc", "--emit", "none", "--treatWarningsAsErrors", "false"], {
  cwd: here,
  encoding: "utf8",
});
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes of TypeDoc's log
const log = `${run.stdout}${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, "");
const current = JSON.parse(readFileSync(file, "utf8"));
let next;
if (init) {
  const missing = [
    ...log.matchAll(/\[warning\] (\S+) \(\w+\), defined in .* does not have any documentation/g),
  ];
  next = [...new Set(missing.map((m) => m[1]))].sort();
} else {
  const stale =
    /marked as intentionally not documented, but were either not referenced[^\n]*:\n((?:\t[^\n]*\n?)*)/.exec(
      log,
    );
  const gone = new Set(
    (stale?.[1] ?? "")
      .split(/[\n\t,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  next = current.filter((name) => !gone.has(name));
}
writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
console.log(`undocumented.json: ${current.length} -> ${next.length} names`);
