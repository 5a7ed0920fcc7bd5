// Node, Bun and Deno: run the checks with the packages imported from node_modules, print one marked line.
import { runChecks } from "../checks";

console.log(`PARLEY_MATRIX ${JSON.stringify(await runChecks())}`);
