import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Cassette } from "./cassette";
import { CassetteError, parseCassetteText } from "./parseCassette";

/** Reads and checks one cassette file. Errors name the file (and the JSON path of a format mistake). */
export async function loadCassette(path: string): Promise<Cassette> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new CassetteError(
      path,
      "$",
      `cannot read the file (${(cause as NodeJS.ErrnoException).code ?? cause})`,
      {
        cause,
      },
    );
  }
  return parseCassetteText(text, path);
}

/**
 * Loads cassettes from files and folders, in the order given; a folder contributes every `*.json` file in it
 * (not recursive), sorted by name. A folder without cassettes is an error, as it is almost always a wrong path.
 */
export async function loadCassettes(paths: readonly string[]): Promise<Cassette[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (cause) {
      throw new CassetteError(path, "$", "no such file or folder", { cause });
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.endsWith(".json")).sort();
    if (names.length === 0) throw new CassetteError(path, "$", "the folder holds no *.json cassette");
    files.push(...names.map((name) => join(path, name)));
  }
  return Promise.all(files.map(loadCassette));
}
