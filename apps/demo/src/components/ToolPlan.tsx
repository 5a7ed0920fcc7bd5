/** What the model said it would do before calling tools (Command R family models). */
export function ToolPlan({ text }: { text: string }) {
  return (
    <p className="tool-plan">
      <span className="label">Plan</span>
      {text}
    </p>
  );
}
