import { findArithmeticExpression } from "./arithmeticExpression";
import type { PromptValues } from "./promptValues";

type Schema = Record<string, unknown>;

export interface JsonFromSchemaOptions {
  /**
   * Tool arguments, as a model writes them: an object holds its required properties, and an optional one only
   * when the prompt has a value for it. Otherwise (a JSON reply) every listed property is filled.
   * @default false
   */
  toolArguments?: boolean;
}

/** What a string parameter is for, read from its name first, then its description. */
type Kind = "expression" | "timeZone" | "place" | "date" | "email" | "url" | "topic" | "name" | "prose";

// Matched against the parameter's name (snake_case and camelCase split into words), then its description.
const KINDS: Array<[Kind, RegExp]> = [
  ["expression", /\b(?:expression|formula|equation|calculation|arithmetic|math)/],
  ["timeZone", /\b(?:time ?zone|tz|iana)\b/],
  ["place", /\b(?:city|cities|location|place|town|country|region|destination|origin|address|where|capital)/],
  ["email", /\be-?mail/],
  ["url", /\b(?:url|uri|link|website)/],
  ["date", /\b(?:date|day|when)\b/],
  ["topic", /\b(?:query|search|question|topic|subject|keyword|term|prompt)/],
  ["prose", /\b(?:description|summary|answer|explanation|reason|text|content|message|comment|note)/],
  ["name", /\b(?:name|person|author|who|title)/],
];

const MAX_DEPTH = 8;

/**
 * A JSON value that fits a JSON Schema, filled from the prompt where the prompt has what a value is for: an
 * arithmetic expression for an `expression`, a time zone for a `time_zone`, a place for a `city`, the prompt's
 * dates, e-mails, URLs, numbers (by the word after them: "3 days" for `days`) and enum members. Understands
 * `type` (also the Python-style `str`, `int`, `float`, `bool`, `list`, `dict`), `const`, `enum`, `default`,
 * `examples`, `format`, `minLength`/`maxLength`, `pattern`, `minimum`/`maximum` and their exclusive forms,
 * `multipleOf`, `properties`/`required`, `items`/`prefixItems`/`minItems`/`maxItems`/`uniqueItems`, `anyOf`,
 * `oneOf`, `allOf` and local `$ref`s.
 */
export function jsonFromSchema(
  schema: unknown,
  values: PromptValues,
  options: JsonFromSchemaOptions = {},
): unknown {
  return createFiller(isObject(schema) ? schema : {}, values, options.toolArguments ?? false).value(
    schema,
    "",
    0,
  );
}

/**
 * Whether the prompt holds what a tool's parameters are distinctly for (an arithmetic expression for an
 * `expression`, a time zone for a `time_zone`): then a model calls the tool even if the prompt never names it.
 */
export function promptFills(parameters: unknown, values: PromptValues): boolean {
  const properties = isObject(parameters) && isObject(parameters.properties) ? parameters.properties : {};
  return Object.entries(properties).some(([name, schema]) => {
    const kind = isObject(schema) && typeOf(schema) === "string" ? kindOf(schema, name) : undefined;
    return (kind === "expression" && !!values.expression) || (kind === "timeZone" && !!values.timeZone);
  });
}

// Closures rather than a class, so a minifier can shorten every name (the simulator ships in browser bundles).
function createFiller(root: Schema, values: PromptValues, toolArguments: boolean) {
  /** Values already given to strings of each kind, so two fields of one kind take different ones if they can. */
  const used = new Map<string, number>();
  /** How many of the prompt's numbers went to parameters no number was named for. */
  let numbersTaken = 0;
  let lower: string | undefined;

  function value(input: unknown, name: string, depth: number): unknown {
    const s = resolve(input, depth);
    if ("const" in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) return member(s.enum, s.default);
    const branches = (s.anyOf ?? s.oneOf) as unknown;
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = branches.find((b) => !isObject(b) || b.type !== "null") ?? branches[0];
      return value({ ...withoutKeys(s, "anyOf", "oneOf"), ...resolve(branch, depth) }, name, depth + 1);
    }
    if (Array.isArray(s.allOf))
      return value(
        mergeAll(s, s.allOf, (b) => resolve(b, depth)),
        name,
        depth + 1,
      );
    switch (typeOf(s)) {
      case "object":
        return object(s, depth);
      case "array":
        return array(s, name, depth);
      case "integer":
      case "number":
        return number(s, name);
      case "boolean":
        return "default" in s ? s.default : true;
      case "null":
        return null;
      default:
        return string(s, name);
    }
  }

  /** Whether the prompt itself has a value for an optional parameter (else a model leaves it out). */
  function has(input: unknown, name: string, depth: number): boolean {
    const s = resolve(input, depth);
    if (Array.isArray(s.enum)) return s.enum.some((m) => typeof m === "string" && mentions(m));
    const type = typeOf(s);
    if (type === "integer" || type === "number") return namedNumber(name) !== undefined;
    if (type === "array") return has(s.items, name, depth + 1);
    if (type !== "string") return false;
    const kind = kindOf(s, name);
    return kind !== "topic" && kind !== "prose" && kind !== "name" && candidates(kind, s).length > 0;
  }

  function resolve(input: unknown, depth: number): Schema {
    let s: unknown = input;
    for (let hops = 0; isObject(s) && typeof s.$ref === "string" && hops < MAX_DEPTH; hops++) {
      const target = pointer(root, s.$ref);
      s = { ...withoutKeys(s, "$ref"), ...(isObject(target) ? target : {}) };
    }
    if (!isObject(s) || depth > MAX_DEPTH) return {};
    return s;
  }

  function object(s: Schema, depth: number): Record<string, unknown> {
    const properties = isObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? s.required.filter((k) => typeof k === "string") : [];
    // Deep inside a (perhaps recursive) schema, only what is required, so the value stays small and finite.
    const keys =
      toolArguments || depth >= MAX_DEPTH / 2
        ? Object.keys(properties).filter((k) => required.includes(k) || has(properties[k], k, depth + 1))
        : Object.keys(properties);
    for (const key of required) if (!keys.includes(key)) keys.push(key);
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = value(properties[key], key, depth + 1);
    return out;
  }

  function array(s: Schema, name: string, depth: number): unknown[] {
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    const min = Math.max(prefix.length, count(s.minItems) ?? 0, depth < MAX_DEPTH / 2 ? 1 : 0);
    const max = count(s.maxItems) ?? Number.POSITIVE_INFINITY;
    const itemSchema = resolve(s.items, depth + 1);
    // Strings of a kind the prompt lists several of ("Paris and Berlin") all go in, up to maxItems.
    const listed =
      typeOf(itemSchema) === "string" && !Array.isArray(itemSchema.enum)
        ? candidates(kindOf(itemSchema, name), itemSchema).length
        : 0;
    const length = Math.min(max, Math.max(min, listed));
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = value(i < prefix.length ? prefix[i] : s.items, name, depth + 1);
      const repeated = s.uniqueItems === true && out.some((v) => JSON.stringify(v) === JSON.stringify(item));
      if (repeated && typeof item === "string") out.push(`${item} ${i + 1}`);
      else if (repeated && typeof item === "number") out.push(item + i);
      else if (!repeated) out.push(item);
    }
    return out;
  }

  function number(s: Schema, name: string): number {
    const integer = typeOf(s) === "integer";
    let value =
      namedNumber(name) ??
      values.numbers[numbersTaken++]?.value ??
      (typeof s.default === "number" ? s.default : integer ? 1 : 1.5);
    const min = typeof s.minimum === "number" ? s.minimum : Number.NEGATIVE_INFINITY;
    const max = typeof s.maximum === "number" ? s.maximum : Number.POSITIVE_INFINITY;
    const above = typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum : Number.NEGATIVE_INFINITY;
    const below = typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum : Number.POSITIVE_INFINITY;
    const low = Math.max(min, above);
    const high = Math.min(max, below);
    value = Math.min(high, Math.max(low, value));
    if (value === above) value = Number.isFinite(high) ? (above + high) / 2 : above + 1;
    if (value === below) value = Number.isFinite(low) ? (low + below) / 2 : below - 1;
    const step = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : 0;
    if (step > 0) {
      // The multiple nearest the value that stays in bounds, if there is one.
      const fits = (n: number) => n >= min && n <= max && n > above && n < below;
      const down = Math.floor(value / step) * step;
      value =
        [Math.round(value / step) * step, down, down + step].find(fits) ?? Math.round(value / step) * step;
      value = Number(value.toPrecision(12));
    }
    return value;
  }

  /** The number the prompt gives for this name: "3 days" for `days` or `num_days`. */
  function namedNumber(name: string): number | undefined {
    const words = nameWords(name)
      .split(" ")
      .filter((w) => w.length >= 3);
    return values.numbers.find((n) => n.unit && words.some((w) => n.unit.startsWith(w.slice(0, 3))))?.value;
  }

  function string(s: Schema, name: string): string {
    const kind = kindOf(s, name);
    const found = candidates(kind, s);
    const fits = (v: unknown): v is string => typeof v === "string" && fitsString(v, s);
    const examples = Array.isArray(s.examples) ? s.examples : [];
    const fallback = [
      s.default,
      ...examples,
      // With no expression in the prompt, the one the description gives as an example ("For example 2 + 3").
      kind === "expression" && typeof s.description === "string"
        ? findArithmeticExpression(s.description)
        : undefined,
      ...FORMAT_SAMPLES.filter(([format]) => format === s.format).map(([, sample]) => sample),
      generic(kind),
    ];
    const uses = used.get(kind ?? "") ?? 0;
    used.set(kind ?? "", uses + 1);
    const fresh = found.slice(uses % Math.max(1, found.length)).concat(found);
    const chosen =
      [...fresh, ...fallback].find(fits) ?? [...fresh, ...fallback].find((v) => typeof v === "string");
    return fitLength(typeof chosen === "string" ? chosen : values.word, s);
  }

  /** The prompt's values that fit a kind of string, in order. */
  function candidates(kind: Kind | undefined, s: Schema): string[] {
    const v = values;
    if (s.format === "date") return v.dates;
    if (s.format === "date-time") return v.dates.map((d) => `${d}T12:00:00Z`);
    if (s.format === "email") return v.emails;
    if (s.format === "uri" || s.format === "url") return v.urls;
    switch (kind) {
      case "expression":
        return v.expression ? [v.expression] : [];
      case "timeZone":
        return v.timeZone ? [v.timeZone] : [];
      case "place":
        return v.places.length > 0 ? v.places : v.names;
      case "email":
        return v.emails;
      case "url":
        return v.urls;
      case "date":
        return v.dates;
      case "topic":
        return [v.topic];
      case "name":
        return v.names.length > 0 ? v.names : v.places;
      case "prose":
        // A tool's `text` is what the user gave; a JSON reply's `summary` is written fresh (see generic).
        return toolArguments ? [v.quoted[0] ?? v.topic] : [];
      default:
        return [];
    }
  }

  function generic(kind: Kind | undefined): string {
    const v = values;
    if (kind === "prose") return `A short note about ${v.word}.`;
    if (kind === "timeZone") return "UTC";
    if (kind === "date") return "2026-01-01";
    return v.word;
  }

  /** An enum member the prompt names ("in Fahrenheit"), else the default if it is a member, else the first. */
  function member(members: unknown[], fallback: unknown): unknown {
    return (
      members.find((m) => typeof m === "string" && mentions(m)) ??
      (members.includes(fallback) ? fallback : members[0])
    );
  }

  /** Whether the prompt holds `text` as a whole word or phrase, in any case. */
  function mentions(text: string): boolean {
    lower ??= values.prompt.toLowerCase();
    const needle = text.toLowerCase();
    if (!needle) return false;
    const letter = /[\p{L}\p{N}]/u;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const before = lower[at - 1] ?? " ";
      const after = lower[at + needle.length] ?? " ";
      if (!letter.test(before) && !letter.test(after)) return true;
    }
    return false;
  }

  return { value, has };
}

const FORMAT_SAMPLES: Array<[string, string]> = [
  ["date", "2026-01-01"],
  ["date-time", "2026-01-01T12:00:00Z"],
  ["time", "12:00:00"],
  ["email", "someone@example.com"],
  ["uri", "https://example.com"],
  ["url", "https://example.com"],
  ["uuid", "00000000-0000-4000-8000-000000000000"],
  ["ipv4", "192.0.2.1"],
];

function nameWords(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .toLowerCase();
}

function kindOf(s: Schema, name: string): Kind | undefined {
  const description = typeof s.description === "string" ? s.description.toLowerCase() : "";
  for (const text of [nameWords(name), description]) {
    const kind = KINDS.find(([, pattern]) => pattern.test(text))?.[0];
    if (kind) return kind;
  }
  return undefined;
}

function fitsString(value: string, s: Schema): boolean {
  const length = Array.from(value).length;
  if (length < (count(s.minLength) ?? 0) || length > (count(s.maxLength) ?? Number.POSITIVE_INFINITY))
    return false;
  if (s.format === "date-time" && Number.isNaN(Date.parse(value))) return false;
  if (typeof s.pattern === "string") {
    try {
      if (!new RegExp(s.pattern, "u").test(value)) return false;
    } catch {}
  }
  return true;
}

/** Pads or cuts a string to the schema's length bounds, when no candidate fit them. */
function fitLength(value: string, s: Schema): string {
  let points = Array.from(value);
  const min = count(s.minLength) ?? 0;
  const max = count(s.maxLength) ?? Number.POSITIVE_INFINITY;
  while (points.length < min) points = points.concat(Array.from(` ${value || "x"}`));
  return points.slice(0, Math.max(min, Math.min(max, points.length))).join("");
}

// The Python-style names some callers send, as JSON Schema's.
const TYPE_ALIASES: Record<string, string> = {
  str: "string",
  int: "integer",
  float: "number",
  bool: "boolean",
  list: "array",
  dict: "object",
};

function typeOf(s: Schema): string | undefined {
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  if (typeof type === "string") return TYPE_ALIASES[type] ?? type;
  if (isObject(s.properties)) return "object";
  return "items" in s || "prefixItems" in s ? "array" : undefined;
}

/** `allOf` as one schema: the properties and required lists of every branch together. */
function mergeAll(s: Schema, branches: unknown[], resolve: (b: unknown) => Schema): Schema {
  const merged: Schema = withoutKeys(s, "allOf");
  for (const branch of branches.map(resolve)) {
    for (const [key, value] of Object.entries(branch)) {
      if (key === "properties" && isObject(merged.properties) && isObject(value))
        merged.properties = { ...merged.properties, ...value };
      else if (key === "required" && Array.isArray(merged.required) && Array.isArray(value))
        merged.required = [...merged.required, ...value];
      else merged[key] = value;
    }
  }
  return merged;
}

function pointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

function withoutKeys(s: Schema, ...keys: string[]): Schema {
  const out = { ...s };
  for (const key of keys) delete out[key];
  return out;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && value >= 0 ? value : undefined;
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
