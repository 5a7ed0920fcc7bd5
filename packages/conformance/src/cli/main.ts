import { version } from "../../package.json";
import { type CommandIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "./io";
import { recordCommand } from "./recordCommand";
import { runCommand } from "./runCommand";
import { serveCommand } from "./serveCommand";

export const MAIN_HELP = `Usage: parley-conformance <command> [options]

Record, replay and judge Cohere Chat API v2 traffic.

Commands:
  serve    answer the API from cassettes (--cassettes) or a simulated provider (--simulate)
  record   proxy to a real API and write what passes through as cassettes, with no key in them
  run      run the conformance suite against a provider, cassettes or the simulator

Run 'parley-conformance <command> --help' for a command's options; --version prints the version.
`;

const COMMANDS: Record<string, (argv: string[], io: CommandIo) => Promise<number>> = {
  serve: serveCommand,
  record: recordCommand,
  run: runCommand,
};

/**
 * The whole CLI as a function: parses `argv` (without node and the script), runs the command and returns the exit
 * code: 0 done, 1 failed, 2 bad usage (printed with a pointer to --help).
 */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return main([topic, "--help"], io);
    (name === undefined ? io.stderr : io.stdout).write(MAIN_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`parley-conformance: unknown command "${name}". Commands: serve, record, run.\n`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(
        `parley-conformance ${name}: ${(error as Error).message}\nSee 'parley-conformance ${name} --help'.\n`,
      );
      return EXIT_USAGE;
    }
    io.stderr.write(`parley-conformance ${name}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
}
