import { main } from "./cli/main";

// The binary: wires the process to the CLI function. SIGINT/SIGTERM stop long-running commands cleanly (a second
// signal exits at once, for when something hangs).
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: stop.signal,
  env: process.env,
});
