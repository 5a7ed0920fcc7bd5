import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../http/fetchLike";
import type { CheckResult, ClientReport, SuiteReport } from "../suite/types";
import { TEST_KEY } from "../test/brokenProviders";
import { runCaptured } from "../test/runCaptured";
import { serveEachTest } from "../test/serveEachTest";
import { type ProviderVariant, providerVariant } from "./__fixtures__/providerVariants";

// The SDKs are this package's dev dependencies, found from its folder as `npx` would find a user's.
const PACKAGE = join(import.meta.dirname, "../..");
const serve = serveEachTest();

async function runVariant(fetch: FetchLike, capabilities = "chat,stream") {
  const server = await serve(fetch);
  const result = await runCaptured(
    [
      "--base-url",
      server.url,
      "--api-key",
      TEST_KEY,
      "--capabilities",
      capabilities,
      "--clients",
      "cohere-ai,@ai-sdk/cohere",
      "--format",
      "json",
    ],
    PACKAGE,
  );
  const report = JSON.parse(result.stdout) as SuiteReport;
  const client = (name: string) => report.clients?.find((c) => c.name === name) as ClientReport;
  /** The `sdk.reply` check of one client, case and mode. */
  const sdk = (name: string, caseId: string, mode: "plain" | "stream") =>
    client(name)
      .cases.find((c) => c.id === caseId)
      ?.checks.find((k) => k.id === "sdk.reply" && k.mode === mode) as CheckResult;
  const suite = (caseId: string, mode: "plain" | "stream") =>
    report.cases.find((c) => c.id === caseId)?.checks.filter((k) => k.mode === mode && k.status === "fail") ??
    [];
  return { code: result.code, report, client, sdk, suite };
}

const variant = (name: ProviderVariant) => runVariant(providerVariant(name));

describe("--clients judges whether the SDK works for its users", () => {
  it("fails both SDKs on lower-case finish reasons, naming the finish reason each shows", async () => {
    const { sdk, suite } = await variant("lowerfinish");
    expect(suite("chat.basic", "plain").map((k) => k.id)).toContain("reply.schema");
    for (const mode of ["plain", "stream"] as const) {
      const ai = sdk("@ai-sdk/cohere", "chat.basic", mode);
      expect(ai.status).toBe("fail");
      expect(ai.message).toMatch(/finish reason "other"/);
      expect(ai.message).toMatch(/tool loop/);
      const cohere = sdk("cohere-ai", "chat.basic", mode);
      expect(cohere.status).toBe("fail");
      expect(cohere.message).toMatch(/finish reason "complete"/);
      expect(cohere.message).toMatch(/"COMPLETE"/);
    }
  });

  it("passes cohere-ai and fails the AI SDK when events are split by a single CRLF", async () => {
    const { sdk, suite, client } = await variant("singlecrlf");
    expect(suite("chat.basic", "stream").map((k) => k.id)).toContain("stream.grammar");
    const cohere = sdk("cohere-ai", "chat.basic", "stream");
    expect(cohere.status).toBe("pass");
    expect(cohere.message).toMatch(/finish reason "COMPLETE"/);
    expect(client("cohere-ai").summary.failed).toBe(0);
    const ai = sdk("@ai-sdk/cohere", "chat.basic", "stream");
    expect(ai.status).toBe("fail");
    expect(ai.message).toMatch(/an empty reply/);
    expect(ai.message).toMatch(/finish reason "other"/);
    expect(sdk("@ai-sdk/cohere", "chat.basic", "plain").status).toBe("pass");
  });

  it("fails both SDKs when a 200 carries an error body instead of a reply", async () => {
    const { sdk } = await variant("err200");
    const cohere = sdk("cohere-ai", "chat.basic", "plain");
    expect(cohere.status).toBe("fail");
    expect(cohere.message).toMatch(/an empty reply/);
    expect(sdk("@ai-sdk/cohere", "chat.basic", "plain").status).toBe("fail");
    for (const name of ["cohere-ai", "@ai-sdk/cohere"]) {
      expect(sdk(name, "chat.basic", "stream").status).toBe("fail");
    }
  });

  it("fails both SDKs' streams when a streamed 200 is an error body, cohere-ai's silent empty stream too", async () => {
    const { sdk } = await variant("err200stream");
    const cohere = sdk("cohere-ai", "chat.basic", "stream");
    expect(cohere.status).toBe("fail");
    expect(cohere.message).toMatch(/an empty reply.*names no finish reason/);
    const ai = sdk("@ai-sdk/cohere", "chat.basic", "stream");
    expect(ai.status).toBe("fail");
    expect(ai.message).toMatch(/finish reason "other"/);
    for (const name of ["cohere-ai", "@ai-sdk/cohere"]) {
      expect(sdk(name, "chat.basic", "plain").status).toBe("pass");
    }
  });

  it("passes a reply without an id, as both SDKs show it, with a recommended reply.id failure only", async () => {
    const { sdk, suite, report, code } = await variant("noid");
    for (const mode of ["plain", "stream"] as const) {
      expect(suite("chat.basic", mode).map((k) => `${k.id} ${k.severity}`)).toEqual(["reply.id recommended"]);
      for (const name of ["cohere-ai", "@ai-sdk/cohere"])
        expect(sdk(name, "chat.basic", mode).status).toBe("pass");
    }
    const message = suite("chat.basic", "stream")[0]?.message;
    expect(message).toMatch(/message-start has no id/);
    expect(report.summary.requiredFailed).toBe(0);
    expect(code).toBe(0);
  });

  it("fails bare CR line endings, legal SSE that cohere-ai's stream reads as nothing", async () => {
    const { sdk, suite, report } = await variant("cronly");
    const failed = suite("chat.basic", "stream");
    expect(failed.map((k) => `${k.id} ${k.severity}`)).toEqual(["stream.line-endings required"]);
    expect(failed[0]?.message).toMatch(/bare CR/);
    expect(report.summary.requiredFailed).toBeGreaterThan(0);
    const cohere = sdk("cohere-ai", "chat.basic", "stream");
    expect(cohere.status).toBe("fail");
    expect(cohere.message).toMatch(/an empty reply|no text/);
    expect(sdk("@ai-sdk/cohere", "chat.basic", "stream").status).toBe("pass");
  });
});

describe("--clients sends tool results through the AI SDK", () => {
  it("judges tools.result for @ai-sdk/cohere, its citations limitation shown as known and not counted", async () => {
    const { sdk, client } = await runVariant(providerVariant("none"), "chat,stream,tools,multi-turn");
    const plain = sdk("@ai-sdk/cohere", "tools.result", "plain");
    expect(plain.status).toBe("skip");
    expect(plain.message).toMatch(/^known limitation of @ai-sdk\/cohere 4\.0\.52: /);
    expect(plain.message).toMatch(/sources\[\]\.document/);
    const stream = sdk("@ai-sdk/cohere", "tools.result", "stream");
    expect(stream.status).toBe("pass");
    const ai = client("@ai-sdk/cohere");
    expect(ai.summary.failed).toBe(0);
    expect(ai.knownLimitations?.[0]).toMatch(/tools\.result \[plain\]/);
  });
});
