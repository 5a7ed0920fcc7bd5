import { formatPath, isPlainObject, type PathSegment } from "../json/json";
import type { Cassette } from "./cassette";

/** A cassette broke the format. The message names the source and the JSON path of the first mistake. */
export class CassetteError extends Error {
  /** Where the cassette came from (a file path, or what the caller passed as source). */
  readonly source: string;
  /** The JSON path of the mistake, e.g. `interactions[2].response.status`. */
  readonly path: string;

  constructor(source: string, path: string, problem: string, options?: { cause?: unknown }) {
    super(`${source}: ${path}: ${problem}`, options);
    this.name = "CassetteError";
    this.source = source;
    this.path = path;
  }
}

const METHOD = /^[A-Z]+$/;

/**
 * Checks a parsed JSON value against the cassette format and returns it as a {@link Cassette} (the same object,
 * with `source` set). Throws {@link CassetteError} naming `source` and the JSON path of the first mistake.
 */
export function parseCassette(json: unknown, source = "cassette"): Cassette {
  const fail = (path: PathSegment[], problem: string): never => {
    throw new CassetteError(source, formatPath(path), problem);
  };
  const expect = (ok: boolean, path: PathSegment[], wanted: string, value: unknown): void => {
    if (!ok) fail(path, `expected ${wanted}, got ${describe(value)}`);
  };
  const optionalString = (owner: Record<string, unknown>, key: string, path: PathSegment[]): void => {
    if (key in owner) expect(typeof owner[key] === "string", [...path, key], "a string", owner[key]);
  };
  const headers = (owner: Record<string, unknown>, path: PathSegment[]): void => {
    if (!("headers" in owner)) return;
    const value = owner.headers;
    expect(isPlainObject(value), [...path, "headers"], "an object of header names to strings", value);
    // Header names ignore case: two spellings of one would leave which value is sent to chance.
    const seen = new Map<string, string>();
    for (const [name, headerValue] of Object.entries(value as Record<string, unknown>)) {
      expect(typeof headerValue === "string", [...path, "headers", name], "a string", headerValue);
      const earlier = seen.get(name.toLowerCase());
      if (earlier !== undefined) {
        fail(
          [...path, "headers"],
          `${JSON.stringify(earlier)} and ${JSON.stringify(name)} differ only in case: keep one`,
        );
      }
      seen.set(name.toLowerCase(), name);
    }
  };

  expect(isPlainObject(json), [], "a JSON object with an `interactions` array", json);
  const cassette = json as Record<string, unknown>;
  for (const key of ["name", "notes", "recorded_at"]) optionalString(cassette, key, []);
  expect(Array.isArray(cassette.interactions), ["interactions"], "an array", cassette.interactions);

  (cassette.interactions as unknown[]).forEach((interaction, i) => {
    const at: PathSegment[] = ["interactions", i];
    expect(isPlainObject(interaction), at, "an object with `request` and `response`", interaction);
    const { request, response } = interaction as Record<string, unknown>;
    for (const key of ["name", "notes"]) optionalString(interaction as Record<string, unknown>, key, at);

    const req: PathSegment[] = [...at, "request"];
    expect(isPlainObject(request), req, "an object", request);
    const { method, path } = request as Record<string, unknown>;
    expect(
      typeof method === "string" && METHOD.test(method),
      [...req, "method"],
      "an upper-case HTTP method",
      method,
    );
    expect(
      typeof path === "string" && path.startsWith("/"),
      [...req, "path"],
      'a path starting with "/"',
      path,
    );
    headers(request as Record<string, unknown>, req);

    const res: PathSegment[] = [...at, "response"];
    expect(isPlainObject(response), res, "an object", response);
    const r = response as Record<string, unknown>;
    expect(
      Number.isInteger(r.status) && (r.status as number) >= 100 && (r.status as number) <= 599,
      [...res, "status"],
      "an integer 100-599",
      r.status,
    );
    headers(r, res);
    if ("body" in r && "chunks" in r)
      fail(res, "has both `body` and `chunks`; a response has one or the other");
    if ("chunks" in r) {
      expect(Array.isArray(r.chunks), [...res, "chunks"], "an array of strings", r.chunks);
      (r.chunks as unknown[]).forEach((chunk, k) => {
        expect(typeof chunk === "string", [...res, "chunks", k], "a string", chunk);
      });
    }
    if ("pacing" in r) {
      const chunks = Array.isArray(r.chunks) ? r.chunks.length : 0;
      expect(Array.isArray(r.pacing), [...res, "pacing"], "an array of millisecond offsets", r.pacing);
      const pacing = r.pacing as unknown[];
      if (pacing.length !== chunks) {
        fail([...res, "pacing"], `expected one offset per chunk (${chunks}), got ${pacing.length}`);
      }
      pacing.forEach((offset, k) => {
        const previous = k === 0 ? 0 : (pacing[k - 1] as number);
        expect(
          typeof offset === "number" && Number.isFinite(offset) && offset >= previous,
          [...res, "pacing", k],
          `a number of milliseconds >= ${previous}`,
          offset,
        );
      });
    }
  });

  const result = cassette as Cassette;
  Object.defineProperty(result, "source", {
    value: source,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return result;
}

/** Parses cassette text (JSON), reporting a syntax error with the source. */
export function parseCassetteText(text: string, source = "cassette"): Cassette {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CassetteError(source, "$", `not valid JSON (${(cause as Error).message})`, { cause });
  }
  return parseCassette(json, source);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
