import { type Citation, citedSegments } from "@parley/core";
import { useMemo } from "react";

interface CitedTextProps {
  messageId: string;
  text: string;
  citations: readonly Citation[];
  /** For each citation, the numbers of its sources (see `citedSources`). */
  numbersByCitation: readonly number[][];
  contentIndex: number;
  firstTextIndex: number;
}

/** A text block with each cited span marked and followed by links to its numbered sources. */
export function CitedText({
  messageId,
  text,
  citations,
  numbersByCitation,
  contentIndex,
  firstTextIndex,
}: CitedTextProps) {
  const segments = useMemo(
    () => citedSegments(text, citations, contentIndex, firstTextIndex),
    [text, citations, contentIndex, firstTextIndex],
  );
  return (
    <p className="answer">
      {segments.map((segment) => {
        if (segment.citations.length === 0) return segment.text;
        const numbers = [
          ...new Set(
            segment.citations.flatMap((citation) => numbersByCitation[citations.indexOf(citation)] ?? []),
          ),
        ];
        return (
          <span key={segment.start} className="cited">
            <mark>{segment.text}</mark>
            <sup>
              {numbers.map((number) => (
                <a key={number} href={`#${messageId}-source-${number}`} aria-label={`Source ${number}`}>
                  {number}
                </a>
              ))}
            </sup>
          </span>
        );
      })}
    </p>
  );
}
