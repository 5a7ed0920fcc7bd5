import type { Citation } from "./types";

/** A run of text and the citations that cover all of it (none, for text nobody cited). */
export interface CitedSegment {
  text: string;
  /** Offsets of the run in the text (UTF-16, end exclusive), for keys and highlighting. */
  start: number;
  end: number;
  /** The citations covering the run, in the order of the list given (so `indexOf` gives footnote numbers). */
  citations: Citation[];
}

/**
 * Splits a reply's text at every citation boundary, so each cited span can be marked and linked to its sources;
 * neighbouring runs with the same citations stay one. Only `TEXT_CONTENT` citations (or untyped ones) count. With
 * `contentIndex`, only citations of that content block count, for replies with more than one block. Offsets
 * outside the text are clamped, so a citation that arrives before the end of its text while streaming lands on
 * what is there. Where a citation's offsets count code points rather than UTF-16 units (text with emoji), its own
 * `text` tells which is meant.
 *
 * @param contentIndex The index of the text's block in the reply's `content`; without it, every citation counts.
 * @param firstTextIndex The index of the reply's first text block, where a citation without `content_index` (as
 *   servers wrote them before that field existed) belongs. Without it, such a citation counts in every block.
 */
export function citedSegments(
  text: string,
  citations: readonly Citation[] | undefined,
  contentIndex?: number,
  firstTextIndex?: number,
): CitedSegment[] {
  const spans: Array<{ start: number; end: number; citation: Citation }> = [];
  for (const citation of citations ?? []) {
    if (citation.type !== undefined && citation.type !== "TEXT_CONTENT") continue;
    if (
      contentIndex !== undefined &&
      (citation.content_index ?? firstTextIndex ?? contentIndex) !== contentIndex
    )
      continue;
    const [start, end] = locate(text, citation);
    if (start < end) spans.push({ start, end, citation });
  }
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort(
    (a, b) => a - b,
  );
  const segments: CitedSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = spans
      .filter((span) => span.start <= start && end <= span.end)
      .map((span) => span.citation);
    const previous = segments.at(-1);
    if (previous && sameItems(previous.citations, covering)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else segments.push({ text: text.slice(start, end), start, end, citations: covering });
  }
  return segments;
}

function locate(text: string, citation: Citation): [number, number] {
  const start = clamp(citation.start ?? 0, text.length);
  const end = clamp(citation.end ?? 0, text.length);
  if (citation.text === undefined || text.slice(start, end) === citation.text) return [start, end];
  // Code-point offsets: convert, and keep them if they find the citation's text.
  const points = Array.from(text);
  const units = (count: number) => points.slice(0, clamp(count, points.length)).join("").length;
  const converted: [number, number] = [units(citation.start ?? 0), units(citation.end ?? 0)];
  return text.slice(...converted) === citation.text ? converted : [start, end];
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
