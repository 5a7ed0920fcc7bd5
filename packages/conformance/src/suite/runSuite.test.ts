import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCassettes } from "../cassette/loadCassettes";
import { withFaults } from "../faults/faults";
import type { FetchLike } from "../http/fetchLike";
import { createReplayFetch } from "../replay/replayFetch";
import { createSimulatedProvider } from "../simulator/simulatedProvider";
import { allowListGateway, BROKEN_PROVIDERS, simulated, TEST_KEY } from "../test/brokenProviders";
import { casesFromCassettes } from "./casesFromCassettes";
import { runSuite } from "./runSuite";
import type { SuiteReport } from "./types";

const CLIENT = true;

function run(fetch: FetchLike, options: Partial<Parameters<typeof runSuite>[0]> = {}) {
  return runSuite({
    target: {
      fetch,
      baseUrl: "http://sim.test",
      apiKey: TEST_KEY,
      model: "command-a-03-2025",
      deterministic: true,
    },
    mode: "simulated",
    client: CLIENT,
    ...options,
  });
}

function failures(report: SuiteReport) {
  return report.cases.flatMap((c) =>
    c.checks
      .filter((k) => k.status === "fail")
      .map((k) => ({ case: c.id, check: k.id, severity: k.severity, mode: k.mode, message: k.message })),
  );
}

describe("runSuite against the simulated provider", () => {
  it("passes every case and every check", async () => {
    const report = await run(simulated());
    expect(failures(report)).toEqual([]);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0, requiredFailed: 0 });
    expect(report.summary.passed).toBe(report.cases.length);
    const basic = report.cases.find((c) => c.id === "chat.basic");
    expect(basic?.checks.map((k) => `${k.mode ?? "-"}:${k.id}`)).toEqual(
      expect.arrayContaining([
        "plain:reply.schema",
        "stream:stream.grammar",
        "stream:stream.done",
        "-:stream.agreement",
      ]),
    );
  });

  it("still passes when faults re-chunk every byte and split multi-byte characters", async () => {
    const report = await run(withFaults(simulated(), { rechunk: "byte", splitMultibyte: true }), {
      capabilities: ["chat", "stream", "unicode", "documents", "citations", "multi-turn"],
    });
    expect(failures(report)).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(4);
  });

  it("skips what the provider lacks, and the bad-key case without a key", async () => {
    const keyless = createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
    const target = {
      fetch: keyless,
      baseUrl: "http://sim.test",
      model: "command-a-03-2025",
      deterministic: true,
    };
    const report = await run(keyless, { skip: ["tools", "thinking"], target });
    const status = Object.fromEntries(report.cases.map((c) => [c.id, c.status]));
    expect(status["tools.call"]).toBe("skipped");
    expect(status["tools.result"]).toBe("skipped");
    expect(status["thinking.enabled"]).toBe("skipped");
    expect(status["errors.bad-key"]).toBe("skipped");
    expect(status["chat.basic"]).toBe("passed");
    expect(report.summary.failed).toBe(0);
  });

  it("runs only the non-streaming half of chat cases when stream is skipped", async () => {
    const report = await run(simulated(), { skip: ["stream"] });
    const basic = report.cases.find((c) => c.id === "chat.basic");
    expect(basic?.status).toBe("passed");
    expect(basic?.checks.some((k) => k.mode === "stream")).toBe(false);
    expect(basic?.checks.find((k) => k.id === "stream.agreement")?.status).toBe("skip");
    expect(report.cases.find((c) => c.id === "stream.long")?.status).toBe("skipped");
  });
});

describe("runSuite against broken providers", () => {
  for (const [defect, broken] of Object.entries(BROKEN_PROVIDERS)) {
    it(`fails ${broken.caseId} on ${broken.checkId} (required) for ${defect}`, async () => {
      const report = await run(broken.fetch());
      const result = report.cases.find((c) => c.id === broken.caseId);
      expect(result?.status).toBe("failed");
      expect(result?.severity).toBe("required");
      const failed = result?.checks
        .filter((k) => k.status === "fail" && k.severity === "required")
        .map((k) => k.id);
      expect(failed).toContain(broken.checkId);
      expect(report.summary.requiredFailed).toBeGreaterThan(0);
      // The client copes correctly with every defect (it rejects what it cannot assemble): no client check fails.
      const clientFailures = report.cases
        .flatMap((c) => c.checks)
        .filter((k) => k.mode === "client" && k.status === "fail");
      expect(clientFailures).toEqual([]);
    });
  }
});

describe("the checks for what a third-party mock got wrong", () => {
  const NEW_CHECKS = {
    "content-start without text": { check: "stream.content-start", names: "content-start" },
    "all-zero usage": { check: "reply.usage", names: "usage" },
    "a tool plan in the stream only": { check: "stream.tool-agreement", names: "tool_plan" },
  } as const;

  for (const [defect, expected] of Object.entries(NEW_CHECKS)) {
    it(`fails ${expected.check} as required against a live-mode provider with ${defect}, in the JSON report`, async () => {
      const broken = BROKEN_PROVIDERS[defect]!;
      const report = await run(broken.fetch(), {
        mode: "live",
        target: {
          fetch: broken.fetch(),
          baseUrl: "http://mock.test",
          apiKey: TEST_KEY,
          model: "command-a-03-2025",
        },
      });
      const json = JSON.parse(JSON.stringify(report)) as SuiteReport;
      const failing = json.cases
        .flatMap((c) => c.checks)
        .filter((k) => k.id === expected.check && k.status === "fail");
      expect(failing.length).toBeGreaterThan(0);
      for (const k of failing) {
        expect(k.severity).toBe("required");
        expect(`${k.id} ${k.message}`).toContain(expected.names);
      }
    });
  }

  it("passes every one of them on the real recordings and the authored corpus", async () => {
    const corpus = await loadCassettes([join(import.meta.dirname, "../../corpus")]);
    const fetch = createReplayFetch(corpus);
    const report = await runSuite({
      target: { fetch, baseUrl: "http://replay.invalid", model: "(as recorded)" },
      mode: "replay",
      cases: casesFromCassettes(corpus),
      clientFetch: fetch,
    });
    const checks = report.cases.flatMap((c) => c.checks);
    for (const { check: id } of Object.values(NEW_CHECKS)) {
      expect(checks.filter((k) => k.id === id && k.status === "pass").length, id).toBeGreaterThan(0);
      expect(
        checks.filter((k) => k.id === id && k.status === "fail"),
        id,
      ).toEqual([]);
    }
    const names = corpus.filter((c) => c.source?.includes("/cohere-")).map((c) => c.name);
    const real = report.cases.filter((c) => names.includes(c.id.split("#")[0]));
    expect(real.length).toBe(12);
    expect(real.flatMap((c) => c.checks).filter((k) => k.status === "fail")).toEqual([]);
  });
});

describe("the unknown-model cases", () => {
  const UNKNOWN_MODEL = ["errors.unknown-model", "errors.unknown-model-stream"];
  const verdicts = (report: SuiteReport) =>
    report.cases
      .filter((c) => UNKNOWN_MODEL.includes(c.id))
      .map((c) => ({
        id: c.id,
        status: c.status,
        severity: c.severity,
        failed: c.checks.filter((k) => k.status === "fail").map((k) => `${k.id} ${k.severity}`),
      }));

  it("pass the required checks, with a recommended warning, when a gateway's allow-list refuses with 400", async () => {
    const report = await run(allowListGateway(400), { capabilities: ["errors", "stream"] });
    expect(verdicts(report)).toEqual(
      UNKNOWN_MODEL.map((id) => ({
        id,
        status: "failed",
        severity: "recommended",
        failed: ["error.cohere-status recommended"],
      })),
    );
    const advice = report.cases[report.cases.length - 1]?.checks.find((k) => k.id === "error.cohere-status");
    expect(advice).toMatchObject({ mode: "stream", message: "HTTP 400, where Cohere answers 404" });
    expect(report.summary).toMatchObject({ requiredFailed: 0, recommendedFailed: 2 });
  });

  it("pass without a warning when the provider answers 404 as Cohere does", async () => {
    const report = await run(simulated(), { capabilities: ["errors", "stream"] });
    expect(verdicts(report)).toEqual(
      UNKNOWN_MODEL.map((id) => ({ id, status: "passed", severity: "required", failed: [] })),
    );
    const checks = report.cases.filter((c) => UNKNOWN_MODEL.includes(c.id)).flatMap((c) => c.checks);
    expect(checks.filter((k) => k.id === "error.cohere-status").map((k) => k.status)).toEqual([
      "pass",
      "pass",
    ]);
  });

  for (const status of [408, 409, 429, 500, 503]) {
    it(`fail error.status (required) when the refusal is a ${status}, which clients retry`, async () => {
      const report = await run(allowListGateway(status), { capabilities: ["errors", "stream"] });
      for (const verdict of verdicts(report)) {
        expect(verdict).toMatchObject({ status: "failed", severity: "required" });
        expect(verdict.failed).toEqual(["error.status required"]);
      }
      const check = report.cases
        .flatMap((c) => c.checks)
        .find((k) => k.id === "error.status" && k.status === "fail");
      expect(check?.message).toBe(
        `HTTP ${status}, expected a 4xx a client does not retry (not 408, 409 or 429)`,
      );
      expect(report.summary.requiredFailed).toBe(2);
    });
  }

  it("fail error.status (required) when the provider serves an unknown model with 200", async () => {
    const inner = simulated();
    const anyModel: FetchLike = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      return inner(input, { ...init, body: JSON.stringify({ ...body, model: "command-a-03-2025" }) });
    };
    const report = await run(anyModel, { capabilities: ["errors", "stream"] });
    for (const verdict of verdicts(report)) {
      expect(verdict).toMatchObject({ status: "failed", severity: "required" });
      expect(verdict.failed).toContain("error.status required");
    }
    const check = report.cases
      .flatMap((c) => c.checks)
      .find((k) => k.id === "error.status" && k.status === "fail");
    expect(check?.message).toBe("HTTP 200, expected a 4xx a client does not retry (not 408, 409 or 429)");
  });

  it("fail error.body (required) when the 400 carries no JSON message", async () => {
    const report = await run(allowListGateway(400, '{"error":"model not allowed"}'), {
      capabilities: ["errors"],
    });
    expect(verdicts(report)[0]?.failed).toEqual(["error.cohere-status recommended", "error.body required"]);
  });
});
