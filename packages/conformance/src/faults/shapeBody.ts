import { parseStreamEvent } from "@parley/core/protocol";
import type { BodyPlan } from "../http/bodyPlan";
import { concatBytes } from "../http/concatBytes";
import type { Faults } from "./faults";
import { locateEvents } from "./locateEvents";

const encoder = new TextEncoder();

/**
 * Applies the body faults to a plan, in the order a wire would see them: event edits (only for event streams), then
 * the chunking, then the pauses.
 */
export function shapeBody(
  plan: BodyPlan,
  faults: Faults,
  random: () => number,
  eventStream: boolean,
): BodyPlan {
  const edited = eventStream ? editEvents(plan, faults) : plan;
  return addDelays(rechunk(edited, faults, random), faults);
}

/** Event faults: rewrite or drop whole events, then mark where to stall or disconnect. */
function editEvents(plan: BodyPlan, faults: Faults): BodyPlan {
  let shaped = plan;
  if (faults.invalidJsonAtEvent !== undefined || faults.dropMessageEnd) {
    const edits: Edit[] = [];
    locateEvents(plan.bytes).forEach((span, index) => {
      const { event, data } = span.message;
      if (index === faults.invalidJsonAtEvent) {
        const broken = data.slice(0, Math.max(1, Math.floor(data.length / 2)));
        const text = `${event ? `event: ${event}\n` : ""}data: ${broken}\n\n`;
        edits.push({ start: span.start, end: span.end, replacement: encoder.encode(text) });
      } else if (faults.dropMessageEnd && isMessageEnd(span.message)) {
        edits.push({ start: span.start, end: span.end, replacement: new Uint8Array() });
      }
    });
    shaped = applyEdits(shaped, edits);
  }
  const { stall, disconnectAfterEvents } = faults;
  if (stall === undefined && disconnectAfterEvents === undefined) return shaped;
  const ends = [0, ...locateEvents(shaped.bytes).map((span) => span.end)];
  if (stall !== undefined) {
    const offset = ends[stall.afterEvents];
    if (offset !== undefined)
      shaped = { ...shaped, waits: [...shaped.waits, { offset, ms: stall.ms ?? Infinity }] };
  }
  if (disconnectAfterEvents !== undefined) {
    const offset = ends[disconnectAfterEvents];
    if (offset !== undefined) shaped = truncate(shaped, offset);
  }
  return shaped;
}

function isMessageEnd(message: { event: string | undefined; data: string }): boolean {
  try {
    const event = parseStreamEvent(message);
    return event !== "done" && event.type === "message-end";
  } catch {
    return false;
  }
}

interface Edit {
  start: number;
  end: number;
  replacement: Uint8Array;
}

/** Replaces byte ranges, keeping the other chunk cuts and pauses where their bytes moved to. */
function applyEdits(plan: BodyPlan, edits: readonly Edit[]): BodyPlan {
  if (edits.length === 0) return plan;
  const parts: Uint8Array[] = [];
  const cuts = new Set<number>();
  const waits: BodyPlan["waits"] = [];
  let read = 0;
  let written = 0;
  const copyTo = (end: number) => {
    for (const cut of plan.cuts) if (cut > read && cut < end) cuts.add(written + cut - read);
    for (const wait of plan.waits) {
      if (wait.offset >= read && wait.offset < end)
        waits.push({ ...wait, offset: written + wait.offset - read });
    }
    parts.push(plan.bytes.subarray(read, end));
    written += end - read;
    read = end;
  };
  for (const edit of edits) {
    copyTo(edit.start);
    cuts.add(written);
    parts.push(edit.replacement);
    written += edit.replacement.length;
    cuts.add(written);
    read = edit.end;
  }
  copyTo(plan.bytes.length);
  for (const wait of plan.waits)
    if (wait.offset === plan.bytes.length) waits.push({ ...wait, offset: written });
  const bytes = concatBytes(parts);
  return {
    ...plan,
    bytes,
    cuts: [...cuts].filter((cut) => cut > 0 && cut < written).sort((a, b) => a - b),
    waits,
  };
}

function truncate(plan: BodyPlan, offset: number): BodyPlan {
  return {
    bytes: plan.bytes.slice(0, offset),
    cuts: plan.cuts.filter((cut) => cut < offset),
    waits: plan.waits.filter((wait) => wait.offset <= offset),
    end: "disconnect",
  };
}

function rechunk(plan: BodyPlan, faults: Faults, random: () => number): BodyPlan {
  const length = plan.bytes.length;
  let cuts = plan.cuts;
  if (faults.rechunk === "byte") {
    cuts = Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
  } else if (faults.rechunk === "random") {
    const max = faults.maxChunkBytes ?? 32;
    cuts = [];
    for (
      let offset = 1 + Math.floor(random() * max);
      offset < length;
      offset += 1 + Math.floor(random() * max)
    ) {
      cuts.push(offset);
    }
  }
  if (faults.splitMultibyte) {
    const inside: number[] = [];
    // A lead byte of a multi-byte sequence is 11xxxxxx; cutting right after it splits the character.
    plan.bytes.forEach((byte, i) => {
      if (byte >= 0xc0 && i + 1 < length) inside.push(i + 1);
    });
    cuts = [...new Set([...cuts, ...inside])].sort((a, b) => a - b);
  }
  return cuts === plan.cuts ? plan : { ...plan, cuts };
}

function addDelays(plan: BodyPlan, faults: Faults): BodyPlan {
  const waits = [...plan.waits];
  if (faults.firstTokenDelayMs) waits.push({ offset: 0, ms: faults.firstTokenDelayMs });
  if (faults.chunkDelayMs) {
    const starts = new Set([...plan.cuts, ...plan.waits.map((wait) => wait.offset)]);
    for (const offset of starts) {
      if (offset > 0 && offset < plan.bytes.length) waits.push({ offset, ms: faults.chunkDelayMs });
    }
  }
  return waits.length === plan.waits.length ? plan : { ...plan, waits };
}
