import type { SuiteReport } from "../suite/types";

/**
 * One line on the clients the run exercised and how each fared: `@parley/core`'s `ClientV2` (the `client.*`
 * checks, unless `--no-client`) and every `--clients` SDK. Without SDKs it says how to add them, so a passing run
 * never leaves it unsaid whether the clients a provider's users have were tried.
 */
export function describeClients(report: SuiteReport): string {
  const tried: string[] = [];
  const core = report.cases.filter((c) => c.checks.some((k) => k.mode === "client"));
  if (core.length > 0) {
    const failed = core.filter((c) => c.checks.some((k) => k.mode === "client" && k.status === "fail"));
    tried.push(`@parley/core ${verdict(core.length, failed.length)}`);
  }
  for (const client of report.clients ?? []) {
    const { passed, failed, skipped } = client.summary;
    const name = client.version ? `${client.name} ${client.version}` : client.name;
    tried.push(`${name} ${verdict(passed + failed, failed)}${skipped ? ` (${skipped} skipped)` : ""}`);
  }
  const sdks = report.clients?.length
    ? ""
    : "; add --clients cohere-ai,@ai-sdk/cohere to try your users' SDKs too";
  return `clients: ${tried.length ? tried.join(", ") : "none exercised"}${sdks}`;
}

function verdict(judged: number, failed: number): string {
  const cases = judged === 1 ? "case" : "cases";
  if (failed > 0) return `failed ${failed} of ${judged} ${cases}`;
  return judged > 0 ? `passed ${judged} ${cases}` : "had nothing to judge";
}
