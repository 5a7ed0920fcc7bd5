import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Options } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../tsup.config";
import * as rootSource from "./index";
import * as protocolSource from "./protocol";

type Root = typeof rootSource;
type Protocol = typeof protocolSource;

// The package's own build config, into a temporary directory: what users install, without the type declarations.
let dir = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-core-build-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const packageDir = fileURLToPath(new URL("..", import.meta.url));
  const options = config as Options;
  await build({
    ...options,
    entry: (options.entry as string[]).map((entry) => join(packageDir, entry)),
    tsconfig: join(packageDir, "tsconfig.json"),
    outDir: dir,
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
  });
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const builds: Array<[string, () => Promise<[Root, Protocol]>]> = [
  [
    "ESM",
    async () => [
      (await import(pathToFileURL(join(dir, "index.js")).href)) as Root,
      (await import(pathToFileURL(join(dir, "protocol.js")).href)) as Protocol,
    ],
  ],
  [
    "CJS",
    async () => {
      const require = createRequire(join(dir, "package.json"));
      return [require("./index.cjs") as Root, require("./protocol.cjs") as Protocol];
    },
  ],
];

describe.each(builds)("the %s build", (_, load) => {
  it("exports the same names as the source from each entry", async () => {
    const [root, protocol] = await load();
    expect(Object.keys(root).sort()).toEqual(Object.keys(rootSource).sort());
    expect(Object.keys(protocol).sort()).toEqual(Object.keys(protocolSource).sort());
  });

  it("raises errors from the protocol entry that are instances of the root entry's classes", async () => {
    const [root, protocol] = await load();
    const thrown = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error) {
        return error;
      }
      throw new Error("nothing was thrown");
    };
    const invalidJson = thrown(() => protocol.parseStreamEvent({ event: "content-delta", data: "{oops" }));
    expect(invalidJson).toBeInstanceOf(root.StreamError);
    expect(invalidJson).toBeInstanceOf(root.ParleyError);
    const invalidRequest = thrown(() => protocol.validateRequest({ model: "", messages: [] }));
    expect(invalidRequest).toBeInstanceOf(root.ValidationError);
    expect(invalidRequest).toBeInstanceOf(root.ParleyError);
  });
});

describe("the ESM and CJS builds together", () => {
  it("are two copies of the error classes, which isInstance tells apart across copies where instanceof cannot", async () => {
    const [esm, cjs] = await Promise.all(builds.map(async ([, load]) => (await load())[0]));
    type ErrorClass = (new (...args: unknown[]) => Error) & { isInstance(value: unknown): boolean };
    const classesOf = (copy: Root | undefined) =>
      new Map(
        Object.entries(copy ?? {}).filter(([name]) => name.endsWith("Error")) as Array<[string, ErrorClass]>,
      );
    // One argument list every constructor accepts: ApiError's init, InvalidResponseError's response and body.
    const make = (ErrorClass: ErrorClass) =>
      new ErrorClass({ status: 404, body: "", headers: new Headers() }, "");
    const esmClasses = classesOf(esm);
    const cjsClasses = classesOf(cjs);
    expect([esmClasses.size, cjsClasses.size]).toEqual([23, 23]);
    expect(make(cjsClasses.get("NotFoundError") as ErrorClass)).not.toBeInstanceOf(
      esmClasses.get("NotFoundError"),
    );
    for (const [checkedName, Checked] of esmClasses) {
      for (const [madeName, Made] of esmClasses) {
        const expected = make(Made) instanceof Checked;
        const checks = [
          Checked.isInstance(make(cjsClasses.get(madeName) as ErrorClass)),
          cjsClasses.get(checkedName)?.isInstance(make(Made)),
        ];
        expect([checkedName, madeName, checks]).toEqual([checkedName, madeName, [expected, expected]]);
      }
    }
  });
});
