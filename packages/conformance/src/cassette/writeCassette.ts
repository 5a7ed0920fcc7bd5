import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { assertNoSecrets, type SecretScanOptions } from "../secrets/scanSecrets";
import type { Cassette } from "./cassette";

/**
 * Writes a cassette as pretty JSON, creating folders as needed, after scanning it: if a configured secret or
 * anything shaped like an API key is in it, nothing is written and `SecretLeakError` says where (file and JSON path).
 */
export async function writeCassette(
  path: string,
  cassette: Cassette,
  options: SecretScanOptions = {},
): Promise<void> {
  assertNoSecrets(cassette, path, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(cassette, null, 2)}\n`);
}
