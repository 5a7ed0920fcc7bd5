/** An error as one line for a check's message: its class name and message (anything else as a string). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
