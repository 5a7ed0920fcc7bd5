import type { SeededRandom } from "./seededRandom";

/** The sentences a simulated reply is made of; which variant of each depends on the request's `seed`. */
export interface Wording {
  opening: string;
  /** Fillers, in the order they are used; their number follows the ask. */
  fillers: string[];
  closing: string;
  earlier(previousPrompt: string): string;
  /** The text before and after a cited tool result. */
  toolResult(toolName: string): [string, string];
  /** The text before and after a cited document. */
  document(title: string): [string, string];
  plan(toolNames: string, prompt: string): string;
  thinking(prompt: string, plan: string): string;
}

const OPENINGS = [
  "Here’s what I can tell you.",
  "Sure — here’s my answer.",
  "Happy to help with that.",
  "Good question; here’s a short answer.",
  "Of course. Let’s take a look.",
  "Thanks for asking — here’s what I know.",
];

const FILLERS = [
  "A naïve first attempt often works, but the details decide the result.",
  "It helps to start small, check the result, and then build on what works.",
  "Each step builds on the one before — there are few real shortcuts.",
  "The simple version is usually the right place to begin.",
  "Whether you’re in São Paulo or Kraków, the same principle applies.",
  "Think of a small café in Zürich: a few things, done carefully.",
  "Clear examples often do more than long explanations.",
  "If something looks too good to be true, it’s worth a second look.",
  "Small, steady improvements add up faster than you’d expect.",
  "It’s worth writing down what you expect before you check it.",
  "The façade may look simple; what’s behind it takes more care.",
  "A rough plan you follow beats a perfect one you don’t.",
  "Most problems get easier once they’re split into smaller pieces.",
  "Good names and a little patience save a lot of time later.",
];

const CLOSINGS = [
  "I hope that helps.",
  "Let me know if you’d like more detail.",
  "Happy to go into more depth if that’s useful.",
  "Feel free to ask a follow-up question.",
];

/** A quotation that ends a sentence: a full stop after it unless the quoted text already ends one. */
export function quote(text: string): string {
  return `“${text}”${/[.!?…]$/u.test(text) ? "" : "."}`;
}

// The first variant of each is the default wording, used when the request has no seed.
const EARLIER = [
  (p: string) => `Earlier you said ${quote(p)}`,
  (p: string) => `Before that, you said ${quote(p)}`,
  (p: string) => `You mentioned earlier: ${quote(p)}`,
];
const TOOL_RESULTS: Array<(tool: string) => [string, string]> = [
  (tool) => [`The ${tool} tool returned `, "."],
  (tool) => [`According to ${tool}, `, "."],
  (tool) => [`Here is what ${tool} found: `, "."],
  (tool) => [`${tool} reports `, "."],
];
const DOCUMENTS: Array<(title: string) => [string, string]> = [
  (title) => [`According to ${title}, `, "."],
  (title) => [`As ${title} puts it, `, "."],
  (title) => [`From ${title}: `, "."],
];
const PLANS = [
  (tools: string, prompt: string) => `I will use the ${tools} to answer ${quote(prompt)}`,
  (tools: string) => `To answer this, I’ll use the ${tools}.`,
  (tools: string) => `Let me check with the ${tools} first.`,
];
const THOUGHTS = [
  (prompt: string, plan: string) => `The user wrote ${quote(prompt)} ${plan} Keep it clear — and friendly.`,
  (prompt: string, plan: string) => `The question is ${quote(prompt)} ${plan} A short, clear answer is best.`,
  (prompt: string, plan: string) => `They asked: ${quote(prompt)} ${plan} I’ll keep it plain and friendly.`,
];

/**
 * The wording of one reply. Without a request seed (`seeded` false) every sentence takes its default form and
 * only the opening and fillers vary, with the request; with one, `random` (drawn from the seed) picks every
 * variant, so the same seed always gives the same words and another seed most likely others.
 */
export function chooseWording(random: SeededRandom, seeded: boolean): Wording {
  const pick = <T>(variants: readonly T[]): T => (seeded ? random.pick(variants) : (variants[0] as T));
  const start = random.int(0, FILLERS.length - 1);
  return {
    opening: random.pick(OPENINGS),
    fillers: FILLERS.map((_, i) => FILLERS[(start + i) % FILLERS.length] as string),
    closing: seeded ? random.pick(CLOSINGS) : (CLOSINGS[0] as string),
    earlier: pick(EARLIER),
    toolResult: pick(TOOL_RESULTS),
    document: pick(DOCUMENTS),
    plan: pick(PLANS),
    thinking: pick(THOUGHTS),
  };
}
