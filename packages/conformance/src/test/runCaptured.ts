import { runCommand } from "../cli/runCommand";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line of stdout: the summary line, when the run got that far. */
  lastLine: string;
}

/**
 * Runs `parley-conformance run` in this process with `argv`, keeping what it writes, with no environment;
 * `cwd` is where `--clients` looks for the SDKs.
 */
export async function runCaptured(argv: string[], cwd?: string): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await runCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    ...(cwd === undefined ? {} : { cwd }),
  });
  return { code, stdout, stderr, lastLine: stdout.trimEnd().split("\n").at(-1) ?? "" };
}
