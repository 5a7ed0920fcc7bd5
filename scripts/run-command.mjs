// Runs a command without a shell and collects its output; shared by consumers/ and runtimes/.
import { spawn } from "node:child_process";

/**
 * Resolves with stdout when the command exits 0; rejects with its output when it fails or runs past
 * `timeoutMs` (then it is killed).
 */
export function runCommand(command, args, { timeoutMs = 120_000, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(" ")} exited ${code ?? signal}\n${err}${out}`.trim()));
    });
  });
}
