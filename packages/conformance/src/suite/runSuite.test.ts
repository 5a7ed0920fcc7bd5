import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCassettes } from "../cassette/loadCassettes";
import { withFaults } from "../faults/faults";
import type { FetchLike } from "../http/fetchLike";
import { createReplayFetch } from "../replay/replayFetch";
import { createSimulatedProvider } from "../simulator/simulatedProvider";
import { BROKEN_PROVIDERS, simulated, TEST_KEY } from "../test/brokenProviders";
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
