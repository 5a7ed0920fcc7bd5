import { formatPath, isPlainObject, type PathSegment } from "../json/json";

/** A place in a cassette where something secret, or shaped like a secret, appears. */
export interface SecretFinding {
  /** JSON path inside the cassette, e.g. `interactions[0].request.body.messages[0].content`. */
  path: string;
  kind: "configured secret" | "bearer token" | "key parameter" | "key-shaped token";
  /** The finding with all but its first four characters masked, safe to print. */
  masked: string;
}

/**
 * What the secret scan (`scanForSecrets`, and every recorder before it writes) looks for besides key-shaped tokens:
 * your exact keys, and the false positives to let through.
 */
export interface SecretScanOptions {
  /** Exact values that must not appear (API keys). Values shorter than 8 characters are ignored: they would match ordinary text. */
  secrets?: readonly string[];
  /** Known false positives: a finding whose text equals a string or matches a RegExp here is not reported. */
  allow?: ReadonlyArray<string | RegExp>;
}

const MIN_SECRET_LENGTH = 8;
const BEARER = /\bbearer\s+([A-Za-z0-9._~+/=-]{8,})/gi;
const KEY_PARAMETER =
  /(?:^|[?&;\s])((?:api[_-]?key|access[_-]?token|token|key|secret|password)=[^&\s"';]{6,})/gi;
const TOKEN = /[A-Za-z0-9_-]{32,}/g;
const DATA_URL = /data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+/g;

/**
 * Looks through every string (and key) of a JSON value for configured secrets and for things shaped like API
 * keys: `Bearer ...` credentials, `key=`/`token=` parameters, and long tokens that mix upper case, lower case and
 * digits with high entropy (Cohere keys are 40 such characters; UUIDs and hex trace ids are not flagged).
 */
export function scanForSecrets(value: unknown, options: SecretScanOptions = {}): SecretFinding[] {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const variants = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const allowed = (text: string) =>
    (options.allow ?? []).some((rule) => (typeof rule === "string" ? rule === text : rule.test(text)));
  const findings: SecretFinding[] = [];
  const report = (path: PathSegment[], kind: SecretFinding["kind"], text: string) => {
    if (!allowed(text)) findings.push({ path: formatPath(path), kind, masked: mask(text) });
  };
  const scan = (text: string, path: PathSegment[]) => {
    const secret = variants.find((candidate) => text.includes(candidate));
    if (secret) return report(path, "configured secret", secret);
    for (const match of text.matchAll(BEARER)) return report(path, "bearer token", match[0]);
    for (const match of text.matchAll(KEY_PARAMETER)) return report(path, "key parameter", match[1]!);
    for (const match of text.replace(DATA_URL, "").matchAll(TOKEN)) {
      if (looksLikeKey(match[0])) return report(path, "key-shaped token", match[0]);
    }
  };
  const walk = (node: unknown, path: PathSegment[]) => {
    if (typeof node === "string") scan(node, path);
    else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, [...path, i]);
    } else if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        scan(key, path.length ? [...path, key] : [key]);
        walk(child, [...path, key]);
      }
    }
  };
  walk(value, []);
  return findings;
}

/** Random keys mix all three character classes and spread over many symbols; identifiers and hex ids do not. */
function looksLikeKey(token: string): boolean {
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return false;
  return entropy(token) >= 4;
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function mask(text: string): string {
  return `${text.slice(0, 4)}${"*".repeat(Math.min(12, Math.max(4, text.length - 4)))} (${text.length} chars)`;
}

/** A cassette would have held a secret; nothing was written. The message lists where each one is. */
export class SecretLeakError extends Error {
  readonly source: string;
  readonly findings: readonly SecretFinding[];

  constructor(source: string, findings: readonly SecretFinding[]) {
    super(
      `Refusing to write ${source}: it would hold ${findings.length === 1 ? "a secret" : `${findings.length} secrets`}:\n${findings
        .map((finding) => `  ${source}: ${finding.path}: ${finding.kind} ${finding.masked}`)
        .join("\n")}`,
    );
    this.name = "SecretLeakError";
    this.source = source;
    this.findings = findings;
  }
}

/** Throws {@link SecretLeakError} when {@link scanForSecrets} finds anything. */
export function assertNoSecrets(value: unknown, source: string, options: SecretScanOptions = {}): void {
  const findings = scanForSecrets(value, options);
  if (findings.length > 0) throw new SecretLeakError(source, findings);
}
