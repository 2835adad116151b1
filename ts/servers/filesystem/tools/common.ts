/** Parameter builders and output shaping shared by the file-system tools. */
import { ref, refs, z } from "../../framework/index.ts";

export const PATH_HELP = "absolute, relative to the working directory, or starting with ~";

/** A path naming an existing file, directory or link. */
export const nodePath = (description: string) => ref("node", `${description} (${PATH_HELP})`);
export const nodePaths = (description: string, max = 50) => refs("node", `${description} (${PATH_HELP})`, { max });

/** A path that may not exist yet (what a tool creates or overwrites). */
export const newPath = (description: string) => z.string().describe(`${description} (${PATH_HELP})`);

export const MAX_OUTPUT_CHARS = 64_000;
export const MAX_LINE_CHARS = 500;

export function clipLine(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]` : line;
}

/**
 * A window of lines starting at 1-based `offset`, at most `limit` lines and MAX_OUTPUT_CHARS
 * characters; says where the next window starts when there is more.
 */
export function lineWindow(lines: readonly string[], offset: number, limit: number) {
  const total = lines.length;
  const start = Math.min(Math.max(1, offset), total + 1);
  const out: string[] = [];
  let chars = 0;
  let cut = false;
  let i = start - 1;
  for (; i < total && out.length < limit; i++) {
    let line = lines[i] as string;
    if (chars + line.length + 1 > MAX_OUTPUT_CHARS) {
      if (out.length > 0) break;
      line = `${line.slice(0, MAX_OUTPUT_CHARS)}… [line cut at ${MAX_OUTPUT_CHARS} characters]`;
      cut = true;
    }
    out.push(line);
    chars += line.length + 1;
  }
  const end = start + out.length - 1;
  return {
    content: out.length ? `${out.join("\n")}\n` : "",
    start_line: start,
    end_line: Math.max(end, start - 1),
    total_lines: total,
    truncated: end < total || cut,
    ...(end < total ? { next_offset: end + 1 } : {}),
    ...(cut
      ? { note: `line ${start} is longer than ${MAX_OUTPUT_CHARS} characters and was cut; read it in parts with head or tail (bytes) or cut (characters)` }
      : {}),
  };
}

/** The largest line number a call may name: more than any file of the virtual disk holds. */
export const MAX_LINE = 10_000_000;

export const offsetArg = z.number().int().min(1).max(MAX_LINE).default(1).describe("1-based line to start from (for reading big files in parts; default 1)");
export const linesLimitArg = (dflt: number) =>
  z.number().int().min(1).max(10_000).default(dflt).describe(`Maximum number of lines to return (default ${dflt})`);
