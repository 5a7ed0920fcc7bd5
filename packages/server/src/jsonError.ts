/**
 * An error answer in Cohere's own shape, `{"message": ...}`, so a `ClientV2` in the browser maps it to the same
 * error class as one from Cohere (400 `BadRequestError`, 413, 403 `ForbiddenError`...).
 */
export function jsonError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}
