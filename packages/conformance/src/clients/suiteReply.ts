import type { ChatResponse } from "@parley/core";
import { assembleResponse } from "@parley/core/protocol";
import { concatBytes } from "../http/concatBytes";
import { judgeStream } from "../suite/judgeStream";
import { readStream } from "../suite/readStream";
import { replySchemaProblems } from "../suite/replySchema";
import type { Mode } from "../suite/types";

/**
 * The reply the suite makes of a 200's bytes, judged by the suite's own rules (the stream's required checks and
 * the reply schema), or why there is none: the provider's answer is then broken, and an SDK is judged on its own.
 */
export function suiteReply(
  chunks: readonly Uint8Array[],
  mode: Mode,
): { reply: ChatResponse } | { broken: string } {
  const bytes = concatBytes(chunks);
  const text = new TextDecoder().decode(bytes);
  let reply: unknown;
  if (mode === "stream") {
    const reading = readStream({
      status: 200,
      headers: new Headers(),
      chunks: [bytes],
      arrivals: [0],
      text,
      durationMs: 0,
    });
    const stream = judgeStream(reading);
    const failed = stream.results.find((r) => r.status === "fail" && r.severity === "required");
    if (failed || !stream.assemblable)
      return {
        broken: `${failed?.id ?? "stream.grammar"}: ${failed?.message ?? "no reply can be assembled"}`,
      };
    try {
      reply = assembleResponse(reading.events);
    } catch (error) {
      return { broken: `the stream cannot be assembled: ${(error as Error).message}` };
    }
  } else {
    try {
      reply = JSON.parse(text);
    } catch {
      return { broken: "the body is not JSON" };
    }
  }
  const problem = replySchemaProblems(reply)[0];
  return problem
    ? { broken: `reply.schema: ${problem.path} ${problem.message}` }
    : { reply: reply as ChatResponse };
}
