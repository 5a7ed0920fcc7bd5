/** A key combination as it reads on the keyboard: `Shift`+`Enter`. */
export function Shortcut({ keys }: { keys: readonly string[] }) {
  return (
    <kbd>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 && "+"}
          <kbd>{key}</kbd>
        </span>
      ))}
    </kbd>
  );
}
