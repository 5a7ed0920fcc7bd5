import { readFileSync } from "node:fs";
import ts from "typescript";

/** One fenced code block of a Markdown file: its language, info string, text and the line it opens on. */
export interface CodeBlock {
  lang: string;
  info: string;
  code: string;
  line: number;
}

/** The fenced code blocks of a Markdown file, as `docs/snippets.mjs` reads them (a `no-check` info string included). */
export function readmeBlocks(path: string): CodeBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith("```"));
    if (end === -1) throw new Error(`${path}:${i + 1}: unclosed code block`);
    blocks.push({
      lang: open[1]!,
      info: open[2]!.trim(),
      code: lines.slice(i + 1, end).join("\n"),
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

/**
 * Runs a TypeScript block as written, its types stripped and its imports answered from `modules` (by specifier),
 * and resolves to the values of its top-level `const`s. A specifier `modules` lacks is an error naming it.
 */
export async function runBlock(
  code: string,
  modules: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const names = [...js.matchAll(/^(?:const|let) (\w+)/gm)].map((m) => m[1]!);
  const body = js.replace(
    /^import \{([^}]*)\} from "([^"]+)";$/gm,
    (_, bindings: string, specifier: string) => {
      if (!(specifier in modules))
        throw new Error(`the block imports ${specifier}, which the test does not provide`);
      return `const {${bindings.replace(/\bas\b/g, ":")}} = modules[${JSON.stringify(specifier)}];`;
    },
  );
  if (/^import /m.test(body)) throw new Error(`the block has an import the test cannot answer:\n${body}`);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (modules: Record<string, unknown>) => Promise<Record<string, unknown>>;
  return new AsyncFunction("modules", `${body}\nreturn { ${names.join(", ")} };`)(modules);
}

/** Splits a shell command line into words: single and double quotes group, a trailing backslash continues. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.replace(/\\\n/g, " ").matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    words.push(match[1] ?? match[2] ?? match[3]!);
  }
  return words;
}
