import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { aiSdkClient } from "./aiSdk";
import { cohereAiClient } from "./cohereAi";
import type { SdkClient } from "./sdkClient";

/** The SDKs `--clients` knows, and the packages each needs from the project. */
export const KNOWN_CLIENTS: Readonly<Record<string, readonly string[]>> = {
  "cohere-ai": ["cohere-ai"],
  "@ai-sdk/cohere": ["@ai-sdk/cohere", "ai"],
};

/** A client the user asked for is not known or not installed; the message says how to install it. */
export class ClientNotFoundError extends Error {
  override name = "ClientNotFoundError";
}

/**
 * Loads the SDKs by name from the `node_modules` of `cwd` (and its parents), as `npx` would: the user's own
 * installed versions are the ones judged. A name we do not know, or a package that is not installed, is refused
 * with how to install it.
 */
export async function loadClients(names: readonly string[], cwd: string): Promise<SdkClient[]> {
  const clients: SdkClient[] = [];
  for (const name of names) {
    const packages = KNOWN_CLIENTS[name];
    if (!packages) {
      throw new ClientNotFoundError(
        `--clients: unknown client "${name}"; known: ${Object.keys(KNOWN_CLIENTS).join(", ")}`,
      );
    }
    const entries = packages.map((pkg) => locate(pkg, cwd));
    const missing = packages.filter((_, i) => entries[i] === undefined);
    if (missing.length > 0) {
      throw new ClientNotFoundError(
        `--clients ${name}: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not installed in ${cwd}; install ${missing.length === 1 ? "it" : "them"} with: npm i -D ${missing.join(" ")}`,
      );
    }
    const [main, extra] = await Promise.all(
      entries.map((entry) => import(pathToFileURL(entry as string).href)),
    );
    const version = await versionOf(entries[0] as string, packages[0] as string);
    clients.push(name === "cohere-ai" ? cohereAiClient(main, version) : aiSdkClient(extra, main, version));
  }
  return clients;
}

/**
 * The entry file of `name` from the first `node_modules` holding it, walking up from `cwd` the way Node does, and
 * nowhere else (not NODE_PATH or global folders, which would judge an SDK the user does not have).
 */
function locate(name: string, cwd: string): string | undefined {
  for (let dir = resolvePath(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", name, "package.json"))) {
      return createRequire(join(dir, "noop.js")).resolve(name);
    }
    if (dir === dirname(dir)) return undefined;
  }
}

/** The version in the package's own package.json, found above its resolved entry file. */
async function versionOf(entry: string, name: string): Promise<string | undefined> {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
    if (!text) continue;
    const pkg = JSON.parse(text) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}
