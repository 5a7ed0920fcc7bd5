import { relative } from "node:path";
import { parseArgs } from "node:util";
import { describeNetworkError } from "../http/networkError";
import { createRecordingProxy } from "../record/recordingProxy";
import { type CommandIo, EXIT_FAILURE, EXIT_OK, parsePort, UsageError, untilAborted } from "./io";

export const RECORD_HELP = `Usage: parley-conformance record --upstream <url> --out <dir> [options]

Runs a local proxy on 127.0.0.1 that forwards every request to <url> and writes each exchange to <dir> as a
cassette (0001-v2-chat.json, 0002-v2-chat-stream.json, ...). Point your client at the URL it prints, with your
real key: the key is forwarded upstream and never written. A cassette in which a key (yours, one passed with
--secret, CO_API_KEY, or anything shaped like an API key) would appear is not written; the error says where.
Stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --upstream <url>     base URL of the real API, e.g. https://api.cohere.com     (required)
  --out <dir>          folder for the cassettes; created if missing             (required)
  --port <n>           port to listen on; 0 picks a free one                      (default: 8788)
  --host <address>     interface to listen on                                     (default: 127.0.0.1)
  --secret <value>     another value that must never be written (repeatable)
  --allow <text>       a string the key scan may let through (a known false positive; repeatable)
  -h, --help           show this help
`;

export async function recordCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      upstream: { type: "string" },
      out: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      secret: { type: "string", multiple: true },
      allow: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout.write(RECORD_HELP);
    return EXIT_OK;
  }
  if (!values.upstream) throw new UsageError("--upstream <url> is required");
  if (!values.out) throw new UsageError("--out <dir> is required");
  let upstream: URL;
  try {
    upstream = new URL(values.upstream);
  } catch {
    throw new UsageError(`--upstream must be an http(s) URL, got "${values.upstream}"`);
  }
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new UsageError(`--upstream must be an http(s) URL, got "${values.upstream}"`);
  }
  const port = parsePort(values.port, 8788);
  const env = io.env ?? process.env;

  const reachable = await probe(upstream);
  if (reachable !== true) {
    io.stderr.write(`Cannot reach ${upstream.origin}: ${reachable}\n`);
    return EXIT_FAILURE;
  }
  const proxy = await createRecordingProxy({
    upstream: upstream.href,
    out: values.out,
    port,
    host: values.host,
    secrets: [...(values.secret ?? []), ...(env.CO_API_KEY ? [env.CO_API_KEY] : [])],
    allow: values.allow,
    onCassette: ({ path, error }) => {
      if (error) io.stderr.write(`${error.message}\n`);
      else io.stderr.write(`Wrote ${relative(process.cwd(), path) || path}\n`);
    },
  });
  io.stderr.write(`Recording ${upstream.origin} into ${values.out}\n`);
  io.stdout.write(`Listening on ${proxy.url}\n`);
  await untilAborted(io.signal);
  await proxy.close();
  io.stderr.write("Stopped.\n");
  return EXIT_OK;
}

/** One cheap request so a typo in --upstream fails now, not at the first recorded call. Any HTTP answer will do. */
async function probe(url: URL): Promise<true | string> {
  try {
    const response = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    return true;
  } catch (error) {
    return describeNetworkError(error);
  }
}
