/** The head of a `POST /v2/chat` with a JSON body of `length` bytes, or chunked. */
export function chatHead(length: number | "chunked"): string {
  return `POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${
    length === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${length}`
  }\r\n\r\n`;
}
