import type { StreamMetrics } from "../lib/streamMetrics";
import type { StreamTrace } from "../lib/streamRecorder";

const W = 320;
const H = 168;
const PAD = { left: 30, right: 10, top: 12, bottom: 34 };
const RUG_TOP = H - PAD.bottom + 6;

/** Which lane of the event rug an event type belongs to. */
function category(type: string): "content" | "tool" | "citation" | "message" {
  if (type.startsWith("content-")) return "content";
  if (type.startsWith("tool-")) return "tool";
  if (type.startsWith("citation-")) return "citation";
  return "message";
}

/** 1, 2 or 5 times a power of ten, at least `value`: axis ends people can read at a glance. */
function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

/**
 * Tokens over time as a step line (its slope is the pace), the wait for the first token as a dashed
 * marker, and every event as a tick on a rug below, coloured by kind. Plain SVG: no chart library.
 */
export function StreamChart({ trace, metrics }: { trace: StreamTrace; metrics: StreamMetrics }) {
  const xMax = niceCeil(Math.max(metrics.durationMs, 500));
  const yMax = niceCeil(Math.max(metrics.points.at(-1)?.tokens ?? 0, 5));
  const x = (ms: number) => PAD.left + (ms / xMax) * (W - PAD.left - PAD.right);
  const y = (tokens: number) => H - PAD.bottom - (tokens / yMax) * (H - PAD.top - PAD.bottom);

  let line = `M${x(0)},${y(0)}`;
  for (const point of metrics.points) line += `H${x(point.at).toFixed(1)}V${y(point.tokens).toFixed(1)}`;
  const lastAt = metrics.points.at(-1)?.at ?? 0;
  if (metrics.durationMs > lastAt) line += `H${x(metrics.durationMs).toFixed(1)}`;
  const area = `${line}V${y(0)}H${x(0)}Z`;
  const ttft = metrics.timeToFirstTokenMs;
  const seconds = (ms: number) => (ms === 0 ? "0 s" : `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`);

  const summary =
    `${metrics.tokens} tokens in ${seconds(metrics.durationMs)}` +
    (ttft === undefined ? "" : `, first token after ${Math.round(ttft)} ms`) +
    (metrics.tokensPerSecond === undefined
      ? ""
      : `, ${metrics.tokensPerSecond.toFixed(1)} tokens per second`);

  return (
    <figure className="stream-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Tokens over time: ${summary}`}>
        <defs>
          <linearGradient id="stream-area" x1="0" x2="0" y1="0" y2="1">
            <stop offset="0" className="area-top" />
            <stop offset="1" className="area-bottom" />
          </linearGradient>
        </defs>
        {[0, 0.5, 1].map((f) => (
          <g key={f} className="grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(yMax * f)} y2={y(yMax * f)} />
            <text x={PAD.left - 5} y={y(yMax * f) + 3} textAnchor="end">
              {Math.round(yMax * f)}
            </text>
            <text x={x(xMax * f)} y={H - 6} textAnchor={f === 0 ? "start" : f === 1 ? "end" : "middle"}>
              {seconds(xMax * f)}
            </text>
          </g>
        ))}
        <path d={area} className="area" fill="url(#stream-area)" />
        <path d={line} className="line" />
        {ttft !== undefined && (
          <g className="ttft">
            <line x1={x(ttft)} x2={x(ttft)} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={x(ttft) + 4} y={PAD.top + 8}>
              first token {Math.round(ttft)} ms
            </text>
          </g>
        )}
        <g className="rug">
          {trace.events.map((event, i) => (
            <line
              // biome-ignore lint/suspicious/noArrayIndexKey: events only ever append
              key={i}
              className={category(event.type)}
              x1={x(event.at)}
              x2={x(event.at)}
              y1={RUG_TOP}
              y2={RUG_TOP + 8}
            />
          ))}
        </g>
      </svg>
      <figcaption className="legend">
        <span className="content">text</span>
        <span className="tool">tools</span>
        <span className="citation">citations</span>
        <span className="message">start/end</span>
      </figcaption>
    </figure>
  );
}
