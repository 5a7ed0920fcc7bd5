import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Task, TaskResult } from "./tasks";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * Runs one task in a fresh `node` process. No forced garbage collection between runs: a forced full GC keeps
 * sweeping on helper threads after it returns, which charged every run the same few dozen CPU milliseconds and
 * pulled every ratio toward 1. Runs follow each other, so each pays for the garbage it makes, as in an app.
 * NODE_ENV=production loads React's production build, as shipped apps do.
 */
export function spawnTask(task: Task): Promise<TaskResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WORKER, JSON.stringify(task)],
      { env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) => {
        const last = stdout.trimEnd().split("\n").at(-1) ?? "";
        try {
          resolve(JSON.parse(last) as TaskResult);
        } catch {
          resolve({
            ok: false,
            error: `worker failed (${error?.message ?? "no result"}): ${stderr.slice(-2000)}`,
          });
        }
      },
    );
  });
}
