import type { Citation, Source } from "@parley/core";

/** A source as the reader sees it: numbered once per reply, however many citations point at it. */
export interface NumberedSource {
  number: number;
  /** Stable within the reply, for anchors. */
  key: string;
  title: string;
  /** A line of what the source says. */
  excerpt?: string;
  kind: "document" | "tool";
}

export interface CitedSources {
  sources: NumberedSource[];
  /** For each citation (by index), the numbers of its sources. */
  numbersByCitation: number[][];
}

/** Numbers the sources of a reply's citations in order of first use, merging repeats by source id. */
export function citedSources(citations: readonly Citation[]): CitedSources {
  const sources: NumberedSource[] = [];
  const byKey = new Map<string, NumberedSource>();
  const numbersByCitation = citations.map((citation) =>
    (citation.sources ?? []).map((source, n) => {
      const key = source.id ?? `${source.type}-${sources.length}-${n}`;
      let numbered = byKey.get(key);
      if (!numbered) {
        numbered = { number: sources.length + 1, key, ...describeSource(source) };
        byKey.set(key, numbered);
        sources.push(numbered);
      }
      return numbered.number;
    }),
  );
  return { sources, numbersByCitation };
}

function describeSource(source: Source): Pick<NumberedSource, "title" | "excerpt" | "kind"> {
  if (source.type === "tool") {
    // `tool_output` echoes what the tool returned: a `title` there names the result (the demo's tools send one).
    const { title, ...output } = source.tool_output ?? {};
    if (typeof title === "string" && title) return { kind: "tool", title, excerpt: oneLine(output) };
    return { kind: "tool", title: toolTitle(source.id), excerpt: oneLine(source.tool_output ?? {}) };
  }
  const fields = source.document ?? {};
  const title = typeof fields.title === "string" ? fields.title : (source.id ?? "Document");
  const text = ["snippet", "text", "content", "body"]
    .map((key) => fields[key])
    .find((v) => typeof v === "string");
  return { kind: "document", title, ...(typeof text === "string" ? { excerpt: text } : {}) };
}

/**
 * A title for a tool result that brings none: the tool's name, read from the source id. Cohere's ids are the
 * call's id (`<tool name>_<suffix>`, as observed) plus `:<n>`; any other id gets a plain "Tool result".
 */
function toolTitle(id: string | undefined): string {
  const name = /^([A-Za-z_][A-Za-z0-9_]*)_[a-z0-9]+:\d+$/.exec(id ?? "")?.[1];
  return name ? `${name} result` : "Tool result";
}

/** `key: value` pairs of a tool's output, for a one-line summary. */
function oneLine(output: Record<string, unknown>): string {
  return Object.entries(output)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}
