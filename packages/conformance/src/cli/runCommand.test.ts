import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../http/fetchLike";
import { createServer } from "../http/server";
import { allowListGateway, BROKEN_PROVIDERS, simulated, TEST_KEY } from "../test/brokenProviders";
import { runCaptured } from "../test/runCaptured";
import { sampleCassette } from "../test/sampleCassette";
import { serveEachTest } from "../test/serveEachTest";

const CORPUS = join(import.meta.dirname, "../../corpus");
const SUMMARY = /^\d+ passed, \d+ failed$/;

const run = (argv: string[]) => runCaptured(argv);
const serve = serveEachTest();
/** A live run's target: the URL, the test key, and the capabilities to run. */
const live = (url: string, capabilities: string) => [
  "--base-url",
  url,
  "--api-key",
  TEST_KEY,
  "--capabilities",
  capabilities,
];

describe("parley-conformance run", () => {
  it("passes against the simulator, ending with the summary line that no progress line resembles", async () => {
    const result = await run(["run", "--simulate", "--api-key", TEST_KEY]);
    expect(result.code).toBe(0);
    expect(result.lastLine).toMatch(/^\d+ passed, 0 failed$/);
    expect(result.stdout).toContain("mode:   simulated");
    expect(result.stdout).toMatch(/CASE\s+CAPABILITY\s+STATUS\s+SEVERITY\s+DURATION\s+TTFT/);
    const progress = result.stderr.trimEnd().split("\n");
    expect(progress.length).toBeGreaterThan(10);
    for (const line of progress) {
      expect(line).toMatch(/^\[\s*\d+\/\d+\] (pass|FAIL|skip) /);
      expect(line).not.toMatch(SUMMARY);
    }
    expect(result.stdout + result.stderr).not.toContain(TEST_KEY);
  });

  it("passes every cassette of the corpus in replay, the client included", async () => {
    const result = await run(["run", "--cassettes", CORPUS]);
    expect(result.stdout).not.toContain("Failures:");
    expect(result.code).toBe(0);
    expect(result.lastLine).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("fails with exit code 1 against a broken live provider, naming the check and the event", async () => {
    const server = await serve(BROKEN_PROVIDERS["a delta before its start"]!.fetch());
    const result = await run(["run", ...live(server.url, "chat,stream")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[stream\] stream\.grammar \(required\) at event 1: content-open/);
    expect(result.stdout).toContain(`(key ****${TEST_KEY.slice(-4)})`);
    expect(result.stdout).not.toContain(TEST_KEY);
    expect(result.lastLine).toMatch(/^\d+ passed, [1-9]\d* failed$/);
    expect(result.stdout).toMatch(/\n\d+ skipped\n\d+ passed, /);
  });

  it("writes json, junit and markdown reports", async () => {
    const server = await serve(simulated());
    const dir = await mkdtemp(join(tmpdir(), "parley-run-"));
    try {
      for (const format of ["json", "junit", "markdown"]) {
        const out = join(dir, `report.${format}`);
        const result = await run([
          "--base-url",
          server.url,
          "--api-key",
          TEST_KEY,
          "--skip",
          "tools,thinking",
          "--format",
          format,
          "--out",
          out,
        ]);
        expect(result.code).toBe(0);
        expect(result.lastLine).toMatch(SUMMARY);
        const text = await readFile(out, "utf8");
        expect(text).not.toContain(TEST_KEY);
        if (format === "json") expect(JSON.parse(text).summary).toMatchObject({ failed: 0, skipped: 3 });
        if (format === "junit")
          expect(text).toMatch(/<testsuites name="parley-conformance" tests="\d+" failures="0" skipped="3"/);
        if (format === "markdown") expect(text.trimEnd().split("\n").at(-1)).toMatch(SUMMARY);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("prints the json report to stdout when no --out is given", async () => {
    const result = await run(["--simulate", "--capabilities", "chat", "--format", "json"]);
    expect(JSON.parse(result.stdout).mode).toBe("simulated");
    expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(SUMMARY);
  });

  it("exits 2 on bad usage, with a pointer to --help", async () => {
    for (const argv of [
      [],
      ["--simulate", "--base-url", "http://127.0.0.1:1"],
      ["--simulate", "--format", "xml"],
      ["--simulate", "--skip", "teleport"],
      ["--simulate", "--bogus"],
      ["--base-url", "not a url"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain("--help");
    }
  });

  it("says clearly when the URL cannot be reached", async () => {
    const server = await createServer(simulated());
    const url = server.url;
    await server.close();
    const result = await run(["--base-url", url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`cannot reach ${url.replace(/[.]/g, "\\.")}: .*ECONNREFUSED`));
  });

  it("prints help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: parley-conformance run");
  });

  it("reports a cassette that cannot be read", async () => {
    const result = await run(["--cassettes", "/nonexistent/cassette.json"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("/nonexistent/cassette.json");
  });
});

describe("the run report", () => {
  it("shows the full URL it calls, and trims a base URL that ends in /v2 with a note saying so", async () => {
    const server = await serve(simulated());
    const plain = await run(live(server.url, "chat"));
    expect(plain.stdout).toContain(`target: ${server.url}/v2/chat (key ****`);
    const doubled = await run(live(`${server.url}/v2/`, "chat"));
    expect(doubled.code).toBe(0);
    expect(doubled.stdout).toContain(`target: ${server.url}/v2/chat (key ****`);
    expect(doubled.stdout).toContain(
      `note:   --base-url ${server.url}/v2 ends in /v2; calling ${server.url}/v2/chat (not ${server.url}/v2/v2/chat)`,
    );
    expect(doubled.stderr).toContain("ends in /v2; calling");
    expect(doubled.lastLine).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("names a failing check once across the cases it failed in", async () => {
    const result = await run(["--simulate"]);
    expect(result.stdout).not.toContain("Failing checks:");
    const server = await serve(BROKEN_PROVIDERS["no message-end"]!.fetch());
    const broken = await run(live(server.url, "chat,stream"));
    expect(broken.stdout).toMatch(
      /Failing checks:\n {2}stream\.grammar \(required\) failed in \d+ cases: chat\.basic, /,
    );
  });

  it("counts cases that fail recommended checks only as passed with a warning line, in every format, and exits 0", async () => {
    const renamed: FetchLike = async (input, init) => {
      const response = await simulated()(input, init);
      const text = (await response.text()).replaceAll("event: content-delta\n", "event: delta\n");
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const server = await serve(renamed);
    const dir = await mkdtemp(join(tmpdir(), "parley-warn-"));
    try {
      const argv = live(server.url, "chat,stream");
      const result = await run([...argv, "--format", "json", "--out", join(dir, "r.json")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /\nwarnings: 2 cases fail recommended checks \(see above\)\n2 passed, 0 failed\n$/,
      );
      expect(result.stdout).toMatch(/chat\.basic\s+chat\s+warning\s+recommended/);
      expect(result.stdout).toContain("\nWarnings:\n  chat.basic\n");
      expect(result.stdout).not.toContain("Failures:");
      expect(result.stderr).toMatch(/^\[\s*\d+\/\d+\] warn chat\.basic /m);
      const report = JSON.parse(await readFile(join(dir, "r.json"), "utf8"));
      expect(report.verdict).toEqual({ passed: 2, failed: 0, skipped: report.summary.skipped, warnings: 2 });
      const junit = await run([...argv, "--format", "junit"]);
      expect(junit.stdout).toMatch(/<testsuites name="parley-conformance" tests="\d+" failures="0"/);
      expect(junit.stdout).toContain("<system-out>warning:\n    [stream] stream.event-name (recommended)");
      expect(junit.stdout).not.toContain("<failure");
      for (const format of ["markdown", "html"]) {
        const text = (await run([...argv, "--format", format])).stdout;
        expect(text, format).toContain(
          "warnings: 2 cases fail recommended checks (see above)\n2 passed, 0 failed",
        );
      }
      const html = (await run([...argv, "--format", "html"])).stdout;
      expect(html).toContain("Conformant, with recommendations");
      expect(html).toContain('<td class="warning">warning</td>');
      expect((await run([...argv, "--format", "markdown"])).stdout).toContain("## Warnings");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("counts the cases a --clients SDK failed in the last line, so it never says 0 failed when the run exits 1", async () => {
    // Bare CR line endings are valid server-sent events (core reads them) that cohere-ai 8.1.0 cannot split.
    const crOnly: FetchLike = async (input, init) => {
      const response = await simulated()(input, init);
      if (response.headers.get("content-type") !== "text/event-stream") return response;
      const text = (await response.text()).replaceAll("\n", "\r");
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const server = await serve(crOnly);
    const argv = live(server.url, "chat,stream");
    const result = await runCaptured([...argv, "--clients", "cohere-ai"], join(import.meta.dirname, "../.."));
    expect(result.stdout).toMatch(/\nclient cohere-ai 8\.1\.0: 0 passed, 2 failed, 15 skipped\n/);
    expect(result.code).toBe(1);
    expect(result.lastLine).toBe("0 passed, 2 failed");
    expect(result.stdout).not.toContain("warnings:");
  });

  it("refuses --out into a folder that does not exist before sending anything", async () => {
    let requests = 0;
    const server = await serve(async (input, init) => {
      requests++;
      return simulated()(input, init);
    });
    const result = await run([
      "--base-url",
      server.url,
      "--out",
      "/nonexistent/folder/report.json",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--out /nonexistent/folder/report.json: the folder /nonexistent/folder does not exist",
    );
    expect(requests).toBe(0);
  });

  it("prints the table even when the report file cannot be written in the end, and exits 2, not 1 (no case failed)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parley-out-"));
    const server = await serve(async (input, init) => {
      await rm(dir, { recursive: true, force: true }); // the folder goes away while the suite runs
      return simulated()(input, init);
    });
    const result = await run([...live(server.url, "chat"), "--format", "json", "--out", join(dir, "r.json")]);
    expect(result.code).toBe(2);
    expect(result.lastLine).toMatch(/^\d+ passed, 0 failed$/);
    expect(result.stderr).toContain(`cannot write ${join(dir, "r.json")}`);
  });

  it("writes one self-contained HTML page", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parley-html-"));
    try {
      const out = join(dir, "report.html");
      const server = await serve(BROKEN_PROVIDERS["no message-end"]!.fetch());
      const result = await run([
        "--base-url",
        server.url,
        "--api-key",
        TEST_KEY,
        "--format",
        "html",
        "--out",
        out,
      ]);
      expect(result.code).toBe(1);
      const html = await readFile(out, "utf8");
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain(`${server.url}/v2/chat`);
      expect(html).toContain("Not conformant");
      expect(html).toMatch(/stream\.grammar \(required\) failed in \d+ cases/);
      expect(html).not.toMatch(/<script|<link|src=/);
      expect(html).not.toContain(TEST_KEY);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("diagnostics of a stream that held no event", () => {
  const streamed =
    (body: (text: string) => string): FetchLike =>
    async (input, init) => {
      const response = await simulated()(input, init);
      if (response.headers.get("content-type") !== "text/event-stream") return response;
      return new Response(body(await response.text()), { status: 200, headers: response.headers });
    };

  it.each([
    [
      "a JSON error sent with 200",
      streamed(() => JSON.stringify({ message: "upstream model overloaded, try again" })),
      /; the body is JSON: \{"message":"upstream model overloaded, try again"\}$/,
    ],
    [
      "events separated by a single CRLF",
      streamed((text) => text.replaceAll("\n\n", "\r\n")),
      /; the body had \d+ bytes but no complete SSE event \(no blank line ends one\)$/,
    ],
  ])("says what the body was for %s, not only what it lacked", async (_, fetch, why) => {
    const server = await serve(fetch);
    const result = await run(live(server.url, "chat,stream"));
    expect(result.code).toBe(1);
    const done = result.stdout.split("\n").find((line) => line.includes("[stream] stream.done"));
    expect(done).toContain(
      "stream.done (required) at event 0: the stream ended without data: [DONE]; the body ",
    );
    expect(done).toMatch(why);
    expect(result.stdout).toMatch(
      /stream\.grammar \(required\) at event 0: message-end-missing: the stream ended without message-end; the body /,
    );
  });
});

describe("run against a gateway", () => {
  it("passes, with a warning, a gateway whose allow-list refuses an unknown model with 400 as @parley/server does", async () => {
    const server = await serve(allowListGateway(400));
    const result = await run(live(server.url, "errors,stream"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/errors\.unknown-model\s+errors\s+warning\s+recommended/);
    expect(result.stdout).toContain(
      "[stream] error.cohere-status (recommended): HTTP 400, where Cohere answers 404",
    );
    expect(result.stdout).not.toContain("(required): HTTP 400");
    expect(result.stdout).toContain("\nwarnings: 2 cases fail recommended checks (see above)\n");
  });

  it("fails a gateway that answers an unknown model with 429, which clients would retry", async () => {
    const server = await serve(allowListGateway(429));
    const result = await run(live(server.url, "errors"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "[plain] error.status (required): HTTP 429, expected a 4xx a client does not retry (not 408, 409 or 429)",
    );
  });

  /** A gateway that serves the chat endpoint under /api only, and 404 everywhere else. */
  async function prefixedGateway() {
    const inner = simulated();
    return serve(async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      if (!url.pathname.startsWith("/api/")) {
        return Response.json({ message: `no route for ${url.pathname}` }, { status: 404 });
      }
      url.pathname = url.pathname.slice(4);
      return inner(new Request(url, request));
    });
  }

  it("says the path is likely wrong when every request that expected 200 got 404, in every report, and only then", async () => {
    const server = await prefixedGateway();
    const dir = await mkdtemp(join(tmpdir(), "parley-404-"));
    try {
      const args = live(server.url, "chat,stream");
      const result = await run([...args, "--format", "json", "--out", join(dir, "r.json")]);
      expect(result.code).toBe(1);
      const note =
        `3 of 3 requests that expected 200 got 404 from ${server.url}/v2/chat. The suite posts to ` +
        "<--base-url>/v2/chat: check the path prefix of --base-url (a provider at https://host/api/v2/chat " +
        "needs --base-url https://host/api), and that it serves --model.";
      expect(result.stdout).toContain(`\nnote:   ${note}\n`);
      expect(result.stderr).toContain(`parley-conformance run: ${note}\n`);
      expect(JSON.parse(await readFile(join(dir, "r.json"), "utf8")).notes).toEqual([note]);
      const markdown = await run([...args, "--format", "markdown"]);
      expect(markdown.stdout).toContain(`\n- note: ${note}\n`);
      const html = await run([...args, "--format", "html"]);
      expect(html.stdout).toContain("<dt>note</dt><dd>3 of 3 requests that expected 200 got 404 from");

      const right = await run(live(`${server.url}/api`, "chat"));
      expect(right.code).toBe(0);
      expect(right.stdout).not.toContain("note:");

      // Some 404s among answers that work are the provider's, not the path's.
      let calls = 0;
      const inner = simulated();
      const flaky = await serve(async (input, init) =>
        ++calls % 3 === 0
          ? inner(input, init)
          : Response.json({ message: "busy elsewhere" }, { status: 404 }),
      );
      const partial = await run(live(flaky.url, "chat,stream"));
      expect(partial.code).toBe(1);
      expect(partial.stdout).toContain("HTTP 404, expected 200");
      expect(partial.stdout).not.toContain("note:");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the clients line", () => {
  it("names the clients a passing run exercised, and how to add SDKs, just before the summary", async () => {
    const result = await run(["--simulate", "--api-key", TEST_KEY, "--capabilities", "chat,stream"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\n\nclients: @parley\/core passed \d+ cases; add --clients cohere-ai,@ai-sdk\/cohere to try your users' SDKs too\n\n\d+ skipped\n\d+ passed, 0 failed\n$/,
    );
  });

  it("says no client was exercised with --no-client", async () => {
    const result = await run(["--simulate", "--capabilities", "chat", "--no-client"]);
    expect(result.stdout).toContain(
      "\nclients: none exercised; add --clients cohere-ai,@ai-sdk/cohere to try your users' SDKs too\n",
    );
    expect(result.lastLine).toMatch(SUMMARY);
  });
});

describe("run --cassettes recorded by a client that leaves stream out", () => {
  it("passes client conformance: @parley/core's chat() sends stream: false and still gets the recording", async () => {
    const [plain, streamed] = sampleCassette.interactions;
    const { stream: _, ...body } = plain!.request.body as Record<string, unknown>;
    const reply = {
      id: "r0",
      finish_reason: "COMPLETE",
      message: { role: "assistant", content: [{ type: "text", text: "Hello" }] },
      usage: { tokens: { input_tokens: 1, output_tokens: 1 } },
    };
    const cassette = {
      interactions: [
        { request: { ...plain!.request, body }, response: { ...plain!.response, body: reply } },
        streamed,
      ],
    };
    const dir = await mkdtemp(join(tmpdir(), "parley-no-stream-"));
    try {
      await writeFile(join(dir, "ai-sdk.json"), JSON.stringify(cassette));
      const result = await run(["--cassettes", dir]);
      expect(result.stdout).not.toContain("Failures:");
      expect(result.code).toBe(0);
      expect(result.lastLine).toBe("1 passed, 0 failed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("run --cassettes with one request recorded twice", () => {
  it("judges each recording on its own answer: a 429 and then the retry's 200 both pass", async () => {
    const { mkdtemp, writeFile: write } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join: joinPath } = await import("node:path");
    const request = {
      method: "POST",
      path: "/v2/chat",
      body: { model: "m", messages: [{ role: "user", content: "Hi" }], stream: false },
    };
    const cassette = {
      interactions: [
        {
          request,
          response: {
            status: 429,
            headers: { "content-type": "application/json" },
            body: { message: "slow down" },
          },
        },
        {
          request,
          response: {
            status: 200,
            headers: { "content-type": "application/json" },
            body: {
              id: "r",
              finish_reason: "COMPLETE",
              message: { role: "assistant", content: [{ type: "text", text: "Hello!" }] },
              usage: { tokens: { input_tokens: 1, output_tokens: 2 } },
            },
          },
        },
      ],
    };
    const file = joinPath(await mkdtemp(joinPath(tmpdir(), "parley-retry-")), "retry.json");
    await write(file, JSON.stringify(cassette));
    const result = await run(["--cassettes", file]);
    expect(result.code).toBe(0);
    expect(result.lastLine).toBe("2 passed, 0 failed");
  });
});
