import type { NumberedSource } from "../lib/citedSources";

/** The sources a reply cites, numbered as the marks in its text. */
export function SourceList({
  messageId,
  sources,
}: {
  messageId: string;
  sources: readonly NumberedSource[];
}) {
  return (
    <section className="sources" aria-label="Sources">
      <h3>Sources</h3>
      <ol>
        {sources.map((source) => (
          <li key={source.key} id={`${messageId}-source-${source.number}`} value={source.number}>
            <span className={`source-kind ${source.kind}`}>{source.kind === "tool" ? "tool" : "doc"}</span>
            <strong>{source.title}</strong>
            {source.excerpt && <span className="excerpt">{source.excerpt}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
