/**
 * Everything the suite saw come back from the handler (status, headers, bodies) and every line it logged, for the
 * key scan that ends each test file (`scanForKey.ts`).
 */
export const transcript: string[] = [];

/** Reads an answer whole and puts its status, headers and body into the transcript. */
export async function readAnswer(response: Response): Promise<{
  status: number;
  headers: Record<string, string>;
  text: string;
}> {
  const text = await response.text();
  const headers = Object.fromEntries(response.headers);
  transcript.push(`${response.status} ${JSON.stringify(headers)} ${text}`);
  return { status: response.status, headers, text };
}

/** Puts the headers of an answer read some other way (streamed chunk by chunk) into the transcript. */
export function recordHeaders(response: Response): void {
  transcript.push(`${response.status} ${JSON.stringify(Object.fromEntries(response.headers))}`);
}

/** A `log` option for the handler that keeps its lines in the transcript. */
export function collectLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    log: (line) => {
      lines.push(line);
      transcript.push(line);
    },
  };
}
