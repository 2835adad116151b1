/**
 * Bounded regular expressions for grep: a small Thompson-NFA (Pike VM) matcher.
 *
 * Patterns come from a model, so JavaScript's backtracking RegExp is never built from them: a
 * pattern such as `(a+)+$` or `a*a*a*a*…b` would hang it. Here a pattern compiles to at most
 * MAX_PROGRAM instructions and a line is matched in O(line length × program size) whatever the
 * pattern. Syntax is grep -E (POSIX extended): literals, `.`, `[…]` with ranges, negation and
 * [:classes:], `^ $`, `\b \B`, `\d \w \s` (and negations), groups `( )`/`(?: )`, `|`, and the
 * quantifiers `* + ? {m} {m,} {m,n}` (n ≤ 100). Backreferences and look-arounds are refused.
 */
import { fail } from "../framework/index.ts";

export const PATTERN_MAX = 200;
export const MAX_PROGRAM = 2000;
const MAX_REPEAT = 100;

type CharTest = (c: string) => boolean;
type Ast =
  | { t: "char"; test: CharTest }
  | { t: "assert"; kind: "bol" | "eol" | "wordb" | "nwordb" }
  | { t: "cat"; items: Ast[] }
  | { t: "alt"; items: Ast[] }
  | { t: "rep"; item: Ast; min: number; max: number }; // max = -1: unbounded

type Inst =
  | { op: "char"; test: CharTest }
  | { op: "assert"; kind: "bol" | "eol" | "wordb" | "nwordb" }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "match" };

const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";
const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

const POSIX_CLASSES: Record<string, CharTest> = {
  alpha: (c) => /\p{L}/u.test(c),
  digit: isDigit,
  alnum: (c) => /[\p{L}\p{N}]/u.test(c),
  upper: (c) => /\p{Lu}/u.test(c),
  lower: (c) => /\p{Ll}/u.test(c),
  space: isSpace,
  blank: (c) => c === " " || c === "\t",
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly fold: boolean,
  ) {}

  private bad(why: string): never {
    fail(
      `grep: invalid pattern '${this.src}': ${why} (at character ${this.i + 1}); pass fixed_strings: true to search for the text literally`,
      "invalid_argument",
    );
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  parse(): Ast {
    const ast = this.alt();
    if (this.i < this.src.length) this.bad("unmatched ')'");
    return ast;
  }

  private alt(): Ast {
    const items = [this.cat()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? (items[0] as Ast) : { t: "alt", items };
  }

  private cat(): Ast {
    const items: Ast[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.repeat());
    return { t: "cat", items };
  }

  private repeat(): Ast {
    let atom = this.atom();
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*") [min, max] = [0, -1];
      else if (c === "+") [min, max] = [1, -1];
      else if (c === "?") [min, max] = [0, 1];
      else if (c === "{" && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i)) as RegExpExecArray;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT) this.bad(`repetition counts are at most ${MAX_REPEAT}`);
        if (max !== -1 && max < min) this.bad(`{${min},${max}} has its bounds reversed`);
        this.i += m[0].length - 1;
      } else return atom;
      this.i++;
      if (atom.t === "assert") this.bad("an anchor cannot be repeated");
      atom = { t: "rep", item: atom, min, max };
    }
  }

  private lit(ch: string): Ast {
    if (!this.fold) return { t: "char", test: (c) => c === ch };
    const lo = ch.toLowerCase();
    return { t: "char", test: (c) => c.toLowerCase() === lo };
  }

  private atom(): Ast {
    const c = this.src[this.i++] as string;
    switch (c) {
      case "(": {
        if (this.src.startsWith("?:", this.i)) this.i += 2;
        else if (this.peek() === "?") this.bad("look-arounds and other (?…) groups are not supported");
        const inner = this.alt();
        if (this.peek() !== ")") this.bad("unmatched '('");
        this.i++;
        return inner;
      }
      case ".":
        return { t: "char", test: () => true };
      case "^":
        return { t: "assert", kind: "bol" };
      case "$":
        return { t: "assert", kind: "eol" };
      case "[":
        return this.bracket();
      case "*":
      case "+":
      case "?":
        return this.bad(`'${c}' has nothing to repeat`);
      case "\\":
        return this.escape();
      default:
        return this.lit(c);
    }
  }

  private classEscape(e: string): CharTest | undefined {
    switch (e) {
      case "d":
        return isDigit;
      case "D":
        return (c) => !isDigit(c);
      case "w":
        return (c) => isWord(c);
      case "W":
        return (c) => !isWord(c);
      case "s":
        return isSpace;
      case "S":
        return (c) => !isSpace(c);
      default:
        return undefined;
    }
  }

  private escape(): Ast {
    const e = this.src[this.i++];
    if (e === undefined) this.bad("trailing backslash");
    if (/[1-9]/.test(e)) this.bad("backreferences (\\1…\\9) are not supported");
    if (e === "b") return { t: "assert", kind: "wordb" };
    if (e === "B") return { t: "assert", kind: "nwordb" };
    if (e === "<" || e === ">") return { t: "assert", kind: "wordb" };
    const cls = this.classEscape(e);
    if (cls) return { t: "char", test: cls };
    if (e === "t") return this.lit("\t");
    if (e === "n") return this.lit("\n");
    if (/[A-Za-z0-9]/.test(e)) this.bad(`unknown escape '\\${e}'`);
    return this.lit(e);
  }

  private bracket(): Ast {
    let neg = false;
    if (this.peek() === "^") {
      neg = true;
      this.i++;
    }
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) this.bad("unmatched '['");
      if (c === "]" && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === "[" && this.src[this.i + 1] === ":") {
        const end = this.src.indexOf(":]", this.i + 2);
        const name = end < 0 ? "" : this.src.slice(this.i + 2, end);
        const test = POSIX_CLASSES[name];
        if (!test) this.bad(`unknown character class [:${name}:] (valid: ${Object.keys(POSIX_CLASSES).join(", ")})`);
        tests.push(test);
        this.i = end + 2;
        continue;
      }
      let lo = c;
      this.i++;
      if (c === "\\" && this.src[this.i] !== undefined) {
        const e = this.src[this.i++] as string;
        const cls = this.classEscape(e);
        if (cls) {
          tests.push(cls);
          continue;
        }
        lo = e === "t" ? "\t" : e;
      }
      if (this.peek() === "-" && this.src[this.i + 1] !== undefined && this.src[this.i + 1] !== "]") {
        this.i++;
        let hi = this.src[this.i++] as string;
        if (hi === "\\" && this.src[this.i] !== undefined) hi = this.src[this.i++] as string;
        if (hi < lo) this.bad(`range ${lo}-${hi} is out of order`);
        const [l, h] = [lo, hi];
        tests.push(
          this.fold
            ? (ch) => (l <= ch && ch <= h) || (l <= ch.toLowerCase() && ch.toLowerCase() <= h) || (l <= ch.toUpperCase() && ch.toUpperCase() <= h)
            : (ch) => l <= ch && ch <= h,
        );
      } else {
        const one = lo;
        tests.push(this.fold ? (ch) => ch.toLowerCase() === one.toLowerCase() : (ch) => ch === one);
      }
    }
    return { t: "char", test: neg ? (c) => !tests.some((t) => t(c)) : (c) => tests.some((t) => t(c)) };
  }
}

class Compiler {
  readonly prog: Inst[] = [];

  constructor(private readonly src: string) {}

  private emit(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) {
      fail(
        `grep: pattern '${this.src}' is too complex (it expands past ${MAX_PROGRAM} steps); use smaller repetition counts or fixed_strings: true`,
        "invalid_argument",
      );
    }
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  compile(ast: Ast): void {
    switch (ast.t) {
      case "char":
        this.emit({ op: "char", test: ast.test });
        return;
      case "assert":
        this.emit({ op: "assert", kind: ast.kind });
        return;
      case "cat":
        for (const item of ast.items) this.compile(item);
        return;
      case "alt": {
        const jumps: number[] = [];
        for (let k = 0; k < ast.items.length - 1; k++) {
          const split = this.emit({ op: "split", x: 0, y: 0 });
          (this.prog[split] as { x: number }).x = this.prog.length;
          this.compile(ast.items[k] as Ast);
          jumps.push(this.emit({ op: "jmp", x: 0 }));
          (this.prog[split] as { y: number }).y = this.prog.length;
        }
        this.compile(ast.items[ast.items.length - 1] as Ast);
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length;
        return;
      }
      case "rep": {
        for (let k = 0; k < ast.min; k++) this.compile(ast.item);
        if (ast.max === -1) {
          const split = this.emit({ op: "split", x: 0, y: 0 });
          (this.prog[split] as { x: number }).x = this.prog.length;
          this.compile(ast.item);
          this.emit({ op: "jmp", x: split });
          (this.prog[split] as { y: number }).y = this.prog.length;
        } else {
          const splits: number[] = [];
          for (let k = ast.min; k < ast.max; k++) {
            const split = this.emit({ op: "split", x: 0, y: 0 });
            (this.prog[split] as { x: number }).x = this.prog.length;
            splits.push(split);
            this.compile(ast.item);
          }
          for (const s of splits) (this.prog[s] as { y: number }).y = this.prog.length;
        }
        return;
      }
    }
  }
}

/** A compiled pattern: `test(line)` says whether the pattern occurs anywhere in the line. */
export interface LineMatcher {
  test(line: string): boolean;
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

/**
 * Compiles a grep pattern. `fixedStrings` searches the text literally; `wordRegexp` matches
 * only whole words; `ignoreCase` folds case on both sides.
 */
export function compilePattern(pattern: string, opts: { fixedStrings?: boolean; ignoreCase?: boolean; wordRegexp?: boolean } = {}): LineMatcher {
  if (pattern.length > PATTERN_MAX)
    fail(
      `grep: the pattern is ${pattern.length} characters long; at most ${PATTERN_MAX} are allowed (search for a shorter distinctive part)`,
      "invalid_argument",
    );
  if (opts.fixedStrings && !opts.wordRegexp) {
    const needle = opts.ignoreCase ? pattern.toLowerCase() : pattern;
    return { test: (line) => (opts.ignoreCase ? line.toLowerCase() : line).includes(needle) };
  }
  const src = opts.fixedStrings ? escapeLiteral(pattern) : pattern;
  const ast = new Parser(opts.wordRegexp ? `\\b(?:${src})\\b` : src, opts.ignoreCase ?? false).parse();
  const c = new Compiler(pattern);
  c.compile(ast);
  c.prog.push({ op: "match" });
  const prog = c.prog;
  const seen = new Int32Array(prog.length).fill(-1);
  let stamp = 0;
  return {
    test(line: string): boolean {
      let clist: number[] = [];
      let nlist: number[] = [];
      const add = (list: number[], pc: number, i: number): boolean => {
        // Iterative closure over split/jmp/assert; returns true when it reaches match.
        const stack = [pc];
        while (stack.length) {
          const p = stack.pop() as number;
          if (seen[p] === stamp) continue;
          seen[p] = stamp;
          const inst = prog[p] as Inst;
          switch (inst.op) {
            case "match":
              return true;
            case "jmp":
              stack.push(inst.x);
              break;
            case "split":
              stack.push(inst.y, inst.x);
              break;
            case "assert": {
              const before = line[i - 1];
              const after = line[i];
              const ok =
                inst.kind === "bol" ? i === 0 : inst.kind === "eol" ? i === line.length : (isWord(before) !== isWord(after)) === (inst.kind === "wordb");
              if (ok) stack.push(p + 1);
              break;
            }
            case "char":
              list.push(p);
              break;
          }
        }
        return false;
      };
      for (let i = 0; i <= line.length; i++) {
        stamp++;
        // Unanchored search: a new thread may start at every position.
        for (const pc of clist) seen[pc] = stamp;
        if (add(clist, 0, i)) return true;
        if (i === line.length) break;
        const ch = line[i] as string;
        stamp++;
        nlist = [];
        for (const pc of clist) {
          const inst = prog[pc] as Inst & { op: "char" };
          if (inst.test(ch) && add(nlist, pc + 1, i + 1)) return true;
        }
        [clist, nlist] = [nlist, clist];
      }
      return false;
    },
  };
}
