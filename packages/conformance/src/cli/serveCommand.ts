import { readdir, stat } from "node:fs/promises";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import type { Cassette } from "../cassette/cassette";
import { loadCassettes } from "../cassette/loadCassettes";
import { type Faults, withFaults } from "../faults/faults";
import type { FetchLike } from "../http/fetchLike";
import { createServer } from "../http/server";
import { createCassetteWriter } from "../record/cassetteFiles";
import { forwardTo } from "../record/forwardTo";
import { createCassetteFetch } from "../replay/cassetteFetch";
import { createReplayFetch } from "../replay/replayFetch";
import { createSimulatedProvider } from "../simulator/simulatedProvider";
import {
  type CommandIo,
  EXIT_OK,
  parseJsonFlag,
  parsePort,
  parsePositive,
  UsageError,
  untilAborted,
} from "./io";

export const SERVE_HELP = `Usage: parley-conformance serve --cassettes <file|dir>... [options]
       parley-conformance serve --simulate [options]

Answers the Cohere Chat API v2 over HTTP on 127.0.0.1, from cassettes or from the simulated provider.
Point any client (Cohere's SDKs, curl, @parley/core) at the URL it prints. Stops on Ctrl-C (SIGINT) or SIGTERM.

Source (one of):
  --cassettes <path>...   cassette files, or folders (every *.json in them); repeat the flag or list paths
  --simulate              a deterministic simulated provider instead of recordings

Options:
  --port <n>              port to listen on; 0 picks a free one            (default: 8787)
  --host <address>        interface to listen on                           (default: 127.0.0.1)
  --faults <json>         faults to inject, e.g. '{"rechunk":"byte","rateLimit":{"times":1}}' (see README)
  --max-body-bytes <n>    largest request body; a bigger one gets 413     (default: 1048576)
  --request-timeout <s>   seconds a client has to send its whole request; a slower one gets 408 (default: 30)
Replay options:
  --ignore <path>         request body JSON path matching ignores, e.g. temperature, messages[*].content (repeatable)
  --sequence              answer repeated identical requests in recorded order
  --pacing <mode>         none | recorded: wait between chunks as recorded  (default: none)
  --speed <factor>        speed of recorded pacing, 2 = twice as fast      (default: 1)
  --record-missing        send what no cassette answers to --upstream, answer with its reply and write it
                          as a new cassette into the first --cassettes folder (created if missing); replayed
                          from then on. No key is written: a cassette that would hold one is refused.
  --upstream <url>        the real API for --record-missing, e.g. https://api.cohere.com
Simulated provider options:
  --seed <n>              seed of the simulated replies                    (default: 0)
  --api-key <key>         key the simulated provider requires (others get 401) (default: none)
  --tokens-per-second <n> streaming pace                                   (default: 60)
  -h, --help              show this help
`;

export async function serveCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cassettes: { type: "string", multiple: true },
      simulate: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      faults: { type: "string" },
      "max-body-bytes": { type: "string" },
      "request-timeout": { type: "string" },
      ignore: { type: "string", multiple: true },
      sequence: { type: "boolean" },
      pacing: { type: "string" },
      speed: { type: "string" },
      seed: { type: "string" },
      "api-key": { type: "string" },
      "tokens-per-second": { type: "string" },
      "record-missing": { type: "boolean" },
      upstream: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout.write(SERVE_HELP);
    return EXIT_OK;
  }
  const paths = [...(values.cassettes ?? []), ...positionals];
  if (values.cassettes && values.simulate)
    throw new UsageError("use either --cassettes or --simulate, not both");
  if (positionals.length > 0 && !values.cassettes) {
    throw new UsageError(`unexpected argument "${positionals[0]}"; cassette paths follow --cassettes`);
  }
  if (!values.cassettes && !values.simulate)
    throw new UsageError("say what to serve: --cassettes <file|dir>... or --simulate");
  if (values.pacing !== undefined && values.pacing !== "none" && values.pacing !== "recorded") {
    throw new UsageError(`--pacing must be "none" or "recorded", got "${values.pacing}"`);
  }
  const port = parsePort(values.port, 8787);
  const maxBodyBytes = parsePositive(values["max-body-bytes"], "--max-body-bytes");
  if (maxBodyBytes !== undefined && !Number.isInteger(maxBodyBytes)) {
    throw new UsageError(
      `--max-body-bytes must be a whole number of bytes, got "${values["max-body-bytes"]}"`,
    );
  }
  const requestTimeout = parsePositive(values["request-timeout"], "--request-timeout");
  const faults = parseJsonFlag(values.faults, "--faults") as Faults | undefined;
  if (faults !== undefined && (typeof faults !== "object" || faults === null || Array.isArray(faults))) {
    throw new UsageError('--faults must be a JSON object, e.g. \'{"rechunk":"byte"}\'');
  }

  let handler: FetchLike;
  let description: string;
  // Methods a client may use: POST, and any other a cassette recorded.
  const methods = new Set(["POST"]);
  try {
    if (values.simulate) {
      const seed = values.seed === undefined ? 0 : Number(values.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
      const tokensPerSecond =
        values["tokens-per-second"] === undefined ? undefined : Number(values["tokens-per-second"]);
      if (tokensPerSecond !== undefined && !(tokensPerSecond >= 0)) {
        throw new UsageError(
          `--tokens-per-second must be a number >= 0, got "${values["tokens-per-second"]}"`,
        );
      }
      handler = createSimulatedProvider({ seed, apiKey: values["api-key"], tokensPerSecond });
      description = `the simulated provider (seed ${seed})`;
      if (faults) handler = withFaults(handler, faults);
    } else {
      const upstream = values["record-missing"] ? recordMissingUpstream(values.upstream) : undefined;
      if (!upstream && values.upstream !== undefined) {
        throw new UsageError("--upstream is for --record-missing; add that flag");
      }
      const folder = paths[0] as string;
      const cassettes: Cassette[] = upstream ? await loadFolder(folder) : await loadCassettes(paths);
      if (upstream && paths.length > 1) cassettes.push(...(await loadCassettes(paths.slice(1))));
      const count = cassettes.reduce((sum, cassette) => sum + cassette.interactions.length, 0);
      for (const cassette of cassettes) {
        for (const interaction of cassette.interactions) methods.add(interaction.request.method);
      }
      const replay = {
        ignore: values.ignore,
        sequence: values.sequence,
        pacing: values.pacing as "none" | "recorded" | undefined,
        speed: parsePositive(values.speed, "--speed"),
        faults,
      };
      description = `${count} interaction${count === 1 ? "" : "s"} from ${cassettes.length} cassette${cassettes.length === 1 ? "" : "s"}`;
      if (upstream) {
        const env = io.env ?? process.env;
        const write = createCassetteWriter(folder, {
          secrets: () => [...recorder.secrets, ...(env.CO_API_KEY ? [env.CO_API_KEY] : [])],
          onWritten: ({ path, error }) =>
            io.stderr.write(
              error ? `${error.message}\n` : `Recorded ${relative(process.cwd(), path) || path}\n`,
            ),
        });
        const recorder = createCassetteFetch({
          ...replay,
          mode: "auto",
          cassettes,
          upstream: forwardTo(upstream.href),
          onInteraction: (interaction) => void write(interaction),
        });
        handler = recorder.fetch;
        description += `, recording what is missing from ${upstream.origin} into ${folder}`;
      } else handler = createReplayFetch(cassettes, replay);
    }
  } catch (error) {
    // Bad fault settings and JSON paths are usage errors too: the user typed them. A cassette that cannot be
    // loaded is not (the CLI exits 1 with its file and JSON path, and no pointer to --help).
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new UsageError(error.message);
    }
    throw error;
  }

  const server = await createServer(handler, {
    port,
    host: values.host,
    maxBodyBytes,
    requestTimeoutMs: requestTimeout === undefined ? undefined : requestTimeout * 1000,
    methods: [...methods],
    onError: (error) => io.stderr.write(`The handler failed: ${(error as Error)?.message ?? error}\n`),
  });
  io.stderr.write(`Serving ${description}\n`);
  io.stdout.write(`Listening on ${server.url}\n`);
  await untilAborted(io.signal);
  await server.close();
  io.stderr.write("Stopped.\n");
  return EXIT_OK;
}

function recordMissingUpstream(value: string | undefined): URL {
  if (value === undefined) throw new UsageError("--record-missing needs --upstream <url>");
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`--upstream must be an http(s) URL, got "${value}"`);
  }
  return url;
}

/** The folder new recordings go to: it may be missing or empty; a file is refused. */
async function loadFolder(folder: string): Promise<Cassette[]> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) {
    throw new UsageError(`--record-missing writes new cassettes into a folder; ${folder} is a file`);
  }
  const names = (await readdir(folder)).filter((name) => name.endsWith(".json"));
  return names.length === 0 ? [] : loadCassettes([folder]);
}
