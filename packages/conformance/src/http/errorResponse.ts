/**
 * A Cohere-shaped error answer: JSON `{"id"?, "message"}`. The one error-response helper: replay, faults, the
 * recording proxy and the simulated provider all answer errors through it.
 */
export function errorResponse(
  status: number,
  message: string,
  options: { id?: string; headers?: Record<string, string> } = {},
): Response {
  const body = options.id === undefined ? { message } : { id: options.id, message };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...options.headers },
  });
}
