/**
 * True for `application/json`, optionally with `charset=utf-8`, and nothing else: not `text/plain` (which a form on
 * another site can send without a CORS preflight) and not look-alikes such as `application/jsonp`.
 */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const [type, ...parameters] = value.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return parameters.every(
    (parameter) => parameter === "" || parameter.replaceAll('"', "") === "charset=utf-8",
  );
}
