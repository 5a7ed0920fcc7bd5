/**
 * A polite live region: screen readers read its text when it changes, after what they are saying. It is rendered
 * from the start (a region that appears together with its text is often not announced) and is visually hidden;
 * the same news shows on the page in other ways. No label: some screen readers would read it before each change.
 */
export function LiveRegion({ text }: { text: string }) {
  return (
    <p
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="live-region"
    >
      {text}
    </p>
  );
}
