type Schema = Record<string, unknown>;

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  time: /^\d{2}:\d{2}:\d{2}/,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^(?:\d{1,3}\.){3}\d{1,3}$/,
};

/**
 * Test helper: what is wrong with `value` against a JSON Schema, as `path: problem` lines (none when it fits).
 * Checks the keywords the simulator claims to honour: type (with the Python-style aliases), const, enum,
 * properties, required, additionalProperties: false, items, prefixItems, minItems, maxItems, uniqueItems,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, pattern, format,
 * anyOf, oneOf, allOf and local $ref.
 */
export function schemaProblems(
  value: unknown,
  schema: unknown,
  root: unknown = schema,
  path = "$",
): string[] {
  if (schema === true || schema === undefined) return [];
  if (!isObject(schema)) return [`${path}: the schema is not an object`];
  let s: Schema = schema;
  if (typeof s.$ref === "string") {
    const target = s.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (isObject(node) && key ? node[key] : node), root);
    if (!isObject(target)) return [`${path}: unresolved $ref ${s.$ref}`];
    s = { ...target, ...s, $ref: undefined };
  }
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${path}: ${message}`);

  if ("const" in s && JSON.stringify(value) !== JSON.stringify(s.const))
    fail(`expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((m) => JSON.stringify(m) === JSON.stringify(value)))
    fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  const types = (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]).map(String);
  if (types.length > 0 && !types.some((t) => hasType(value, t))) fail(`expected ${types.join(" or ")}`);

  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const fitting = branches.filter((b) => schemaProblems(value, b, root, path).length === 0).length;
    if (fitting === 0 || (key === "oneOf" && fitting > 1)) fail(`fits ${fitting} of the ${key} branches`);
  }
  if (Array.isArray(s.allOf)) for (const b of s.allOf) problems.push(...schemaProblems(value, b, root, path));

  if (typeof value === "string") {
    const length = Array.from(value).length;
    if (typeof s.minLength === "number" && length < s.minLength) fail(`shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && length > s.maxLength) fail(`longer than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value))
      fail(`does not match ${s.pattern}`);
    const format = typeof s.format === "string" ? FORMATS[s.format === "url" ? "uri" : s.format] : undefined;
    if (format && !format.test(value)) fail(`is not a ${s.format}`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) fail(`below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) fail(`above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum)
      fail(`not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum)
      fail(`not below ${s.exclusiveMaximum}`);
    if (
      typeof s.multipleOf === "number" &&
      Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9
    )
      fail(`not a multiple of ${s.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) fail(`fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) fail(`more than ${s.maxItems} items`);
    if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size < value.length)
      fail("items repeat");
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : s.items;
      problems.push(...schemaProblems(item, itemSchema, root, `${path}[${i}]`));
    });
  }
  if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    for (const key of Array.isArray(s.required) ? s.required : [])
      if (!(String(key) in value)) fail(`lacks the required property ${key}`);
    for (const [key, item] of Object.entries(value)) {
      if (key in properties) problems.push(...schemaProblems(item, properties[key], root, `${path}.${key}`));
      else if (s.additionalProperties === false) fail(`has the property ${key}, which is not allowed`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
    case "str":
      return typeof value === "string";
    case "integer":
    case "int":
      return Number.isInteger(value);
    case "number":
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
    case "bool":
      return typeof value === "boolean";
    case "array":
    case "list":
      return Array.isArray(value);
    case "object":
    case "dict":
      return isObject(value);
    case "null":
      return value === null;
    default:
      return false;
  }
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
