export interface Warnings {
  /** Each warning the process emitted, as `name: message`. */
  seen: string[];
  stop(): void;
}

/** Collects the process's warnings (a MaxListenersExceededWarning, say) until `stop()`. */
export function watchWarnings(): Warnings {
  const seen: string[] = [];
  const onWarning = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  return { seen, stop: () => process.off("warning", onWarning) };
}
