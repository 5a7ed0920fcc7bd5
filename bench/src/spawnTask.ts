import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Task, TaskResult } from "./tasks";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * Runs one task in a fresh `node` process. `--expose-gc` lets the timed loops start each run on a clean heap;
 * memory tasks run without it, so the garbage collector behaves as it does for users. NODE_ENV=production
 * loads React's production build, as shipped apps do.
 */
export function spawnTask(task: Task): Promise<TaskResult> {
  const flags = task.kind === "memory" ? [] : ["--expose-gc"];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...flags, WORKER, JSON.stringify(task)],
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
