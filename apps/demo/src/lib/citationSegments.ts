import type { Citation } from "@parley/core";

/** A run of text covered by the same citations (none, for uncited text). */
export interface TextSegment {
  text: string;
  /** Indexes into the message's `citations`, in order; empty when the run is not cited. */
  citations: number[];
}

/**
 * Splits the text of content block `contentIndex` into runs at every citation boundary, so each cited
 * span can be marked and linked to its sources. Offsets are character offsets into the generated text,
 * end exclusive; a citation without `content_index` (older servers) belongs to the first text block.
 * Offsets outside the text are clamped, so a citation that arrives before the end of its text while
 * streaming still lands on what is there.
 */
export function citationSegments(
  text: string,
  citations: readonly Citation[],
  contentIndex: number,
  firstTextIndex: number,
): TextSegment[] {
  const spans: Array<{ start: number; end: number; index: number }> = [];
  citations.forEach((citation, index) => {
    if ((citation.content_index ?? firstTextIndex) !== contentIndex) return;
    if (citation.type !== undefined && citation.type !== "TEXT_CONTENT") return;
    const start = clamp(citation.start ?? 0, text.length);
    const end = clamp(citation.end ?? 0, text.length);
    if (start < end) spans.push({ start, end, index });
  });
  if (spans.length === 0) return text ? [{ text, citations: [] }] : [];

  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort(
    (a, b) => a - b,
  );
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = spans.filter((span) => span.start <= start && end <= span.end).map((span) => span.index);
    const previous = segments.at(-1);
    // Neighbouring runs with the same citations read as one span.
    if (previous && sameList(previous.citations, covering)) previous.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), citations: covering });
  }
  return segments;
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
