import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCassette, loadCassettes } from "./loadCassettes";

let dir: string;
const cassette = (name: string) => JSON.stringify({ name, interactions: [] });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-load-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("loadCassettes", () => {
  it("loads files in the order given and every *.json of a folder, sorted by name", async () => {
    await mkdir(join(dir, "set"));
    await writeFile(join(dir, "set", "b.json"), cassette("b"));
    await writeFile(join(dir, "set", "a.json"), cassette("a"));
    await writeFile(join(dir, "set", "notes.md"), "not a cassette");
    await writeFile(join(dir, "first.json"), cassette("first"));
    const loaded = await loadCassettes([join(dir, "first.json"), join(dir, "set")]);
    expect(loaded.map((c) => c.name)).toEqual(["first", "a", "b"]);
    expect(loaded.map((c) => c.source)).toEqual([
      join(dir, "first.json"),
      join(dir, "set", "a.json"),
      join(dir, "set", "b.json"),
    ]);
  });

  it("says when a path does not exist or a folder holds no cassette", async () => {
    await expect(loadCassettes([join(dir, "nope")])).rejects.toThrow(
      `${join(dir, "nope")}: $: no such file or folder`,
    );
    await expect(loadCassettes([dir])).rejects.toThrow(`${dir}: $: the folder holds no *.json cassette`);
  });

  it("names the file of invalid JSON and of a format mistake", async () => {
    await writeFile(join(dir, "broken.json"), "{ interactions: [");
    await expect(loadCassette(join(dir, "broken.json"))).rejects.toThrow(
      `${join(dir, "broken.json")}: $: not valid JSON`,
    );
    await writeFile(join(dir, "wrong.json"), JSON.stringify({ interactions: {} }));
    await expect(loadCassette(join(dir, "wrong.json"))).rejects.toThrow(
      `${join(dir, "wrong.json")}: interactions: expected an array, got an object`,
    );
  });
});
