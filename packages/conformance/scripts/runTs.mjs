// Runs a TypeScript script of this package (Node 20 cannot strip types): vite loads the module, then its
// `main(args)` runs and its result is the exit code. Usage: node scripts/runTs.mjs scripts/buildCorpus.ts [args]
import { resolve } from "node:path";
import { runnerImport } from "vite";

const [file, ...args] = process.argv.slice(2);
const { module } = await runnerImport(resolve(file));
process.exitCode = await module.main(args);
