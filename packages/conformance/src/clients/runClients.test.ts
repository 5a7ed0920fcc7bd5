import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatJunit } from "../report/formatJunit";
import { formatMarkdown } from "../report/formatMarkdown";
import { BROKEN_PROVIDERS, TEST_KEY } from "../test/brokenProviders";
import { runCaptured } from "../test/runCaptured";
import { serveEachTest } from "../test/serveEachTest";

// The SDKs are this package's dev dependencies, found from its folder as `npx` would find a user's.
const PACKAGE = join(import.meta.dirname, "../..");
const CLIENTS = "cohere-ai,@ai-sdk/cohere";

const run = (argv: string[], cwd = PACKAGE) => runCaptured(argv, cwd);
const serve = serveEachTest();

describe("run --clients", () => {
  it("passes both SDKs against the simulated provider, one line each, the suite's line last", async () => {
    const result = await run(["--simulate", "--api-key", TEST_KEY, "--clients", CLIENTS]);
    expect(result.stdout).not.toContain("Client failures:");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nclient cohere-ai 8\.1\.0: [1-9]\d* passed, 0 failed(, \d+ skipped)?\n/);
    expect(result.stdout).toMatch(
      /\nclient @ai-sdk\/cohere 4\.0\.52: [1-9]\d* passed, 0 failed(, \d+ skipped)?\n/,
    );
    // Its plain tools.result call fails as it does against Cohere: shown, not counted.
    expect(result.stdout).toContain(
      "\n  known limitation of @ai-sdk/cohere 4.0.52, not counted: tools.result [plain]: fails against Cohere's own replies too: @ai-sdk/cohere 4.0.52 requires sources[].document on every citation, which Cohere's tool sources lack\n",
    );
    expect(result.stdout).toMatch(
      /\nclients: @parley\/core passed \d+ cases, cohere-ai 8\.1\.0 passed \d+ cases \(\d+ skipped\), @ai-sdk\/cohere 4\.0\.52 passed \d+ cases \(\d+ skipped\)\n/,
    );
    expect(result.lastLine).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("passes both SDKs on the corpus's real and authored replies, the AI SDK's own limits shown as known", async () => {
    const result = await run(["--cassettes", join(PACKAGE, "corpus"), "--clients", CLIENTS]);
    expect(result.stdout).not.toContain("Client failures:");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nclient cohere-ai 8\.1\.0: [1-9]\d* passed, 0 failed, \d+ skipped\n/);
    expect(result.stdout).toMatch(
      /\n {2}known limitation of @ai-sdk\/cohere 4\.0\.52, not counted: finish-timeout#0 \[plain\], finish-timeout#0 \[stream\]: fails against Cohere's own replies too: @ai-sdk\/cohere 4\.0\.52 shows Cohere's finish reason TIMEOUT as "other"\n/,
    );
  });

  it("fails the AI SDK's stream, and only it, against a provider whose content-start has no text", async () => {
    const server = await serve(BROKEN_PROVIDERS["content-start without text"]!.fetch());
    const dir = await mkdtemp(join(tmpdir(), "parley-clients-"));
    try {
      const out = join(dir, "report.json");
      const result = await run([
        "--base-url",
        server.url,
        "--api-key",
        TEST_KEY,
        "--capabilities",
        "chat,stream",
        "--clients",
        CLIENTS,
        "--format",
        "json",
        "--out",
        out,
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/\nclient cohere-ai 8\.1\.0: [1-9]\d* passed, 0 failed/);
      expect(result.stdout).toMatch(/\nclient @ai-sdk\/cohere 4\.0\.52: \d+ passed, [1-9]\d* failed/);
      expect(result.stdout).toMatch(
        /\nclients: @parley\/core passed \d+ cases, cohere-ai 8\.1\.0 passed \d+ cases( \(\d+ skipped\))?, @ai-sdk\/cohere 4\.0\.52 failed [1-9]\d* of \d+ cases( \(\d+ skipped\))?\n/,
      );
      expect(result.stdout).toMatch(
        /@ai-sdk\/cohere chat\.basic\n {4}\[stream\] sdk\.reply \(required\): @ai-sdk\/cohere: the stream broke: /,
      );
      const report = JSON.parse(await readFile(out, "utf8"));
      const ai = report.clients.find((c: { name: string }) => c.name === "@ai-sdk/cohere");
      const basic = ai.cases.find((c: { id: string }) => c.id === "chat.basic");
      expect(basic.checks.find((k: { mode: string }) => k.mode === "plain").status).toBe("pass");
      expect(basic.checks.find((k: { mode: string }) => k.mode === "stream").status).toBe("fail");
      const junit = formatJunit(report);
      expect(junit).toContain('<testsuite name="client @ai-sdk/cohere 4.0.52"');
      expect(junit).toMatch(/<failure type="required" message="@ai-sdk\/cohere: the stream broke: /);
      const markdown = formatMarkdown(report);
      expect(markdown).toContain("## Client @ai-sdk/cohere failures");
      expect(markdown).toMatch(/- client @ai-sdk\/cohere 4\.0\.52: \d+ passed, [1-9]\d* failed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is a usage error, saying how to install it, when a client is not installed", async () => {
    const empty = await mkdtemp(join(tmpdir(), "parley-no-clients-"));
    try {
      const result = await run(["--simulate", "--clients", "@ai-sdk/cohere"], empty);
      expect(result.stderr).toContain("npm i -D @ai-sdk/cohere ai");
      expect(result.code).toBe(2);
      const unknown = await run(["--simulate", "--clients", "openai"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown client "openai"');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
