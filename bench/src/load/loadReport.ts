import type { LoadSummary } from "./serveLoad";

const n = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The load section of the report, as Markdown lines. */
export function loadReport(load: readonly LoadSummary[]): string[] {
  if (load.length === 0) return [];
  const head = [
    "serve --simulate",
    "streams",
    "lost",
    "first byte p50 / p90 / p99 / max ms",
    "total p50 / p90 / p99 / max ms",
    "wall s",
    "server CPU s",
    "server peak MB",
  ];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i ? "---:" : "---")).join(" | ")} |`];
  for (const row of load) {
    const p = (q: LoadSummary["totalMs"]) => [q.p50, q.p90, q.p99, q.max].map((v) => n(v)).join(" / ");
    lines.push(
      `| ${[row.label, n(row.streams), n(row.lost), p(row.firstByteMs), p(row.totalMs), n(row.wallMs / 1000, 1), n(row.serverCpuMs === undefined ? undefined : row.serverCpuMs / 1000, 1), n(row.serverPeakMB, 0)].join(" | ")} |`,
    );
  }
  const reasons = load.flatMap((row) => row.lostReasons.map((reason) => `${row.label}: ${reason}`));
  return [
    "### Load: 1,000 concurrent streams on `parley-conformance serve --simulate`",
    "The built CLI in a process of its own; 1,000 streamed chats opened at once from the bench's process, each on a connection of its own, after 50 to warm up. " +
      "A stream counts only if it arrives whole (200, `message-end`, `data: [DONE]`). First byte = from sending the request to the first byte of the body; total = to the end of the stream.",
    lines.join("\n"),
    ...(reasons.length ? [`Lost: ${reasons.join("; ")}.`] : []),
  ];
}
