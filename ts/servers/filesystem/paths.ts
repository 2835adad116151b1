/**
 * Paths of the virtual file system: validation, normalisation and glob matching.
 *
 * A path from a model may be absolute ("/etc/hosts"), relative to the working directory
 * ("notes/todo.md", "../Downloads"), or start with "~" (the user's home) or "~name"
 * (/home/name). Normalisation is lexical ("a/./b/../c" is "a/c"; ".." at the root stays at the
 * root); symbolic links are resolved afterwards, component by component, by vfs.ts.
 * Limits follow Linux: a path holds at most 4096 characters, one name at most 255, no NUL.
 */
import { fail } from "../framework/index.ts";

export const PATH_MAX = 4096;
export const NAME_MAX = 255;

function clip(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Throws an invalid_argument tool error unless `input` is a well-formed path. */
export function checkPathForm(input: string, cmd: string): void {
  if (input.length === 0) fail(`${cmd}: '': No such file or directory (an empty string names no file; use "." for the current directory)`, "invalid_argument");
  if (input.includes("\u0000"))
    fail(`${cmd}: the path '${clip(input.replace(/\u0000/g, "\\0"))}' contains a NUL byte, which no file name may contain`, "invalid_argument");
  if (input.length > PATH_MAX)
    fail(`${cmd}: '${clip(input)}': File name too long (the path has ${input.length} characters; at most ${PATH_MAX} are allowed)`, "invalid_argument");
}

/** The components of a normalised absolute path: "/a/b" → ["a", "b"], "/" → []. */
export function splitPath(abs: string): string[] {
  return abs.split("/").filter((c) => c !== "");
}

/** Lexically normalised absolute path of `input` seen from `cwd`, with "~" expanded. */
export function normalize(input: string, cwd: string, home: string, cmd: string): string {
  checkPathForm(input, cmd);
  let p = input;
  if (p === "~" || p.startsWith("~/")) p = home + p.slice(1);
  else if (p.startsWith("~")) {
    const slash = p.indexOf("/");
    const name = slash < 0 ? p.slice(1) : p.slice(1, slash);
    if (/^[a-z_][a-z0-9._-]*$/.test(name)) p = `/home/${name}${slash < 0 ? "" : p.slice(slash)}`;
  }
  return collapse(p.startsWith("/") ? p : `${cwd}/${p}`, cmd);
}

/** Normalises an absolute path: removes "", "." and resolves ".." lexically. */
export function collapse(abs: string, cmd = "path"): string {
  const out: string[] = [];
  for (const part of abs.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else {
      if (part.length > NAME_MAX)
        fail(
          `${cmd}: '${clip(part)}': File name too long (the name has ${part.length} characters; at most ${NAME_MAX} are allowed per name)`,
          "invalid_argument",
        );
      out.push(part);
    }
  }
  const p = `/${out.join("/")}`;
  if (p.length > PATH_MAX)
    fail(`${cmd}: '${clip(p)}': File name too long (the resolved path has ${p.length} characters; at most ${PATH_MAX} are allowed)`, "invalid_argument");
  return p;
}

/** The directory holding `abs` ("/" for "/" itself). */
export function parentOf(abs: string): string {
  const i = abs.lastIndexOf("/");
  return i <= 0 ? "/" : abs.slice(0, i);
}

/** The last component of `abs` ("" for "/"). */
export function nameOf(abs: string): string {
  return abs.slice(abs.lastIndexOf("/") + 1);
}

export function join(dir: string, ...names: string[]): string {
  let p = dir;
  for (const n of names) p = p === "/" ? `/${n}` : `${p}/${n}`;
  return p;
}

/** True when `abs` is `ancestor` or lies below it. */
export function isWithin(abs: string, ancestor: string): boolean {
  return abs === ancestor || abs.startsWith(ancestor === "/" ? "/" : `${ancestor}/`);
}

/** Number of components: "/" is 0, "/home" is 1. */
export function depthOf(abs: string): number {
  return abs === "/" ? 0 : abs.split("/").length - 1;
}

/** `abs` relative to `base` when it lies below it ("." for base itself), else `abs`. */
export function relativeTo(abs: string, base: string): string {
  if (abs === base) return ".";
  return isWithin(abs, base) ? abs.slice(base === "/" ? 1 : base.length + 1) : abs;
}

/** Orders paths as a depth-first walk lists them: a directory right before its contents. */
export function comparePaths(a: string, b: string): number {
  const x = a.replace(/\//g, "\u0000");
  const y = b.replace(/\//g, "\u0000");
  return x < y ? -1 : x > y ? 1 : 0;
}

type GlobToken = { t: "star" } | { t: "any" } | { t: "char"; c: string } | { t: "set"; neg: boolean; items: Array<[string, string]> };

export const GLOB_MAX = 255;

/**
 * A shell glob (`*`, `?`, `[abc]`, `[!a-z]`, `\` escapes) as a matcher. Matching is the
 * two-pointer wildcard walk with one backtrack point: O(name × pattern), whatever the input.
 */
export function compileGlob(pattern: string, opts: { ignoreCase?: boolean; what?: string } = {}): (name: string) => boolean {
  const what = opts.what ?? "pattern";
  if (pattern.length > GLOB_MAX) fail(`${what} '${clip(pattern)}' is ${pattern.length} characters long; at most ${GLOB_MAX} are allowed`, "invalid_argument");
  const fold = (s: string) => (opts.ignoreCase ? s.toLowerCase() : s);
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      if (tokens[tokens.length - 1]?.t !== "star") tokens.push({ t: "star" });
    } else if (c === "?") tokens.push({ t: "any" });
    else if (c === "\\" && i + 1 < pattern.length) tokens.push({ t: "char", c: fold(pattern[++i] as string) });
    else if (c === "[") {
      let j = i + 1;
      const neg = pattern[j] === "!" || pattern[j] === "^";
      if (neg) j++;
      const items: Array<[string, string]> = [];
      let first = true;
      while (j < pattern.length && (pattern[j] !== "]" || first)) {
        first = false;
        const lo = pattern[j] as string;
        if (pattern[j + 1] === "-" && j + 2 < pattern.length && pattern[j + 2] !== "]") {
          items.push([fold(lo), fold(pattern[j + 2] as string)]);
          j += 3;
        } else {
          items.push([fold(lo), fold(lo)]);
          j++;
        }
      }
      if (j >= pattern.length)
        tokens.push({ t: "char", c: "[" }); // no closing bracket: a literal "["
      else {
        tokens.push({ t: "set", neg, items });
        i = j;
      }
    } else tokens.push({ t: "char", c: fold(c) });
  }
  const one = (tok: GlobToken, ch: string): boolean => {
    if (tok.t === "any") return true;
    if (tok.t === "char") return tok.c === ch;
    if (tok.t === "set") return tok.items.some(([lo, hi]) => lo <= ch && ch <= hi) !== tok.neg;
    return false;
  };
  return (raw: string) => {
    const s = fold(raw);
    let si = 0;
    let ti = 0;
    let starT = -1;
    let starS = 0;
    while (si < s.length) {
      const tok = tokens[ti];
      if (tok && tok.t === "star") {
        starT = ti++;
        starS = si;
      } else if (tok && one(tok, s[si] as string)) {
        ti++;
        si++;
      } else if (starT >= 0) {
        ti = starT + 1;
        si = ++starS;
      } else return false;
    }
    while (tokens[ti]?.t === "star") ti++;
    return ti === tokens.length;
  };
}
