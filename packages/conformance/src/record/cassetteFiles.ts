import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Interaction } from "../cassette/cassette";
import { writeCassette } from "../cassette/writeCassette";
import type { SecretScanOptions } from "../secrets/scanSecrets";

/**
 * Writes each interaction into `folder` as a cassette of its own, `0001-v2-chat.json`, `0002-v2-chat-stream.json`,
 * ..., numbered after the files already there, so a second session never overwrites the first. Each file is
 * scanned first: one that would hold a secret is not written, and `onWritten` gets the error.
 */
export function createCassetteWriter(
  folder: string,
  options: Pick<SecretScanOptions, "allow"> & {
    /** The secrets to scan for, read at each write (a recorder learns keys as requests pass). */
    secrets?: () => readonly string[];
    onWritten?: (event: { path: string; error?: Error }) => void;
  },
) {
  let counter: Promise<number> | undefined;
  return async (interaction: Interaction): Promise<void> => {
    counter = (counter ?? highestNumber(folder)).then((n) => n + 1);
    const path = join(folder, `${String(await counter).padStart(4, "0")}-${slug(interaction)}.json`);
    await writeCassette(
      path,
      { recorded_at: new Date().toISOString(), interactions: [interaction] },
      { allow: options.allow, secrets: options.secrets?.() },
    ).then(
      () => options.onWritten?.({ path }),
      (error: Error) => options.onWritten?.({ path, error }),
    );
  };
}

function slug(interaction: Interaction): string {
  const path = interaction.request.path
    .split("?")[0]!
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const stream = (interaction.request.body as { stream?: unknown } | undefined)?.stream === true;
  return `${path || "root"}${stream ? "-stream" : ""}`;
}

async function highestNumber(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.reduce((max, name) => Math.max(max, Number(/^(\d+)-/.exec(name)?.[1] ?? 0)), 0);
}
