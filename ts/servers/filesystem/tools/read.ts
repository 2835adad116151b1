/**
 * Reading and text processing: cat, head, tail, wc, grep, sort, uniq, cut, diff, cmp,
 * sha256sum. None of them changes anything; to keep a result, pass it to write_file.
 */
import { fail, pageOf, paginate, z } from "../../framework/index.ts";
import { compileGlob, comparePaths, nameOf } from "../paths.ts";
import { compilePattern } from "../regex.ts";
import { read, type Node } from "../state.ts";
import { counts, diffLines, isBinary, sha256Hex, splitLines, unifiedHunks } from "../textutil.ts";
import { Fs } from "../vfs.ts";
import { clipLine, linesLimitArg, lineWindow, MAX_LINE, MAX_OUTPUT_CHARS, nodePath, nodePaths, offsetArg } from "./common.ts";

/** Bytes grep reads at most in one call; past it, it stops and says so. */
export const GREP_MAX_BYTES = 2 * 1_048_576;

/** cut's LIST: "1,3", "2-4", "5-", "-3" (1-based, ascending ranges). */
function parseList(spec: string, what: "fields" | "characters"): (k: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d*)\s*(-)?\s*(\d*)\s*$/.exec(part);
    const lo = m && m[1] !== "" ? Number(m[1]) : m?.[2] ? 1 : NaN;
    const hi = m && m[3] !== "" ? Number(m[3]) : m?.[2] ? Infinity : lo;
    if (!m || (m[1] === "" && m[3] === "") || !(lo >= 1) || !(hi >= lo)) {
      fail(`cut: invalid ${what} list '${spec}' (use 1-based numbers and ranges such as 1,3 or 2-4 or 5-; ${what} are numbered from 1)`, "invalid_argument");
    }
    ranges.push([lo, hi]);
  }
  return (k) => ranges.some(([lo, hi]) => k >= lo && k <= hi);
}

/** A text file's content, or EISDIR / EACCES / ENOENT in coreutils wording. */
function text(fs: Fs, path: string): { abs: string; node: Node; content: string } {
  const r = fs.readFile(path);
  return { abs: r.abs, node: r.node, content: r.content };
}

const headTailInput = (what: string) =>
  z
    .object({
      path: nodePath(`File to show the ${what} of`),
      lines: z.number().int().min(0).max(10_000).default(10).describe("Number of lines (default 10)"),
      bytes: z.number().int().min(0).max(65_536).optional().describe("Show this many bytes instead of lines (-c)"),
    })
    .strict();

export const readTools = {
  cat: read({
    description:
      "Read a file's content. Big files come in windows: offset (1-based first line) and limit (lines, default 2000); the result says total_lines and next_offset when more remains. number_lines prefixes line numbers like cat -n. Directories fail with 'Is a directory'; reading needs r permission.",
    input: z
      .object({
        path: nodePath("File to read"),
        offset: offsetArg,
        limit: linesLimitArg(2000),
        number_lines: z.boolean().default(false).describe("Prefix each line with its number (cat -n)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "cat");
      const f = text(fs, a.path);
      const lines = splitLines(f.content);
      const numbered = a.number_lines ? lines.map((l, k) => `${String(k + 1).padStart(6)}\t${l}`) : lines;
      const w = lineWindow(numbered, a.offset, a.limit);
      // Without a trailing newline in the file, the last line is not terminated either.
      const whole = w.start_line === 1 && !w.truncated && !a.number_lines;
      return {
        path: f.abs,
        size: f.node.size,
        ...w,
        ...(whole ? { content: f.content.length <= MAX_OUTPUT_CHARS ? f.content : w.content } : {}),
        ...(isBinary(f.content) ? { binary: true } : {}),
      };
    },
  }),

  head: read({
    description: "The first lines of a file (default 10), or its first bytes with bytes (head -c). Returns the content and the file's total line count.",
    input: headTailInput("beginning"),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "head");
      const f = text(fs, a.path);
      const lines = splitLines(f.content);
      if (a.bytes !== undefined) {
        const bytes = new TextEncoder().encode(f.content).slice(0, a.bytes);
        return { path: f.abs, content: new TextDecoder().decode(bytes), bytes: bytes.length, total_lines: lines.length };
      }
      const w = lineWindow(lines, 1, Math.max(a.lines, 0) || 0);
      return { path: f.abs, content: a.lines === 0 ? "" : w.content, lines_shown: a.lines === 0 ? 0 : w.end_line, total_lines: lines.length };
    },
  }),

  tail: read({
    description:
      "The last lines of a file (default 10), its last bytes with bytes (tail -c), or everything from line from_line on (tail -n +N). Returns the content, the first line number shown and the total line count.",
    input: headTailInput("end")
      .extend({
        from_line: z.number().int().min(1).max(MAX_LINE).optional().describe("Start at this 1-based line instead of counting from the end (tail -n +N)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "tail");
      const f = text(fs, a.path);
      const lines = splitLines(f.content);
      if (a.bytes !== undefined) {
        const all = new TextEncoder().encode(f.content);
        const bytes = all.slice(Math.max(0, all.length - a.bytes));
        return { path: f.abs, content: new TextDecoder().decode(bytes), bytes: bytes.length, total_lines: lines.length };
      }
      const start = a.from_line ?? Math.max(1, lines.length - a.lines + 1);
      if (a.from_line === undefined && a.lines === 0) return { path: f.abs, content: "", start_line: lines.length + 1, total_lines: lines.length };
      const w = lineWindow(lines, start, a.from_line === undefined ? a.lines : 10_000);
      return { path: f.abs, content: w.content, start_line: w.start_line, total_lines: lines.length, ...(w.truncated ? { next_offset: w.next_offset } : {}) };
    },
  }),

  wc: read({
    description: "Count lines (newline characters), words, bytes and characters of one or more files, like wc; with several files also the total.",
    input: z.object({ paths: nodePaths("Files to count (1-50)").min(1, "give at least one file") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "wc");
      const files = a.paths.map((p) => {
        const f = text(fs, p);
        return { path: f.abs, ...counts(f.content) };
      });
      const total = files.reduce((t, f) => ({ lines: t.lines + f.lines, words: t.words + f.words, bytes: t.bytes + f.bytes, chars: t.chars + f.chars }), {
        lines: 0,
        words: 0,
        bytes: 0,
        chars: 0,
      });
      return { files, ...(files.length > 1 ? { total } : {}) };
    },
  }),

  grep: read({
    description:
      "Search file contents for a pattern, like grep -E: POSIX extended regular expressions (. [] ^ $ * + ? {m,n} | () \\b \\d \\w \\s; no backreferences; at most 200 characters) or literal text with fixed_strings. Searches one file, or a directory with recursive: true (include/exclude filter file names by glob). Returns matching lines with path and line number, or only file names (files_with_matches), or per-file counts (count). Binary files are reported, not printed. Paginated.",
    input: z
      .object({
        pattern: z.string().describe("What to look for: an extended regular expression, or literal text with fixed_strings: true"),
        path: nodePath("File or directory to search; default the working directory").optional(),
        recursive: z.boolean().default(false).describe("Search every file below a directory (grep -r); needed when path is a directory"),
        ignore_case: z.boolean().default(false).describe("Match upper and lower case alike (grep -i)"),
        fixed_strings: z.boolean().default(false).describe("Treat the pattern as literal text, not a regular expression (grep -F)"),
        word_regexp: z.boolean().default(false).describe("Match whole words only (grep -w)"),
        invert_match: z.boolean().default(false).describe("Select lines that do NOT match (grep -v)"),
        files_with_matches: z.boolean().default(false).describe("Return only the names of files with a match (grep -l)"),
        count: z.boolean().default(false).describe("Return the number of matching lines per file (grep -c)"),
        include: z.string().max(255).optional().describe("Only search files whose name matches this glob, e.g. '*.py' (grep --include)"),
        exclude: z.string().max(255).optional().describe("Skip files whose name matches this glob (grep --exclude)"),
        max_count: z.number().int().min(1).max(10_000).optional().describe("Stop reading a file after this many matching lines (grep -m)"),
        ...pageOf({ max: 500, default: 50, what: "results" }),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "grep");
      if (a.files_with_matches && a.count) fail("grep: choose either files_with_matches or count, not both", "invalid_argument");
      const matcher = compilePattern(a.pattern, { fixedStrings: a.fixed_strings, ignoreCase: a.ignore_case, wordRegexp: a.word_regexp });
      const include = a.include ? compileGlob(a.include, { what: "grep: --include pattern" }) : undefined;
      const exclude = a.exclude ? compileGlob(a.exclude, { what: "grep: --exclude pattern" }) : undefined;
      const r = fs.need(a.path ?? ".", (p) => p);
      const errors: string[] = [];
      let files: Node[];
      if (r.node.kind === "dir") {
        if (!a.recursive) fail(`grep: ${r.abs}: Is a directory (pass recursive: true to search every file inside it, or name one file)`);
        fs.require(r.node, "r", r.abs, "search it");
        const blocked: string[] = [];
        const below = fs.descendants(r.node.path).sort((x, y) => comparePaths(x.path, y.path));
        files = [];
        for (const n of below) {
          if (blocked.some((b) => n.path.startsWith(`${b}/`))) continue;
          if (n.kind === "dir") {
            if (!fs.can(n, "r") || !fs.can(n, "x")) {
              blocked.push(n.path);
              errors.push(`grep: ${n.path}: Permission denied`);
            }
            continue;
          }
          if (n.kind !== "file") continue; // grep -r does not follow links below the start
          if (include && !include(nameOf(n.path))) continue;
          if (exclude?.(nameOf(n.path))) continue;
          if (!fs.can(n, "r")) {
            errors.push(`grep: ${n.path}: Permission denied`);
            continue;
          }
          files.push(n);
        }
      } else {
        files = [text(fs, a.path ?? ".").node];
      }
      const shown = (n: Node) =>
        r.node.kind === "dir" && r.abs !== r.node.path ? r.abs + n.path.slice(r.node.path.length) : r.node.kind === "dir" ? n.path : r.abs;
      const hits: Array<{ path: string; line_number: number; line: string }> = [];
      const perFile: Array<{ path: string; count: number }> = [];
      const binary: string[] = [];
      let scanned = 0;
      let stopped = false;
      for (const f of files) {
        const content = f.content ?? "";
        if (scanned + content.length > GREP_MAX_BYTES) {
          stopped = true;
          break;
        }
        scanned += content.length;
        let n = 0;
        const lines = splitLines(content);
        const bin = isBinary(content);
        for (let k = 0; k < lines.length; k++) {
          if (matcher.test(lines[k] as string) === a.invert_match) continue;
          n++;
          if (!bin && !a.files_with_matches && !a.count) hits.push({ path: shown(f), line_number: k + 1, line: clipLine(lines[k] as string) });
          if ((a.max_count !== undefined && n >= a.max_count) || (bin && n > 0) || (a.files_with_matches && n > 0)) break;
        }
        if (bin && n > 0 && !a.count) binary.push(shown(f));
        perFile.push({ path: shown(f), count: n });
      }
      const extra = {
        files_searched: perFile.length,
        ...(binary.length ? { binary_files_matched: binary.map((p) => `Binary file ${p} matches`) } : {}),
        ...(errors.length ? { errors: errors.slice(0, 20) } : {}),
        ...(stopped ? { truncated: true, note: `stopped after ${Math.round(GREP_MAX_BYTES / 1_048_576)} MB of text; narrow the path or use include` } : {}),
      };
      if (a.files_with_matches)
        return {
          ...paginate(
            perFile
              .filter((p) => p.count > 0 && !binary.includes(p.path))
              .map((p) => ({ path: p.path }))
              .concat(binary.map((p) => ({ path: p }))),
            a,
          ),
          ...extra,
        };
      if (a.count) return { ...paginate(perFile, a), ...extra };
      return { ...paginate(hits, a), ...extra };
    },
  }),

  sort: read({
    description:
      "Sort the lines of a file, like sort (byte order, LC_ALL=C): reverse, numeric (by leading number), ignore_case, unique (drop repeated lines), by key field with a field_separator (sort -t, -k). Returns the sorted text in windows (offset/limit); the file is not changed — write_file the result to keep it.",
    input: z
      .object({
        path: nodePath("File whose lines to sort"),
        reverse: z.boolean().default(false).describe("Descending order (sort -r)"),
        numeric: z.boolean().default(false).describe("Compare by numeric value (sort -n); lines without a number count as 0"),
        ignore_case: z.boolean().default(false).describe("Fold lower case to upper case (sort -f)"),
        unique: z.boolean().default(false).describe("Output only the first of equal lines (sort -u)"),
        key: z.number().int().min(1).max(100).optional().describe("Sort by this 1-based field instead of the whole line (sort -k N,N)"),
        field_separator: z.string().length(1).optional().describe("Character separating fields, e.g. ',' for CSV (sort -t); default runs of blanks"),
        offset: offsetArg,
        limit: linesLimitArg(2000),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "sort");
      const f = text(fs, a.path);
      const field = (line: string): string => {
        if (a.key === undefined) return line;
        const parts = a.field_separator !== undefined ? line.split(a.field_separator) : line.trim().split(/[ \t]+/);
        return parts[a.key - 1] ?? "";
      };
      const keyOf = (line: string) => (a.ignore_case ? field(line).toUpperCase() : field(line));
      const num = (s: string) => {
        const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)/.exec(s);
        return m ? Number(m[0]) : 0;
      };
      const cmpKeys = (x: string, y: string) => (a.numeric ? num(x) - num(y) : x < y ? -1 : x > y ? 1 : 0);
      const sorted = splitLines(f.content)
        .map((line, i) => ({ line, i, k: keyOf(line) }))
        .sort((x, y) => cmpKeys(x.k, y.k) || (a.unique ? 0 : x.line < y.line ? -1 : x.line > y.line ? 1 : 0) || x.i - y.i);
      if (a.reverse) sorted.reverse();
      const out: string[] = [];
      let prev: string | undefined;
      for (const s of sorted) {
        if (a.unique && prev !== undefined && cmpKeys(prev, s.k) === 0) continue;
        out.push(s.line);
        prev = s.k;
      }
      return { path: f.abs, ...lineWindow(out, a.offset, a.limit) };
    },
  }),

  uniq: read({
    description:
      "Collapse ADJACENT repeated lines of a file, like uniq (sort first to count all repeats): each distinct line with its count; repeated: only lines that repeat (-d); unique: only lines that do not (-u); ignore_case (-i). Paginated.",
    input: z
      .object({
        path: nodePath("File to read"),
        repeated: z.boolean().default(false).describe("Only lines that appear more than once in a row (uniq -d)"),
        unique: z.boolean().default(false).describe("Only lines that are not repeated (uniq -u)"),
        ignore_case: z.boolean().default(false).describe("Compare lines case-insensitively (uniq -i)"),
        ...pageOf({ max: 1000, default: 100, what: "lines" }),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "uniq");
      if (a.repeated && a.unique) fail("uniq: repeated and unique together select nothing; choose one", "invalid_argument");
      const f = text(fs, a.path);
      const groups: Array<{ line: string; count: number }> = [];
      const same = (x: string, y: string) => (a.ignore_case ? x.toLowerCase() === y.toLowerCase() : x === y);
      for (const line of splitLines(f.content)) {
        const last = groups[groups.length - 1];
        if (last && same(last.line, line)) last.count++;
        else groups.push({ line, count: 1 });
      }
      const kept = groups.filter((g) => (!a.repeated || g.count > 1) && (!a.unique || g.count === 1)).map((g) => ({ line: clipLine(g.line), count: g.count }));
      return { path: f.abs, ...paginate(kept, a) };
    },
  }),

  cut: read({
    description:
      "Select columns of each line, like cut: fields ('1,3', '2-4', '5-') split by a one-character delimiter (default TAB; ',' for CSV), or character positions with characters. only_delimited skips lines without the delimiter. Returns the text in windows (offset/limit).",
    input: z
      .object({
        path: nodePath("File to read"),
        fields: z.string().max(100).optional().describe("Fields to keep, 1-based: '1,3', '2-4', '5-' (cut -f)"),
        characters: z.string().max(100).optional().describe("Character positions to keep, 1-based: '1-10' (cut -c)"),
        delimiter: z.string().length(1).default("\t").describe("Field delimiter, one character (cut -d); default TAB"),
        only_delimited: z.boolean().default(false).describe("Skip lines that contain no delimiter (cut -s)"),
        offset: offsetArg,
        limit: linesLimitArg(2000),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "cut");
      if ((a.fields === undefined) === (a.characters === undefined)) {
        fail("cut: give exactly one of fields (e.g. '1,3' with delimiter ',') or characters (e.g. '1-10')", "invalid_argument");
      }
      const pick = parseList((a.fields ?? a.characters) as string, a.fields !== undefined ? "fields" : "characters");
      const f = text(fs, a.path);
      const out: string[] = [];
      for (const line of splitLines(f.content)) {
        if (a.characters !== undefined) out.push([...line].filter((_, k) => pick(k + 1)).join(""));
        else if (!line.includes(a.delimiter)) {
          if (!a.only_delimited) out.push(line);
        } else
          out.push(
            line
              .split(a.delimiter)
              .filter((_, k) => pick(k + 1))
              .join(a.delimiter),
          );
      }
      return { path: f.abs, ...lineWindow(out, a.offset, a.limit) };
    },
  }),

  diff: read({
    description:
      "Compare two files line by line and return a unified diff (diff -u, 3 lines of context by default); identical files give identical: true and an empty diff, which is not an error. Two directories are compared recursively: files only in one side and files that differ. ignore_case and ignore_whitespace (-i, -w) relax the comparison.",
    input: z
      .object({
        left: nodePath("Original file or directory"),
        right: nodePath("Changed file or directory"),
        context: z.number().int().min(0).max(20).default(3).describe("Lines of context around each change (diff -U N, default 3)"),
        ignore_case: z.boolean().default(false).describe("Ignore case differences (diff -i)"),
        ignore_whitespace: z.boolean().default(false).describe("Ignore all white space (diff -w)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "diff");
      const L = fs.need(a.left, (p) => p);
      const R = fs.need(a.right, (p) => p);
      const key = (l: string) => {
        let k = a.ignore_whitespace ? l.replace(/\s+/g, "") : l;
        if (a.ignore_case) k = k.toLowerCase();
        return k;
      };
      if (L.node.kind === "dir" || R.node.kind === "dir") {
        if (L.node.kind !== R.node.kind)
          fail(
            `diff: cannot compare the ${L.node.kind === "dir" ? "directory" : "file"} ${L.abs} with the ${R.node.kind === "dir" ? "directory" : "file"} ${R.abs}; name two files or two directories`,
          );
        const list = (root: Found) => {
          fs.require(root.node, "r", root.abs, "compare it");
          const m = new Map<string, Node>();
          for (const n of fs.descendants(root.node.path)) m.set(n.path.slice(root.node.path.length + (root.node.path === "/" ? 0 : 1)), n);
          return m;
        };
        const lm = list(L);
        const rm = list(R);
        const onlyLeft = [...lm.keys()].filter((k) => !rm.has(k)).sort(comparePaths);
        const onlyRight = [...rm.keys()].filter((k) => !lm.has(k)).sort(comparePaths);
        const differ: string[] = [];
        for (const [k, n] of lm) {
          const o = rm.get(k);
          if (!o) continue;
          if (o.kind !== n.kind) differ.push(`${k} (${n.kind} vs ${o.kind})`);
          else if (n.kind === "file" && (n.content ?? "") !== (o.content ?? "")) differ.push(k);
          else if (n.kind === "symlink" && n.target !== o.target) differ.push(k);
        }
        differ.sort(comparePaths);
        const cap = <T>(xs: T[]) => xs.slice(0, 200);
        return {
          left: L.abs,
          right: R.abs,
          identical: onlyLeft.length + onlyRight.length + differ.length === 0,
          only_in_left: cap(onlyLeft),
          only_in_right: cap(onlyRight),
          differing: cap(differ),
        };
      }
      const lf = text(fs, a.left);
      const rf = text(fs, a.right);
      if (isBinary(lf.content) || isBinary(rf.content)) {
        const same = lf.content === rf.content;
        return { left: lf.abs, right: rf.abs, identical: same, diff: same ? "" : `Binary files ${lf.abs} and ${rf.abs} differ\n` };
      }
      const edits = diffLines(splitLines(lf.content), splitLines(rf.content), key);
      if (!edits)
        fail(`diff: ${lf.abs} and ${rf.abs} differ in too many lines to compare here; compare smaller parts (head, tail, cut) or use cmp`, "limit_exceeded");
      const added = edits.filter((e) => e.op === "+").length;
      const removed = edits.filter((e) => e.op === "-").length;
      if (added + removed === 0) return { left: lf.abs, right: rf.abs, identical: true, diff: "", added: 0, removed: 0 };
      const text_ = [`--- ${lf.abs}\t${lf.node.modified_at}`, `+++ ${rf.abs}\t${rf.node.modified_at}`, ...unifiedHunks(edits, a.context)].join("\n") + "\n";
      const clipped = text_.length > MAX_OUTPUT_CHARS;
      return {
        left: lf.abs,
        right: rf.abs,
        identical: false,
        diff: clipped ? text_.slice(0, MAX_OUTPUT_CHARS) : text_,
        added,
        removed,
        hunks: (text_.match(/^@@ /gm) ?? []).length,
        ...(clipped ? { truncated: true } : {}),
      };
    },
  }),

  cmp: read({
    description: "Compare two files byte by byte, like cmp: identical, or the first differing byte (1-based) and line, or which file ended first (EOF).",
    input: z.object({ left: nodePath("First file"), right: nodePath("Second file") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "cmp");
      // cmp opens both files before reading either: a missing one is reported first.
      for (const p of [a.left, a.right]) fs.need(p, (abs) => abs);
      const l = text(fs, a.left);
      const r = text(fs, a.right);
      const x = new TextEncoder().encode(l.content);
      const y = new TextEncoder().encode(r.content);
      let line = 1;
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        if (x[i] !== y[i])
          return { left: l.abs, right: r.abs, identical: false, byte: i + 1, line, message: `${l.abs} ${r.abs} differ: byte ${i + 1}, line ${line}` };
        if (x[i] === 10) line++;
      }
      if (x.length === y.length) return { left: l.abs, right: r.abs, identical: true };
      const shorter = x.length < y.length ? l.abs : r.abs;
      return {
        left: l.abs,
        right: r.abs,
        identical: false,
        byte: n + 1,
        line,
        eof_on: shorter,
        message: `cmp: EOF on ${shorter} after byte ${n}, line ${line - (n > 0 && (x.length < y.length ? x : y)[n - 1] === 10 ? 1 : 0)}`,
      };
    },
  }),

  sha256sum: read({
    description:
      "SHA-256 checksums of files (of their UTF-8 bytes), like sha256sum: use them to check that two copies are the same or that a file did not change.",
    input: z.object({ paths: nodePaths("Files to hash (1-50)").min(1, "give at least one file") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "sha256sum");
      return {
        files: a.paths.map((p) => {
          const f = text(fs, p);
          return { path: f.abs, sha256: sha256Hex(f.content) };
        }),
      };
    },
  }),
};

type Found = ReturnType<Fs["need"]>;
