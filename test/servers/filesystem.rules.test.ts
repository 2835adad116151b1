/**
 * File system: the rules of the virtual disk, each with its expected values written out (path
 * limits, glob and regex syntax, permission bits, chmod specs, sizes, file types, diffs, quotas,
 * error wording), not computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import filesystem from "../../ts/servers/filesystem/index.ts";
import { ToolError, worldFor } from "../../ts/servers/framework/index.ts";
import {
  checkPathForm,
  collapse,
  comparePaths,
  compileGlob,
  depthOf,
  isWithin,
  join,
  nameOf,
  normalize,
  parentOf,
  relativeTo,
} from "../../ts/servers/filesystem/paths.ts";
import { compilePattern } from "../../ts/servers/filesystem/regex.ts";
import {
  counts,
  diffLines,
  fileType,
  humanSize,
  isBinary,
  sha256Hex,
  splitLines,
  unifiedHunks,
  utf8Length,
  utf8Prefix,
} from "../../ts/servers/filesystem/textutil.ts";
import { applyModeSpec, modeBits, modeString, permString } from "../../ts/servers/filesystem/vfs.ts";
import { clipLine, lineWindow } from "../../ts/servers/filesystem/tools/common.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 7;
const ME = worldFor(SEED).user.handle;
const HOME = `/home/${ME}`;
const fresh = (): TestSession => openSession(filesystem, SEED);

/** The tool error a pure rule throws: its code and message. */
function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof ToolError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a tool error");
}

const x40 = "x".repeat(40);

describe("filesystem rules: path form and normalisation", () => {
  it("an empty path names no file", () => {
    expect(thrown(() => checkPathForm("", "cat"))).toEqual({
      code: "invalid_argument",
      message: `cat: '': No such file or directory (an empty string names no file; use "." for the current directory)`,
    });
  });

  it("a NUL byte is refused and shown as \\0", () => {
    expect(thrown(() => checkPathForm("a\u0000b", "cat"))).toEqual({
      code: "invalid_argument",
      message: "cat: the path 'a\\0b' contains a NUL byte, which no file name may contain",
    });
  });

  it("a path of 4096 characters is accepted, 4097 is too long (quoted clipped to 40 characters)", () => {
    expect(() => checkPathForm("x".repeat(4096), "cat")).not.toThrow();
    expect(thrown(() => checkPathForm("x".repeat(4097), "cat"))).toEqual({
      code: "invalid_argument",
      message: `cat: '${x40}…': File name too long (the path has 4097 characters; at most 4096 are allowed)`,
    });
  });

  it("a name of 255 characters is accepted, 256 is too long", () => {
    expect(collapse(`/${"n".repeat(255)}`)).toBe(`/${"n".repeat(255)}`);
    expect(thrown(() => collapse(`/tmp/${"x".repeat(256)}`))).toEqual({
      code: "invalid_argument",
      message: `path: '${x40}…': File name too long (the name has 256 characters; at most 255 are allowed per name)`,
    });
    expect(thrown(() => collapse(`/${"x".repeat(256)}`, "mkdir")).message).toMatch(/^mkdir: /);
  });

  it("a quoted path of exactly 40 characters is not clipped, 41 is", () => {
    expect(thrown(() => checkPathForm(`${"x".repeat(38)}\u0000`, "cat")).message).toBe(
      `cat: the path '${"x".repeat(38)}\\0' contains a NUL byte, which no file name may contain`,
    );
    expect(thrown(() => checkPathForm(`${"x".repeat(39)}\u0000`, "cat")).message).toBe(
      `cat: the path '${"x".repeat(39)}\\…' contains a NUL byte, which no file name may contain`,
    );
  });

  it("a resolved path of 4096 characters is accepted, 4097 is too long", () => {
    const name = "n".repeat(255);
    const p4096 = `/${name}`.repeat(16);
    expect(collapse(p4096)).toBe(p4096);
    const p4097 = `${`/${name}`.repeat(15)}/${"n".repeat(254)}/x`;
    expect(p4097.length).toBe(4097);
    expect(thrown(() => collapse(p4097, "cp"))).toEqual({
      code: "invalid_argument",
      message: `cp: '/${"n".repeat(39)}…': File name too long (the resolved path has 4097 characters; at most 4096 are allowed)`,
    });
  });

  it.each([
    ["/a/./b/../c", "/a/c"],
    ["/..", "/"],
    ["/../../etc", "/etc"],
    ["//a//b/", "/a/b"],
    ["/a/b/..", "/a"],
    ["/", "/"],
  ])("collapse(%s) is %s", (input, out) => {
    expect(collapse(input)).toBe(out);
  });

  it.each([
    ["~", "/home/me"],
    ["~/", "/home/me"],
    ["~/x/y", "/home/me/x/y"],
    ["~bob", "/home/bob"],
    ["~bob/notes", "/home/bob/notes"],
    ["~a.b-c_9", "/home/a.b-c_9"],
    ["~_x", "/home/_x"],
    ["~Bob", "/work/~Bob"],
    ["~9x/a", "/work/~9x/a"],
    ["x/../y", "/work/y"],
    ["/abs", "/abs"],
    [".", "/work"],
  ])("normalize(%s) from /work with home /home/me is %s", (input, out) => {
    expect(normalize(input, "/work", "/home/me", "ls")).toBe(out);
  });

  it("normalize checks the form first", () => {
    expect(thrown(() => normalize("", "/", "/home/me", "stat")).message).toMatch(/^stat: '': No such file or directory/);
  });
});

describe("filesystem rules: path helpers", () => {
  it("parentOf, nameOf, join, depthOf", () => {
    expect([parentOf("/"), parentOf("/a"), parentOf("/a/b"), parentOf("/a/b/c")]).toEqual(["/", "/", "/a", "/a/b"]);
    expect([nameOf("/"), nameOf("/a"), nameOf("/a/b.txt")]).toEqual(["", "a", "b.txt"]);
    expect([join("/", "a", "b"), join("/x", "y"), join("/x")]).toEqual(["/a/b", "/x/y", "/x"]);
    expect([depthOf("/"), depthOf("/home"), depthOf("/a/b/c")]).toEqual([0, 1, 3]);
  });

  it("isWithin: a path is within itself and its ancestors, not within a sibling sharing a prefix", () => {
    expect(isWithin("/a", "/a")).toBe(true);
    expect(isWithin("/a/b", "/a")).toBe(true);
    expect(isWithin("/ab", "/a")).toBe(false);
    expect(isWithin("/x", "/")).toBe(true);
    expect(isWithin("/a", "/a/b")).toBe(false);
  });

  it("relativeTo: '.' for the base, the tail below it, the absolute path elsewhere", () => {
    expect(relativeTo("/a", "/a")).toBe(".");
    expect(relativeTo("/a/b/c", "/a")).toBe("b/c");
    expect(relativeTo("/a/b", "/")).toBe("a/b");
    expect(relativeTo("/ab", "/a")).toBe("/ab");
  });

  it("comparePaths lists a directory right before its contents ('/a/b' before '/a-b')", () => {
    expect(comparePaths("/a/b", "/a-b")).toBe(-1);
    expect(comparePaths("/a-b", "/a/b")).toBe(1);
    expect(comparePaths("/a", "/a")).toBe(0);
    expect(["/a.txt", "/a/z", "/a", "/b"].sort(comparePaths)).toEqual(["/a", "/a/z", "/a.txt", "/b"]);
  });
});

describe("filesystem rules: globs", () => {
  it.each([
    ["*.md", "a.md", true],
    ["*.md", ".md", true],
    ["*.md", "a.mdx", false],
    ["*.md", "a.MD", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["?", "", false],
    ["", "", true],
    ["", "a", false],
    ["[abc]x", "bx", true],
    ["[abc]x", "dx", false],
    ["[!a-c]x", "dx", true],
    ["[!a-c]x", "bx", false],
    ["[^a]", "b", true],
    ["[^a]", "a", false],
    ["[a-c]", "c", true],
    ["[a-c]", "d", false],
    ["[]]", "]", true],
    ["[a-]", "-", true],
    ["[a-]", "b", false],
    ["\\*", "*", true],
    ["\\*", "a", false],
    ["a\\", "a\\", true],
    ["[abc", "[abc", true],
    ["[abc", "a", false],
    ["a**b", "ab", true],
    ["a**b", "axyb", true],
    ["*a*b", "xaxb", true],
    ["*ab", "aab", true],
    ["ab*", "ab", true],
    ["a*", "ba", false],
    ["*", "", true],
    ["a*c", "abcbd", false],
  ])("glob %s on %s is %s", (pattern, name, want) => {
    expect(compileGlob(pattern)(name)).toBe(want);
  });

  it("ignoreCase folds both the pattern (sets and escapes too) and the name", () => {
    expect(compileGlob("*.MD", { ignoreCase: true })("x.md")).toBe(true);
    expect(compileGlob("[A-C]x", { ignoreCase: true })("bX")).toBe(true);
    expect(compileGlob("\\Q", { ignoreCase: true })("q")).toBe(true);
    expect(compileGlob("[A-C]x")("bx")).toBe(false);
  });

  it("a glob of 255 characters is accepted, 256 is refused naming what it is", () => {
    expect(compileGlob("a".repeat(255))("a".repeat(255))).toBe(true);
    expect(thrown(() => compileGlob("a".repeat(256)))).toEqual({
      code: "invalid_argument",
      message: `pattern '${"a".repeat(40)}…' is 256 characters long; at most 255 are allowed`,
    });
    expect(thrown(() => compileGlob("a".repeat(256), { what: "find: -name pattern" })).message).toMatch(/^find: -name pattern 'a{40}…' is 256/);
  });
});

describe("filesystem rules: permission bits and chmod specs", () => {
  it("mode strings read as octal and print with 3 digits, 4 when a special bit is set", () => {
    expect([modeBits("644"), modeBits("1777"), modeBits("0755")]).toEqual([0o644, 0o1777, 0o755]);
    expect([modeString(0o644), modeString(0o7), modeString(0o1777), modeString(0o4755), modeString(0o2000), modeString(0o100644)]).toEqual([
      "644",
      "007",
      "1777",
      "4755",
      "2000",
      "644",
    ]);
  });

  it.each([
    ["dir", "755", "drwxr-xr-x"],
    ["file", "644", "-rw-r--r--"],
    ["symlink", "777", "lrwxrwxrwx"],
    ["file", "000", "----------"],
    ["dir", "1777", "drwxrwxrwt"],
    ["dir", "1776", "drwxrwxrwT"],
    ["file", "4755", "-rwsr-xr-x"],
    ["file", "4644", "-rwSr--r--"],
    ["file", "2755", "-rwxr-sr-x"],
    ["file", "2745", "-rwxr-Sr-x"],
    ["file", "421", "-r---w---x"],
  ] as const)("permString(%s, %s) is %s", (kind, mode, want) => {
    expect(permString(kind, mode)).toBe(want);
  });

  it.each([
    [0o644, "755", false, 0o755],
    [0o644, "0644", false, 0o644],
    [0o644, "1777", false, 0o1777],
    [0o644, "7", false, 0o7],
    [0o644, "u+x", false, 0o744],
    [0o666, "go-w", false, 0o644],
    [0o777, "a=r", false, 0o444],
    [0o777, "=r", false, 0o444],
    [0o644, "+x", false, 0o755],
    [0o000, "u=rwx,g=rx,o=", false, 0o750],
    [0o777, "o+t", true, 0o1777],
    [0o755, "+t", true, 0o1755],
    [0o755, "u+s", false, 0o4755],
    [0o755, "g+s", false, 0o2755],
    [0o755, "o+s", false, 0o755],
    [0o755, "a+s", false, 0o6755],
    [0o644, "a+X", false, 0o644],
    [0o644, "a+X", true, 0o755],
    [0o744, "a+X", false, 0o755],
    [0o644, "u+x-w", false, 0o544],
    [0o100644, "u+x", false, 0o744],
    [0o777, "g=", false, 0o707],
    [0o640, "o+r", false, 0o644],
    [0o4755, "u-s", false, 0o755],
  ])("chmod %o with '%s' (dir: %s) gives %o", (cur, spec, isDir, want) => {
    expect(applyModeSpec(cur, spec, isDir)).toBe(want);
  });

  it.each(["8", "12345", "u+q", "z+x", "u", "u+x,", "rw"])("'%s' is not a mode", (spec) => {
    expect(applyModeSpec(0o644, spec, false)).toBeUndefined();
  });
});

describe("filesystem rules: text sizes and types", () => {
  it.each([
    ["", 0],
    ["a", 1],
    ["\u007f", 1],
    ["\u0080", 2],
    ["é", 2],
    ["\u07ff", 2],
    ["\u0800", 3],
    ["€", 3],
    ["😀", 4],
    ["\ud83d", 3],
    ["\udc00", 3],
    ["\udbff\udfff", 4],
    ["\ud7ff", 3],
  ])("utf8Length(%j) is %i bytes", (s, n) => {
    expect(utf8Length(s)).toBe(n);
  });

  it.each([
    [0, ""],
    [1, "a"],
    [2, "a"],
    [3, "aé"],
    [5, "aé"],
    [6, "aé€"],
    [9, "aé€"],
    [10, "aé€😀"],
    [11, "aé€😀b"],
  ])("the first %i bytes of 'aé€😀b' are %j", (n, want) => {
    expect(utf8Prefix("aé€😀b", n)).toBe(want);
  });

  it("splitLines: a final newline ends the last line", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\n")).toEqual(["a"]);
    expect(splitLines("a\nb")).toEqual(["a", "b"]);
    expect(splitLines("\n")).toEqual([""]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
  });

  it("counts: newlines, words, UTF-8 bytes and code points", () => {
    expect(counts("hello world\nsecond line\n")).toEqual({ lines: 2, words: 4, bytes: 24, chars: 24 });
    expect(counts("é😀\n")).toEqual({ lines: 1, words: 1, bytes: 7, chars: 3 });
    expect(counts("  a \t b  ")).toEqual({ lines: 0, words: 2, bytes: 9, chars: 9 });
    expect(counts("")).toEqual({ lines: 0, words: 0, bytes: 0, chars: 0 });
  });

  it.each([
    ["\u0000", true],
    ["\u0008", true],
    ["\t", false],
    ["\n", false],
    ["\u000b", false],
    ["\f", false],
    ["\r", false],
    ["\u000e", true],
    ["\u001a", true],
    ["\u001b", false],
    ["\u001c", true],
    ["\u001f", true],
    ["\u007f", true],
    ["\u0080", false],
    ["plain text", false],
  ])("isBinary(%j) is %s", (s, want) => {
    expect(isBinary(s)).toBe(want);
  });

  it("binary detection looks at the first 4096 characters only", () => {
    expect(isBinary(`${"a".repeat(4095)}\u0000`)).toBe(true);
    expect(isBinary(`${"a".repeat(4096)}\u0000`)).toBe(false);
  });

  it.each([
    [0, "0B"],
    [1023, "1023B"],
    [1024, "1K"],
    [1025, "1.1K"],
    [1536, "1.5K"],
    [10239, "10K"],
    [10240, "10K"],
    [10241, "11K"],
    [1048575, "1024K"],
    [1048576, "1M"],
    [1572864, "1.5M"],
    [268435456, "256M"],
    [1024 ** 3, "1G"],
    [1024 ** 4, "1T"],
    [1024 ** 5, "1024T"],
  ])("humanSize(%i) is %s", (n, want) => {
    expect(humanSize(n)).toBe(want);
  });
});

describe("filesystem rules: what `file` says", () => {
  it.each([
    ["a.txt", "", "empty", "inode/x-empty"],
    ["a", "%PDF-1.7\n", "PDF document, version 1.7", "application/pdf"],
    ["a", "\u0089PNG\r\n", "PNG image data", "image/png"],
    ["a", "\u00ff\u00d8\u00ff\u00e0", "JPEG image data, JFIF standard 1.01", "image/jpeg"],
    ["a", "GIF89a", "GIF image data, version 89a", "image/gif"],
    ["a", "PK\u0003\u0004rest", "Zip archive data, at least v2.0 to extract", "application/zip"],
    ["a", "\u007fELF\u0002", "ELF 64-bit LSB pie executable, x86-64, dynamically linked", "application/x-pie-executable"],
    ["a", "PROVE-TAR/1\nx", "POSIX tar archive", "application/x-tar"],
    ["a", "ID3\u0004", "Audio file with ID3 version 2.4.0", "audio/mpeg"],
    ["song.mp3", "hello", "Audio file with ID3 version 2.4.0", "audio/mpeg"],
    ["clip.MP4", "hello", "ISO Media, MP4 v2 [ISO 14496-14]", "video/mp4"],
    ["clip.mov", "hello", "ISO Media, MP4 v2 [ISO 14496-14]", "video/mp4"],
    ["x.bin", "a\u0000b", "data", "application/octet-stream"],
    ["run", "#!/usr/bin/env python3\nprint(1)\n", "Python script, ASCII text executable", "text/x-script"],
    ["run", "#!/usr/bin/python\n", "Python script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/bash\necho hi\n", "Bourne-Again shell script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/sh\n", "Bourne-Again shell script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/zsh\n", "Bourne-Again shell script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/dash\n", "Bourne-Again shell script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/ksh\n", "ksh script, ASCII text executable", "text/x-script"],
    ["run", "#! /usr/bin/env node\n", "Node.js script, ASCII text executable", "text/x-script"],
    ["run", "#!/usr/bin/env\n", "Bourne-Again shell script, ASCII text executable", "text/x-script"],
    ["run", "#!/usr/bin/perl -w\n", "perl script, ASCII text executable", "text/x-script"],
    ["run", "#!/bin/sh\necho é\n", "Bourne-Again shell script, Unicode text, UTF-8 text executable", "text/x-script"],
    ["d.json", '{"a": 1}', "JSON text data", "application/json"],
    ["noext", "  [1, 2]\n", "JSON text data", "application/json"],
    ["x.ts", "[1]", "TypeScript source, ASCII text", "text/x-typescript"],
    ["x.js", "{}", "JavaScript source, ASCII text", "text/javascript"],
    ["x.txt", "{not json", "ASCII text", "text/plain"],
    ["x.py", "print(1)", "Python script, ASCII text", "text/x-script.python"],
    ["x.md", "# hi", "Markdown document, ASCII text", "text/markdown"],
    ["NOTES.MD", "# hi", "Markdown document, ASCII text", "text/markdown"],
    ["x.csv", "a,b", "CSV text, ASCII text", "text/csv"],
    ["x.html", "hi", "HTML document, ASCII text", "text/html"],
    ["x.toml", "a = 1", "TOML document, ASCII text", "text/plain"],
    ["x.yml", "a: 1", "YAML document, ASCII text", "text/plain"],
    ["x.yaml", "a: 1", "YAML document, ASCII text", "text/plain"],
    ["x.log", "started", "log file, ASCII text", "text/plain"],
    ["x.sh", "echo", "Bourne-Again shell script, ASCII text", "text/x-shellscript"],
    ["page", "<!DOCTYPE html><p>", "HTML document, ASCII text", "text/html"],
    ["page", "  <html lang=en>", "HTML document, ASCII text", "text/html"],
    ["README", "hello", "ASCII text", "text/plain"],
    ["README", "héllo", "Unicode text, UTF-8 text", "text/plain"],
    ["x.md", "héllo", "Markdown document, Unicode text, UTF-8 text", "text/markdown"],
  ])("file %s with %j is '%s' (%s)", (name, content, description, mime) => {
    expect(fileType(name, content)).toEqual({ description, mime });
  });
});

describe("filesystem rules: SHA-256 (FIPS 180-4 test vectors)", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("sha256(%j)", (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it("a million 'a' (many blocks)", () => {
    expect(sha256Hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });
});

describe("filesystem rules: line diffs", () => {
  const show = (edits: ReturnType<typeof diffLines>) => edits?.map((e) => `${e.op}${e.line}`);

  it("a changed line is a deletion then an insertion between kept lines", () => {
    expect(show(diffLines(["a", "b", "c"], ["a", "B", "c"]))).toEqual(["=a", "-b", "+B", "=c"]);
    expect(show(diffLines(["x", "y"], ["z"]))).toEqual(["-x", "-y", "+z"]);
    expect(show(diffLines([], ["n"]))).toEqual(["+n"]);
    expect(show(diffLines(["o"], []))).toEqual(["-o"]);
    expect(show(diffLines(["a", "b", "c", "d"], ["b", "c", "e"]))).toEqual(["-a", "=b", "=c", "-d", "+e"]);
    expect(show(diffLines(["p", "a", "q"], ["p", "b", "a", "c", "q"]))).toEqual(["=p", "+b", "=a", "+c", "=q"]);
  });

  it("lines compare by the key but print as the left side", () => {
    expect(show(diffLines(["A", "b"], ["a", "B"], (l) => l.toLowerCase()))).toEqual(["=A", "=b"]);
  });

  it("a changed middle of 1999 x 1999 lines is compared (4,000,000 cells), 2000 x 2000 is refused", () => {
    const side = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    expect(diffLines(side("a", 1999), side("b", 1999))?.length).toBe(3998);
    expect(diffLines(["same", ...side("a", 2000)], ["same", ...side("b", 2000)])).toBeUndefined();
  });

  it("hunks carry 'context' lines around a change, and 1-line or empty ranges in short form", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `${i + 1}`);
    const changed = ten.map((l) => (l === "5" ? "5x" : l));
    expect(unifiedHunks(diffLines(ten, changed) ?? [], 3)).toEqual(["@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+5x", " 6", " 7", " 8"]);
    const five = ["1", "2", "3", "4", "5"];
    expect(unifiedHunks(diffLines(five, ["1", "2", "3x", "4", "5"]) ?? [], 0)).toEqual(["@@ -3 +3 @@", "-3", "+3x"]);
    expect(unifiedHunks(diffLines(["1", "2"], ["1", "x", "2"]) ?? [], 0)).toEqual(["@@ -1,0 +2 @@", "+x"]);
    expect(unifiedHunks(diffLines(["1", "2", "3"], ["1", "3"]) ?? [], 0)).toEqual(["@@ -2 +1,0 @@", "-2"]);
    expect(unifiedHunks(diffLines(["a"], ["a"]) ?? [], 3)).toEqual([]);
  });

  it("two changes 2 x context lines apart share a hunk; 3 lines apart they do not", () => {
    const near = unifiedHunks(diffLines(["1", "2", "3", "4", "5", "6"], ["1", "2x", "3", "4", "5x", "6"]) ?? [], 1);
    expect(near).toEqual(["@@ -1,6 +1,6 @@", " 1", "-2", "+2x", " 3", " 4", "-5", "+5x", " 6"]);
    const far = unifiedHunks(diffLines(["1", "2", "3", "4", "5", "6", "7"], ["1", "2x", "3", "4", "5", "6x", "7"]) ?? [], 1);
    expect(far).toEqual(["@@ -1,3 +1,3 @@", " 1", "-2", "+2x", " 3", "@@ -5,3 +5,3 @@", " 5", "-6", "+6x", " 7"]);
  });
});

describe("filesystem rules: output windows", () => {
  it("a line of 500 characters is shown whole, 501 is clipped with a count", () => {
    expect(clipLine("y".repeat(500))).toBe("y".repeat(500));
    expect(clipLine("y".repeat(501))).toBe(`${"y".repeat(500)}… [1 more characters]`);
  });

  it("a window says where the next one starts", () => {
    expect(lineWindow(["a", "b", "c"], 1, 2)).toEqual({ content: "a\nb\n", start_line: 1, end_line: 2, total_lines: 3, truncated: true, next_offset: 3 });
    expect(lineWindow(["a", "b", "c"], 3, 5)).toEqual({ content: "c\n", start_line: 3, end_line: 3, total_lines: 3, truncated: false });
    expect(lineWindow(["a", "b", "c"], 0, 5)).toMatchObject({ start_line: 1, end_line: 3, truncated: false });
    expect(lineWindow(["a", "b", "c"], 10, 5)).toEqual({ content: "", start_line: 4, end_line: 3, total_lines: 3, truncated: false });
    expect(lineWindow([], 1, 5)).toEqual({ content: "", start_line: 1, end_line: 0, total_lines: 0, truncated: false });
  });

  it("one call returns at most 64,000 characters: lines are stopped, a single over-long line is cut", () => {
    expect(lineWindow(["a".repeat(32000), "b".repeat(31998)], 1, 10)).toMatchObject({ end_line: 2, truncated: false });
    expect(lineWindow(["a".repeat(32000), "b".repeat(31999)], 1, 10)).toMatchObject({ end_line: 1, truncated: true, next_offset: 2 });
    expect(lineWindow(["c".repeat(63999)], 1, 10)).toEqual({
      content: `${"c".repeat(63999)}\n`,
      start_line: 1,
      end_line: 1,
      total_lines: 1,
      truncated: false,
    });
    const cut = lineWindow(["c".repeat(64000), "d"], 1, 10);
    expect(cut).toEqual({
      content: `${"c".repeat(64000)}… [line cut at 64000 characters]\n`,
      start_line: 1,
      end_line: 1,
      total_lines: 2,
      truncated: true,
      next_offset: 2,
      note: "line 1 is longer than 64000 characters and was cut; read it in parts with head or tail (bytes) or cut (characters)",
    });
  });
});

describe("filesystem rules: grep patterns (bounded extended regular expressions)", () => {
  it.each([
    ["", "anything", true],
    ["a|", "zzz", true],
    ["ab", "aab", true],
    ["aab", "aaab", true],
    ["a.c", "abc", true],
    ["a.c", "ac", false],
    ["^ab", "abc", true],
    ["^ab", "cab", false],
    ["ab$", "cab", true],
    ["ab$", "abc", false],
    ["^$", "", true],
    ["^$", "a", false],
    ["[0-9]+", "x12", true],
    ["[0-9]+", "xy", false],
    ["[^a-z]", "abc", false],
    ["[^a-z]", "ab1", true],
    ["[[:digit:]]", "a5", true],
    ["[[:digit:]]", "ab", false],
    ["[[:alpha:]]", "é", true],
    ["[[:alpha:]]", "1", false],
    ["[[:alnum:]]", "9", true],
    ["[[:alnum:]]", "_-", false],
    ["[[:upper:]]", "aB", true],
    ["[[:upper:]]", "ab", false],
    ["[[:lower:]]", "AB", false],
    ["[[:lower:]]", "Ab", true],
    ["[[:space:]]", "a\tb", true],
    ["[[:space:]]", "\u000b", true],
    ["[[:space:]]", "ab", false],
    ["[[:blank:]]", "a\tb", true],
    ["[[:blank:]]", "a\rb", false],
    ["[[:punct:]]", "a!", true],
    ["[[:punct:]]", "~", true],
    ["[[:punct:]]", "@", true],
    ["[[:punct:]]", "`", true],
    ["[[:punct:]]", ":", true],
    ["[[:punct:]]", "a b", false],
    ["[[:xdigit:]]", "F", true],
    ["[[:xdigit:]]", "f", true],
    ["[[:xdigit:]]", "g", false],
    ["[]a]", "]", true],
    ["[a-]", "-", true],
    ["[a-]", "b", false],
    ["[\\d]", "5", true],
    ["[\\d]", "x", false],
    ["[\\t]", "\t", true],
    ["[\\t]", "t", false],
    ["[\\w]", "_", true],
    ["[a\\-z]", "-", true],
    ["[a\\-z]", "m", false],
    ["[a-\\z]", "m", true],
    ["a{3}", "aa", false],
    ["a{3}", "aaa", true],
    ["^a{2,3}$", "a", false],
    ["^a{2,3}$", "aa", true],
    ["^a{2,3}$", "aaa", true],
    ["^a{2,3}$", "aaaa", false],
    ["^a{2,}$", "a", false],
    ["^a{2,}$", "aaaaa", true],
    ["^a{0}b", "b", true],
    ["a{,3}", "a{,3}", true],
    ["^ab?c$", "ac", true],
    ["^ab?c$", "abc", true],
    ["^ab?c$", "abbc", false],
    ["^ab+c$", "ac", false],
    ["^ab+c$", "abbc", true],
    ["^ab*c$", "ac", true],
    ["cat|dog", "hotdog", true],
    ["cat|dog", "cow", false],
    ["^(cat|dog|cow)s$", "cows", true],
    ["^(cat|dog)s$", "cats", true],
    ["^(cat|dog)s$", "pigs", false],
    ["(?:ab)+$", "xabab", true],
    ["^(?:ab)+$", "aba", false],
    ["\\d+", "abc", false],
    ["\\d+", "a1", true],
    ["^\\D+$", "abc", true],
    ["^\\D+$", "a1", false],
    ["^\\w+$", "a_1", true],
    ["^\\w+$", "a-1", false],
    ["\\W", "abc", false],
    ["\\W", "a b", true],
    ["\\s", "a b", true],
    ["\\s", "a\fb", true],
    ["\\s", "a\rb", true],
    ["\\s", "ab", false],
    ["^\\S+$", "ab", true],
    ["^\\S+$", "a b", false],
    ["\\t", "a\tb", true],
    ["\\t", "atb", false],
    ["\\.", "a.b", true],
    ["\\.", "ab", false],
    ["\\bfoo\\b", "a foo b", true],
    ["\\bfoo\\b", "afoo", false],
    ["foo\\b", "foobar", false],
    ["\\Bfoo", "afoo", true],
    ["\\Bfoo", "foo", false],
    ["\\<foo", "foo", true],
    ["\\<foo", "xfoo", false],
    ["HELLO", "hello", false],
  ])("/%s/ on %j is %s", (pattern, line, want) => {
    expect(compilePattern(pattern).test(line)).toBe(want);
  });

  it("ignore_case folds literals and ranges on both sides", () => {
    expect(compilePattern("HELLO", { ignoreCase: true }).test("hello")).toBe(true);
    expect(compilePattern("[A-C]", { ignoreCase: true }).test("b")).toBe(true);
    expect(compilePattern("[a-c]", { ignoreCase: true }).test("B")).toBe(true);
    expect(compilePattern("[a-c]", { ignoreCase: true }).test("D")).toBe(false);
    expect(compilePattern("[x]", { ignoreCase: true }).test("X")).toBe(true);
    expect(compilePattern("[x]").test("X")).toBe(false);
  });

  it("fixed strings search the text literally; word_regexp matches whole words only", () => {
    expect(compilePattern("a.c", { fixedStrings: true }).test("abc")).toBe(false);
    expect(compilePattern("a.c", { fixedStrings: true }).test("xa.cx")).toBe(true);
    expect(compilePattern("ABC", { fixedStrings: true, ignoreCase: true }).test("xabcx")).toBe(true);
    expect(compilePattern("ABC", { fixedStrings: true }).test("xabcx")).toBe(false);
    expect(compilePattern("a.b", { fixedStrings: true, wordRegexp: true }).test("x a.b y")).toBe(true);
    expect(compilePattern("a.b", { fixedStrings: true, wordRegexp: true }).test("x axb y")).toBe(false);
    expect(compilePattern("a.b", { fixedStrings: true, wordRegexp: true }).test("xa.by")).toBe(false);
    expect(compilePattern("cat", { wordRegexp: true }).test("cat dog")).toBe(true);
    expect(compilePattern("cat", { wordRegexp: true }).test("concat")).toBe(false);
    expect(compilePattern("cat", { wordRegexp: true }).test("cats")).toBe(false);
    expect(compilePattern("(", { fixedStrings: true, wordRegexp: true }).test("a ( b")).toBe(false);
  });

  it("a pattern of 200 characters is accepted, 201 is refused", () => {
    expect(compilePattern("a".repeat(200)).test("a".repeat(200))).toBe(true);
    expect(thrown(() => compilePattern("a".repeat(201)))).toEqual({
      code: "invalid_argument",
      message: "grep: the pattern is 201 characters long; at most 200 are allowed (search for a shorter distinctive part)",
    });
    expect(() => compilePattern("a".repeat(201), { fixedStrings: true })).toThrow(/201 characters long/);
  });

  it.each([
    ["*a", "'*' has nothing to repeat (at character 2)"],
    ["+", "'+' has nothing to repeat (at character 2)"],
    ["a|?", "'?' has nothing to repeat (at character 4)"],
    ["(ab", "unmatched '(' (at character 4)"],
    ["ab)", "unmatched ')' (at character 3)"],
    ["(?=a)", "look-arounds and other (?…) groups are not supported (at character 2)"],
    ["a\\", "trailing backslash (at character 4)"],
    ["(a)\\1", "backreferences (\\1…\\9) are not supported (at character 6)"],
    ["\\q", "unknown escape '\\q' (at character 3)"],
    ["[z-a]", "range z-a is out of order (at character 5)"],
    ["[abc", "unmatched '[' (at character 5)"],
    ["[[:foo:]]", "unknown character class [:foo:] (valid: alpha, digit, alnum, upper, lower, space, blank, punct, xdigit) (at character 2)"],
    ["a{101}", "repetition counts are at most 100 (at character 2)"],
    ["a{1,101}", "repetition counts are at most 100 (at character 2)"],
    ["a{3,2}", "{3,2} has its bounds reversed (at character 2)"],
    ["^*", "an anchor cannot be repeated (at character 3)"],
  ])("the pattern %j is refused: %s", (pattern, why) => {
    expect(thrown(() => compilePattern(pattern))).toEqual({
      code: "invalid_argument",
      message: `grep: invalid pattern '${pattern}': ${why}; pass fixed_strings: true to search for the text literally`,
    });
  });

  it("a pattern may expand to 2000 steps, not one more", () => {
    const p = "a{100}".repeat(20);
    expect(compilePattern(p).test("a".repeat(2000))).toBe(true);
    expect(compilePattern(p).test("a".repeat(1999))).toBe(false);
    expect(thrown(() => compilePattern(`${p}b`))).toEqual({
      code: "invalid_argument",
      message: `grep: pattern '${p}b' is too complex (it expands past 2000 steps); use smaller repetition counts or fixed_strings: true`,
    });
    expect(compilePattern("a{100}").test("a".repeat(100))).toBe(true);
  });

  it("catastrophic patterns run in linear time", () => {
    expect(compilePattern("(a+)+$").test(`${"a".repeat(5000)}b`)).toBe(false);
    expect(compilePattern("(a|aa)*c").test("a".repeat(5000))).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------
// Through the tools: a session with the seeded disk (user ME, home HOME, /root 700 root:root,
// /tmp 1777 root, /srv/team 2775 root:developers) and a scratch directory ~/t.

const T = `${HOME}/t`;
const DISK = 268_435_456;

function scratch(): TestSession {
  const s = fresh();
  s.ok("mkdir", { path: "~/t" });
  return s;
}

/** Puts a node straight into the table (another user's file, a filler that takes disk space). */
function put(s: TestSession, node: { path: string; kind?: string; [k: string]: unknown }): void {
  s.edit(filesystem, (db) =>
    db.nodes.put({
      kind: "file",
      content: "",
      size: 0,
      mode: "644",
      owner: "root",
      group: "root",
      created_at: "2026-01-01T00:00:00Z",
      modified_at: "2026-01-01T00:00:00Z",
      ...node,
    }),
  );
}

const cat = (s: TestSession, path: string): string => s.ok("cat", { path }).content;
const stat = (s: TestSession, path: string) => s.ok("stat", { path });
const msg = (s: TestSession, tool: string, args: Record<string, unknown>, code: string) => s.fails(tool, args, code).message;

describe("filesystem rules: permission classes and what a denial says", () => {
  it("passing through a directory needs x: /root (700 root:root) is closed to everyone else", () => {
    expect(msg(fresh(), "cat", { path: "/root/.bashrc" }, "permission_denied")).toBe(
      `cat: cannot access '/root/.bashrc': Permission denied (directory /root is owned by root:root with mode 700 (drwx------); ${ME} is neither its owner nor in its group and may not use it at all; only root can grant access)`,
    );
  });

  it("the owner's bits apply to the owner even when group and others may more (066 locks the owner out)", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "x" });
    s.ok("chmod", { path: "~/t/f", mode: "066" });
    expect(msg(s, "cat", { path: "~/t/f" }, "permission_denied")).toBe(
      `cat: ${T}/f: Permission denied (file ${T}/f is owned by ${ME}:${ME} with mode 066 (----rw-rw-); ${ME} is its owner and may not use it at all; run chmod with mode u+r on ${T}/f first if you mean to read it)`,
    );
  });

  it.each([
    ["300", "only write and execute it"],
    ["200", "only write it"],
    ["100", "only execute it"],
    ["000", "not use it at all"],
  ])("an owner's file with mode %s: the owner may %s", (mode, rights) => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "x" });
    s.ok("chmod", { path: "~/t/f", mode });
    expect(msg(s, "cat", { path: "~/t/f" }, "permission_denied")).toContain(`; ${ME} is its owner and may ${rights}; run chmod with mode u+r on ${T}/f`);
  });

  it("a directory's rights read as list, add or remove entries, enter", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/ro", mode: "500" });
    expect(msg(s, "write_file", { path: "~/t/ro/x", content: "" }, "permission_denied")).toBe(
      `write_file: cannot write '${T}/ro/x': Permission denied (directory ${T}/ro is owned by ${ME}:${ME} with mode 500 (dr-x------); ${ME} is its owner and may only list and enter it; run chmod with mode u+w on ${T}/ro first if you mean to create entries in ${T}/ro)`,
    );
    s.ok("mkdir", { path: "~/t/nx", mode: "600" });
    expect(msg(s, "cat", { path: "~/t/nx/x" }, "permission_denied")).toBe(
      `cat: cannot access '${T}/nx/x': Permission denied (directory ${T}/nx is owned by ${ME}:${ME} with mode 600 (drw-------); ${ME} is its owner and may only list and add or remove entries in it; run chmod with mode u+x on ${T}/nx first if you mean to pass through it)`,
    );
  });

  it("a group member gets the group's bits, not the others' (606 root:developers is closed to a developer)", () => {
    const s = fresh();
    put(s, { path: "/srv/team/g.txt", content: "g\n", size: 2, group: "developers", mode: "606" });
    expect(msg(s, "cat", { path: "/srv/team/g.txt" }, "permission_denied")).toBe(
      `cat: /srv/team/g.txt: Permission denied (file /srv/team/g.txt is owned by root:developers with mode 606 (-rw----rw-); ${ME} is a member of group developers and may not use it at all; only root can grant access)`,
    );
    put(s, { path: "/srv/team/h.txt", content: "h\n", size: 2, group: "developers", mode: "460" });
    expect(s.ok("append_file", { path: "/srv/team/h.txt", content: "more\n" }).size).toBe(7);
  });

  it("someone outside the group gets the others' bits; writing elsewhere is suggested", () => {
    const s = fresh();
    put(s, { path: "/srv/o.txt", content: "o\n", size: 2, mode: "604" });
    expect(s.ok("cat", { path: "/srv/o.txt" }).content).toBe("o\n");
    expect(msg(s, "write_file", { path: "/srv/o.txt", content: "" }, "permission_denied")).toBe(
      `write_file: cannot write '/srv/o.txt': Permission denied (file /srv/o.txt is owned by root:root with mode 604 (-rw----r--); ${ME} is neither its owner nor in its group and may only read it; ${ME} can write under ${HOME} and /tmp instead)`,
    );
    put(s, { path: "/srv/p.txt", content: "p\n", size: 2, mode: "640" });
    expect(msg(s, "cat", { path: "/srv/p.txt" }, "permission_denied")).toContain("neither its owner nor in its group and may not use it at all; only root");
  });

  it("test_path reports the three rights of the class that applies", () => {
    const s = fresh();
    put(s, { path: "/srv/q.txt", content: "q", size: 1, group: "developers", mode: "751" });
    expect(s.ok("test_path", { path: "/srv/q.txt" })).toMatchObject({ exists: true, readable: true, writable: false, executable: true, empty: false });
    put(s, { path: "/srv/r.txt", group: "developers", mode: "017" });
    expect(s.ok("test_path", { path: "/srv/r.txt" })).toMatchObject({ readable: false, writable: false, executable: true, empty: true });
  });

  it("root may do anything whatever the mode", () => {
    const s = fresh();
    s.edit(filesystem, (db) => {
      const sh = db.shells.get("shell");
      db.shells.put({ ...sh, user: "root" });
    });
    expect(s.ok("cat", { path: "/root/.bashrc" }).content).toContain("root's bashrc");
    put(s, { path: "/srv/z.txt", mode: "000", owner: "nobody" });
    expect(s.ok("test_path", { path: "/srv/z.txt" })).toMatchObject({ readable: true, writable: true, executable: true });
  });
});

describe("filesystem rules: sticky directories", () => {
  it("in sticky /tmp a file of another user cannot be removed or renamed", () => {
    const s = fresh();
    put(s, { path: "/tmp/theirs.txt", owner: "ana", group: "ana", mode: "666" });
    expect(msg(s, "rm", { path: "/tmp/theirs.txt" }, "permission_denied")).toBe(
      `rm: cannot remove '/tmp/theirs.txt': Operation not permitted (/tmp is sticky (mode 1777): only an entry's owner may remove or rename it, and /tmp/theirs.txt belongs to ana; ${ME} may remove only their own files there)`,
    );
    expect(msg(s, "mv", { source: "/tmp/theirs.txt", destination: "/tmp/mine.txt" }, "permission_denied")).toContain("Operation not permitted (/tmp is sticky");
  });

  it("the owner of the file, or of the sticky directory, may remove it; a non-sticky directory asks only for w and x", () => {
    const s = scratch();
    s.ok("write_file", { path: "/tmp/mine.txt", content: "" });
    expect(s.ok("rm", { path: "/tmp/mine.txt" }).count).toBe(1);
    s.ok("mkdir", { path: "~/t/st", mode: "1777" });
    put(s, { path: `${T}/st/x`, owner: "ana", group: "ana", mode: "666" });
    expect(s.ok("rm", { path: "~/t/st/x" }).count).toBe(1);
    put(s, { path: `${T}/y`, owner: "ana", group: "ana", mode: "666" });
    expect(s.ok("rm", { path: "~/t/y" }).count).toBe(1);
  });
});

describe("filesystem rules: 'No such file' hints", () => {
  function hinted(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/h" });
    for (const n of ["Alpha.txt", "beta.md", "gamma-long-name.txt", ".hidden"]) s.ok("write_file", { path: `~/t/h/${n}`, content: "" });
    return s;
  }
  const LIST = `in ${T}/h: Alpha.txt, beta.md, gamma-long-name.txt`;

  it.each([
    ["alpha.txt", "Alpha.txt"],
    ["bta.md", "beta.md"],
    ["beta.mdxx", "beta.md"],
    ["gam", "gamma-long-name.txt"],
    ["ga", "gamma-long-name.txt"],
    ["gamXXXXXXX", "gamma-long-name.txt"],
  ])("'%s' suggests %s", (typed, close) => {
    expect(msg(hinted(), "cat", { path: `~/t/h/${typed}` }, "not_found")).toBe(
      `cat: ${T}/h/${typed}: No such file or directory (did you mean ${T}/h/${close}?; ${LIST})`,
    );
  });

  it.each(["g", "xyz.md", "zz"])("'%s' is too far from every name: only the listing", (typed) => {
    expect(msg(hinted(), "cat", { path: `~/t/h/${typed}` }, "not_found")).toBe(`cat: ${T}/h/${typed}: No such file or directory (${LIST})`);
  });

  it("dotfiles are hinted only for a name starting with '.', and listed last", () => {
    expect(msg(hinted(), "cat", { path: "~/t/h/.hid" }, "not_found")).toBe(
      `cat: ${T}/h/.hid: No such file or directory (did you mean ${T}/h/.hidden?; ${LIST}, .hidden)`,
    );
  });

  it("a missing directory in the middle is named; an empty directory says so; an unlistable one gives no hint", () => {
    const s = hinted();
    expect(msg(s, "cat", { path: "~/t/h/nope/x" }, "not_found")).toBe(`cat: ${T}/h/nope/x: No such file or directory (${T}/h/nope does not exist; ${LIST})`);
    s.ok("mkdir", { path: "~/t/e" });
    expect(msg(s, "cat", { path: "~/t/e/x" }, "not_found")).toBe(`cat: ${T}/e/x: No such file or directory (${T}/e is empty)`);
    s.ok("mkdir", { path: "~/t/w", mode: "300" });
    expect(msg(s, "cat", { path: "~/t/w/x" }, "not_found")).toBe(`cat: ${T}/w/x: No such file or directory`);
  });

  it("the listing shows 10 names, then '…'", () => {
    const s = scratch();
    for (let i = 1; i <= 11; i++) s.ok("write_file", { path: `~/t/f${String(i).padStart(2, "0")}`, content: "" });
    expect(msg(s, "cat", { path: "~/t/zzz" }, "not_found")).toBe(
      `cat: ${T}/zzz: No such file or directory (in ${T}: f01, f02, f03, f04, f05, f06, f07, f08, f09, f10…)`,
    );
    s.ok("rm", { path: "~/t/f11" });
    expect(msg(s, "cat", { path: "~/t/zzz" }, "not_found")).toBe(
      `cat: ${T}/zzz: No such file or directory (in ${T}: f01, f02, f03, f04, f05, f06, f07, f08, f09, f10)`,
    );
  });
});

describe("filesystem rules: disk quotas (5,000 inodes, 256 MiB, 1 MiB a file)", () => {
  it("the 5,000th inode can be created, the 5,001st cannot", () => {
    const s = scratch();
    const used = s.ok("df").inodes_used as number;
    s.edit(filesystem, (db) => {
      for (let i = 0; i < 4999 - used; i++)
        db.nodes.put({
          path: `/srv/fill${i}`,
          kind: "file",
          content: "",
          size: 0,
          mode: "644",
          owner: "root",
          group: "root",
          created_at: "2026-01-01T00:00:00Z",
          modified_at: "2026-01-01T00:00:00Z",
        });
    });
    expect(s.ok("df")).toMatchObject({ inodes: 5000, inodes_used: 4999, inodes_free: 1 });
    s.ok("touch", { path: "~/t/a" });
    expect(s.fails("touch", { path: "~/t/b" }, "limit_exceeded").message).toBe(
      `touch: cannot touch '${T}/b': No space left on device (all 5000 inodes would be used: 5000 in use, 1 more needed; remove files you no longer need with rm)`,
    );
    expect(s.ok("write_file", { path: "~/t/a", content: "still writable" }).size).toBe(14);
  });

  it("the disk fills to exactly 256 MiB and not one byte more; shrinking a file is always allowed", () => {
    const s = scratch();
    const used = s.ok("df").used.bytes as number;
    put(s, { path: "/srv/filler.img", size: DISK - used - 100 });
    expect(s.ok("write_file", { path: "~/t/x", content: "x".repeat(100) }).size).toBe(100);
    expect(s.ok("df", { human_readable: true })).toMatchObject({ used: { bytes: DISK, human: "256M" }, available: { bytes: 0 }, use_percent: 100 });
    expect(s.fails("write_file", { path: "~/t/y", content: "y" }, "limit_exceeded").message).toBe(
      `write_file: cannot write '${T}/y': No space left on device (the disk holds 256M of 256M; this needs 1B more; free space with rm or truncate)`,
    );
    s.ok("touch", { path: "~/t/empty" });
    expect(s.ok("write_file", { path: "~/t/x", content: "short" }).size).toBe(5);
  });

  it("df rounds the use percentage up", () => {
    const s = fresh();
    const used = s.ok("df").used.bytes as number;
    put(s, { path: "/srv/half.img", size: DISK / 2 - used });
    expect(s.ok("df")).toMatchObject({ size: { bytes: DISK }, used: { bytes: DISK / 2 }, available: { bytes: DISK / 2 }, use_percent: 50 });
    s.ok("write_file", { path: "/tmp/one", content: "1" });
    expect(s.ok("df").use_percent).toBe(51);
  });

  it("a file of exactly 1 MiB is allowed, one byte more is too large", () => {
    const s = scratch();
    expect(s.ok("truncate", { path: "~/t/big", size: 1_048_576 }).size).toBe(1_048_576);
    expect(s.fails("append_file", { path: "~/t/big", content: "x" }, "limit_exceeded").message).toBe(
      `append_file: cannot append to '${T}/big': File too large (the content would be 1.1M; a file holds at most 1M; split it into several files)`,
    );
  });
});

describe("filesystem rules: find -size (units round up, like GNU find)", () => {
  const SIZES = [0, 1, 511, 512, 513, 1024, 1025];
  function sized(): TestSession {
    const s = scratch();
    for (const n of SIZES) s.ok("truncate", { path: `~/t/s${n}`, size: n });
    return s;
  }
  it.each([
    ["512c", [512]],
    ["+512c", [513, 1024, 1025]],
    ["-512c", [0, 1, 511]],
    ["1", [1, 511, 512]],
    ["+1", [513, 1024, 1025]],
    ["-1", [0]],
    ["2", [513, 1024]],
    ["1k", [1, 511, 512, 513, 1024]],
    ["+1k", [1025]],
    ["-1k", [0]],
    ["1M", [1, 511, 512, 513, 1024, 1025]],
    ["-1G", [0]],
    [" 0c ", [0]],
  ])("size %j selects %j", (size, want) => {
    const got = sized()
      .ok("find", { path: "~/t", type: "f", size })
      .items.map((i: { size: number }) => i.size)
      .sort((a: number, b: number) => a - b);
    expect(got).toEqual(want);
  });

  it.each(["10x", "1234567890123", "++1", "k"])("size %j is refused with the syntax", (size) => {
    expect(msg(fresh(), "find", { size }, "invalid_argument")).toBe(
      `find: invalid size '${size}' (use +N, -N or N with a unit c=bytes, k=KiB, M=MiB, G=GiB, e.g. +10k; no unit means 512-byte blocks)`,
    );
  });
});

describe("filesystem rules: mkdir, rmdir, rm", () => {
  it("mkdir of an existing path says what is there", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    s.ok("ln", { target: "f", link_name: "~/t/l" });
    const sub = (p: string) => `mkdir: cannot create directory '${T}/${p}': File exists`;
    expect(msg(s, "mkdir", { path: "~/t/f" }, "already_exists")).toBe(`${sub("f")} (it is a regular file; choose another name)`);
    expect(msg(s, "mkdir", { path: "~/t" }, "already_exists")).toBe(
      `mkdir: cannot create directory '${T}': File exists (it is a directory; pass parents: true to accept an existing directory)`,
    );
    expect(msg(s, "mkdir", { path: "~/t/l" }, "already_exists")).toBe(`${sub("l")} (it is a regular file; choose another name)`);
  });

  it("mkdir without parents names the missing parent; with parents a file in the way is 'Not a directory', at the end 'File exists'", () => {
    const s = scratch();
    expect(msg(s, "mkdir", { path: "~/t/a/b" }, "not_found")).toBe(
      `mkdir: cannot create directory '${T}/a/b': No such file or directory (${T}/a does not exist; pass parents: true to create missing parents)`,
    );
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(msg(s, "mkdir", { path: "~/t/f/x", parents: true }, "failed_precondition")).toBe(
      `mkdir: cannot create directory '${T}/f/x': Not a directory (${T}/f is a regular file)`,
    );
    expect(msg(s, "mkdir", { path: "~/t/f", parents: true }, "already_exists")).toBe(
      `mkdir: cannot create directory '${T}/f': File exists (${T}/f is a regular file)`,
    );
  });

  it("mkdir -p gives the mode to the last directory only and lists what it created", () => {
    const s = scratch();
    const r = s.ok("mkdir", { path: "~/t/a/b/c", parents: true, mode: "700" });
    expect(r.created).toEqual([`${T}/a`, `${T}/a/b`, `${T}/a/b/c`]);
    expect([stat(s, "~/t/a").mode, stat(s, "~/t/a/b").mode, r.mode]).toEqual(["755", "755", "700"]);
    expect(s.ok("mkdir", { path: "~/t/a/b", parents: true }).created).toEqual([]);
    expect(s.ok("mkdir", { path: "~/t/d" })).toMatchObject({ mode: "755", size: 4096, owner: ME, group: ME, created: [`${T}/d`] });
  });

  it("rmdir counts the entries in its refusal: 1 entry, 2 entries, 8 names then '…'", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("write_file", { path: "~/t/d/b", content: "" });
    const head = `rmdir: failed to remove '${T}/d': Directory not empty`;
    const tail = "; use rm with recursive: true to delete it with its contents)";
    expect(msg(s, "rmdir", { path: "~/t/d" }, "failed_precondition")).toBe(`${head} (it holds 1 entry: b${tail}`);
    s.ok("write_file", { path: "~/t/d/a", content: "" });
    expect(msg(s, "rmdir", { path: "~/t/d" }, "failed_precondition")).toBe(`${head} (it holds 2 entries: a, b${tail}`);
    for (const n of ["c", "d", "e", "f", "g", "h"]) s.ok("write_file", { path: `~/t/d/${n}`, content: "" });
    expect(msg(s, "rmdir", { path: "~/t/d" }, "failed_precondition")).toBe(`${head} (it holds 8 entries: a, b, c, d, e, f, g, h${tail}`);
    s.ok("write_file", { path: "~/t/d/i", content: "" });
    expect(msg(s, "rmdir", { path: "~/t/d" }, "failed_precondition")).toBe(`${head} (it holds 9 entries: a, b, c, d, e, f, g, h…${tail}`);
  });

  it("rmdir refuses files, links, '.', '..' and the root", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    s.ok("ln", { target: "f", link_name: "~/t/l" });
    s.ok("mkdir", { path: "~/t/e" });
    expect(msg(s, "rmdir", { path: "~/t/f" }, "failed_precondition")).toBe(
      `rmdir: failed to remove '${T}/f': Not a directory (it is a regular file; remove it with rm)`,
    );
    expect(msg(s, "rmdir", { path: "~/t/l" }, "failed_precondition")).toContain("Not a directory (it is a symbolic link; remove it with rm)");
    expect(msg(s, "rmdir", { path: "~/t/e/." }, "invalid_argument")).toBe(
      `rmdir: failed to remove '${T}/e': Invalid argument (name the directory itself, not '.' or '..')`,
    );
    expect(msg(s, "rmdir", { path: "~/t/e/x/.." }, "invalid_argument")).toContain("Invalid argument");
    expect(msg(s, "rmdir", { path: "/" }, "invalid_argument")).toBe("rmdir: failed to remove '/': Device or resource busy (the root cannot be removed)");
    expect(s.ok("rmdir", { path: "~/t/e/" })).toEqual({ removed: `${T}/e` });
  });

  it("rm of a directory without recursive counts what it would delete", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    const m = (n: string) => `rm: cannot remove '${T}/d': Is a directory (pass recursive: true to delete it and its ${n}, or use rmdir if it is empty)`;
    expect(msg(s, "rm", { path: "~/t/d" }, "failed_precondition")).toBe(m("0 entries"));
    s.ok("write_file", { path: "~/t/d/a", content: "" });
    expect(msg(s, "rm", { path: "~/t/d" }, "failed_precondition")).toBe(m("1 entry"));
    s.ok("write_file", { path: "~/t/d/b", content: "" });
    expect(msg(s, "rm", { path: "~/t/d" }, "failed_precondition")).toBe(m("2 entries"));
    expect(s.ok("rm", { path: "~/t/d", recursive: true })).toEqual({ removed: [`${T}/d`], count: 3 });
  });

  it("rm of a write-protected file needs force; inside a tree too", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("write_file", { path: "~/t/d/ro", content: "" });
    s.ok("chmod", { path: "~/t/d/ro", mode: "444" });
    expect(msg(s, "rm", { path: "~/t/d/ro" }, "failed_precondition")).toBe(
      `rm: cannot remove '${T}/d/ro': write-protected regular file (mode 444, -r--r--r--; pass force: true to remove it anyway)`,
    );
    expect(msg(s, "rm", { path: "~/t/d", recursive: true }, "failed_precondition")).toBe(
      `rm: cannot remove '${T}/d/ro': write-protected regular file (mode 444, -r--r--r--; pass force: true to remove it anyway)`,
    );
    expect(s.ok("rm", { path: "~/t/d", recursive: true, force: true }).count).toBe(2);
    expect(s.ok("rm", { path: "~/t/d", force: true })).toEqual({ removed: [], count: 0 });
  });

  it("rm refuses '.', '..' and '/' before looking at anything", () => {
    const s = scratch();
    expect(msg(s, "rm", { path: "t/.", recursive: true }, "invalid_argument")).toBe(
      `rm: refusing to remove '.' or '..' directory: skipping 't/.' (name the directory itself, e.g. ${T})`,
    );
    expect(msg(s, "rm", { path: "t/..", recursive: true }, "invalid_argument")).toContain("refusing to remove '.' or '..'");
    expect(msg(s, "rm", { path: "/", recursive: true }, "invalid_argument")).toBe("rm: it is dangerous to operate recursively on '/' (name a path below it)");
  });

  it("rm -r needs to list and enter every directory it empties", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d/in", parents: true });
    s.ok("write_file", { path: "~/t/d/in/f", content: "" });
    s.ok("chmod", { path: "~/t/d/in", mode: "300" });
    expect(msg(s, "rm", { path: "~/t/d", recursive: true }, "permission_denied")).toContain(
      `rm: cannot remove '${T}/d/in': Permission denied (directory ${T}/d/in is owned by ${ME}:${ME} with mode 300`,
    );
    s.ok("chmod", { path: "~/t/d/in", mode: "600" });
    expect(msg(s, "rm", { path: "~/t/d", recursive: true }, "permission_denied")).toContain("run chmod with mode u+x on");
  });
});

describe("filesystem rules: chmod, chown, truncate, replace_in_file, mktemp", () => {
  it("chmod reports the previous and new mode and how many nodes changed", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(s.ok("chmod", { path: "~/t/f", mode: "u+x" })).toEqual({ path: `${T}/f`, previous_mode: "644", mode: "744", permissions: "-rwxr--r--", changed: 1 });
    expect(s.ok("chmod", { path: "~/t/f", mode: " 744 " }).changed).toBe(0);
    expect(msg(s, "chmod", { path: "~/t/f", mode: "u+q" }, "invalid_argument")).toBe(
      "chmod: invalid mode: 'u+q' (use octal like 644, 755, 600 or symbolic like u+x, go-w, a=r, u=rw,go=r)",
    );
    expect(msg(s, "chmod", { path: "/etc/hosts", mode: "600" }, "permission_denied")).toBe(
      `chmod: changing permissions of '/etc/hosts': Operation not permitted (it is owned by root; only the owner may change its mode, and ${ME} owns the files under ${HOME})`,
    );
  });

  it("chmod -R applies X to directories only and skips links", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("write_file", { path: "~/t/d/f", content: "" });
    s.ok("ln", { target: "f", link_name: "~/t/d/l" });
    s.ok("chmod", { path: "~/t/d/f", mode: "600" });
    s.ok("chmod", { path: "~/t/d", mode: "600" });
    expect(msg(s, "chmod", { path: "~/t/d", mode: "a+X", recursive: true }, "permission_denied")).toContain(
      `chmod: cannot read directory '${T}/d': Permission denied (directory ${T}/d is owned by ${ME}:${ME} with mode 600`,
    );
    s.ok("chmod", { path: "~/t/d", mode: "700" });
    expect(s.ok("chmod", { path: "~/t/d", mode: "a+X", recursive: true })).toMatchObject({ previous_mode: "700", mode: "711", changed: 1 });
    expect(stat(s, "~/t/d/f").mode).toBe("600");
    expect(stat(s, "~/t/d/l").mode).toBe("777");
    expect(s.ok("chmod", { path: "~/t/d", mode: "go-x", recursive: true }).changed).toBe(1);
  });

  it("chown may only move the user's own files between the user's groups", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(s.ok("chown", { path: "~/t/f", group: "developers" })).toEqual({ path: `${T}/f`, owner: ME, group: "developers", changed: 1 });
    expect(s.ok("chown", { path: "~/t/f", owner: ME, group: "developers" }).changed).toBe(0);
    expect(msg(s, "chown", { path: "~/t/f" }, "invalid_argument")).toBe("chown: missing operand: give owner, group or both");
    expect(msg(s, "chown", { path: "~/t/f", owner: "root" }, "permission_denied")).toBe(
      `chown: changing ownership of '${T}/f': Operation not permitted (only root can give a file to another user; ${ME} may only change the group of files they own, to one of: ${ME}, sudo, developers)`,
    );
    expect(msg(s, "chown", { path: "~/t/f", group: "root" }, "permission_denied")).toBe(
      `chown: changing group of '${T}/f': Operation not permitted (${ME} is not in group root; their groups are ${ME}, sudo, developers)`,
    );
    expect(msg(s, "chown", { path: "/etc/hosts", group: "developers" }, "permission_denied")).toBe(
      "chown: changing group of '/etc/hosts': Operation not permitted (it is owned by root; only its owner may change its group)",
    );
    expect(msg(s, "chown", { path: "~/t/f", owner: "nosuchuser" }, "invalid_argument")).toMatch(/^chown: invalid user: 'nosuchuser' \(known users: root, /);
    expect(msg(s, "chown", { path: "~/t/f", group: "nosuchgroup" }, "invalid_argument")).toMatch(/^chown: invalid group: 'nosuchgroup' \(known groups: root, /);
  });

  it("truncate cuts at a UTF-8 character boundary and pads with NUL bytes", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "aé€" });
    expect(s.ok("truncate", { path: "~/t/f", size: 2 })).toMatchObject({ size: 1, previous_size: 6, created: false });
    expect(cat(s, "~/t/f")).toBe("a");
    expect(s.ok("truncate", { path: "~/t/f", size: 3 })).toMatchObject({ size: 3, previous_size: 1 });
    expect(cat(s, "~/t/f")).toBe("a\u0000\u0000");
    expect(s.ok("truncate", { path: "~/t/f", size: 3 }).size).toBe(3);
    expect(s.ok("truncate", { path: "~/t/new", size: 0 })).toMatchObject({ size: 0, previous_size: 0, created: true });
    expect(s.ok("truncate", { path: "~/t/none", size: 5, no_create: true })).toEqual({ path: `${T}/none`, created: false, exists: false });
  });

  it("replace_in_file needs exactly one occurrence unless all, and says on which lines", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "x one\ny\nx two x\n" });
    expect(msg(s, "replace_in_file", { path: "~/t/f", old_text: "x", new_text: "z" }, "failed_precondition")).toBe(
      `replace_in_file: 'x' occurs 3 times in ${T}/f (lines 1, 3); pass all: true to replace every one, or include more surrounding text so it occurs once`,
    );
    expect(msg(s, "replace_in_file", { path: "~/t/f", old_text: "nope", new_text: "z" }, "not_found")).toBe(
      `replace_in_file: 'nope' does not occur in ${T}/f (it has 4 lines; check spaces, case and line breaks, or read it with cat or grep)`,
    );
    const long = "q".repeat(61);
    expect(msg(s, "replace_in_file", { path: "~/t/f", old_text: long, new_text: "" }, "not_found")).toContain(`'${"q".repeat(60)}…' does not occur`);
    expect(msg(s, "replace_in_file", { path: "~/t/f", old_text: "q".repeat(60), new_text: "" }, "not_found")).toContain(`'${"q".repeat(60)}' does not occur`);
    expect(s.ok("replace_in_file", { path: "~/t/f", old_text: "x", new_text: "z", all: true })).toMatchObject({ replacements: 3, lines: [1, 3] });
    expect(cat(s, "~/t/f")).toBe("z one\ny\nz two z\n");
    expect(s.ok("replace_in_file", { path: "~/t/f", old_text: "y\n", new_text: "" })).toMatchObject({ replacements: 1, lines: [2] });
    s.ok("write_file", { path: "~/t/g", content: "aaaa" });
    expect(s.ok("replace_in_file", { path: "~/t/g", old_text: "aa", new_text: "b", all: true }).replacements).toBe(2);
    expect(cat(s, "~/t/g")).toBe("bb");
  });

  it("mktemp needs 3 trailing X's and no '/', and makes a private file (600) or directory (700)", () => {
    const s = scratch();
    expect(msg(s, "mktemp", { template: "a.XX" }, "invalid_argument")).toBe(
      "mktemp: too few X's in template 'a.XX' (end it with at least 3 X's, e.g. a.XX.XXXXXX)",
    );
    expect(msg(s, "mktemp", { template: "" }, "invalid_argument")).toBe("mktemp: too few X's in template '' (end it with at least 3 X's, e.g. tmp.XXXXXX)");
    expect(msg(s, "mktemp", { template: "a/XXX" }, "invalid_argument")).toBe(
      "mktemp: invalid template 'a/XXX': it must not contain '/' (use dir for the directory)",
    );
    const f = s.ok("mktemp", { template: "r.XXX", dir: "~/t" });
    expect(f.path).toMatch(new RegExp(`^${T}/r\\.[A-Za-z0-9]{3}$`));
    expect(f).toMatchObject({ kind: "file", mode: "600", size: 0 });
    const d = s.ok("mktemp", { directory: true });
    expect(d.path).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}$/);
    expect(d).toMatchObject({ kind: "dir", mode: "700" });
    expect(msg(s, "mktemp", { dir: "/etc" }, "permission_denied")).toContain(
      "mktemp: failed to create file via template '/etc/tmp.XXXXXXXXXX': Permission denied",
    );
  });
});

describe("filesystem rules: text tools", () => {
  function withText(content: string): TestSession {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content });
    return s;
  }

  it.each([
    ["1", "a"],
    ["2-3", "b,c"],
    ["-2", "a,b"],
    ["3-", "c,d"],
    ["1,4", "a,d"],
    [" 2 - 3 ", "b,c"],
    ["4-4", "d"],
  ])("cut fields %j of a,b,c,d gives %j", (fields, want) => {
    expect(withText("a,b,c,d\n").ok("cut", { path: "~/t/f", fields, delimiter: "," }).content).toBe(`${want}\n`);
  });

  it.each(["0", "3-2", "", "-", "a", "1,,2", "0-2"])("cut list %j is refused", (fields) => {
    expect(msg(withText("a\n"), "cut", { path: "~/t/f", fields }, "invalid_argument")).toBe(
      `cut: invalid fields list '${fields}' (use 1-based numbers and ranges such as 1,3 or 2-4 or 5-; fields are numbered from 1)`,
    );
  });

  it("cut characters counts code points; lines without the delimiter pass unless only_delimited", () => {
    const s = withText("aé€d\nplain\nx,y\n");
    expect(s.ok("cut", { path: "~/t/f", characters: "2-3" }).content).toBe("é€\nla\n,y\n");
    expect(s.ok("cut", { path: "~/t/f", fields: "2", delimiter: "," }).content).toBe("aé€d\nplain\ny\n");
    expect(s.ok("cut", { path: "~/t/f", fields: "2", delimiter: ",", only_delimited: true }).content).toBe("y\n");
    expect(msg(s, "cut", { path: "~/t/f", characters: "0" }, "invalid_argument")).toContain("invalid characters list '0'");
    expect(msg(s, "cut", { path: "~/t/f", fields: "1", characters: "1" }, "invalid_argument")).toBe(
      "cut: give exactly one of fields (e.g. '1,3' with delimiter ',') or characters (e.g. '1-10')",
    );
  });

  it("sort: byte order, numeric by leading number (none counts 0), key fields, unique by key", () => {
    const s = withText("b 10\nB 9\na 2\nx\n-1.5 z\n");
    const sorted = (args: Record<string, unknown>) => s.ok("sort", { path: "~/t/f", ...args }).content;
    expect(sorted({})).toBe("-1.5 z\nB 9\na 2\nb 10\nx\n");
    expect(sorted({ reverse: true })).toBe("x\nb 10\na 2\nB 9\n-1.5 z\n");
    expect(sorted({ numeric: true })).toBe("-1.5 z\nB 9\na 2\nb 10\nx\n");
    expect(sorted({ key: 2, numeric: true })).toBe("-1.5 z\nx\na 2\nB 9\nb 10\n");
    expect(sorted({ ignore_case: true, unique: true, key: 1 })).toBe("-1.5 z\na 2\nb 10\nx\n");
    const csv = withText("k,3\nj,1\ni,2\n");
    expect(csv.ok("sort", { path: "~/t/f", key: 2, field_separator: "," }).content).toBe("j,1\ni,2\nk,3\n");
    const nums = withText("10\n9\n.5\n+3\n");
    expect(nums.ok("sort", { path: "~/t/f", numeric: true }).content).toBe(".5\n+3\n9\n10\n");
  });

  it("uniq collapses adjacent lines only; repeated and unique filter by count", () => {
    const s = withText("a\nA\na\nb\na\n");
    expect(s.ok("uniq", { path: "~/t/f" }).items).toEqual([
      { line: "a", count: 1 },
      { line: "A", count: 1 },
      { line: "a", count: 1 },
      { line: "b", count: 1 },
      { line: "a", count: 1 },
    ]);
    expect(s.ok("uniq", { path: "~/t/f", ignore_case: true }).items).toEqual([
      { line: "a", count: 3 },
      { line: "b", count: 1 },
      { line: "a", count: 1 },
    ]);
    expect(s.ok("uniq", { path: "~/t/f", ignore_case: true, repeated: true }).items).toEqual([{ line: "a", count: 3 }]);
    expect(s.ok("uniq", { path: "~/t/f", ignore_case: true, unique: true }).items).toEqual([
      { line: "b", count: 1 },
      { line: "a", count: 1 },
    ]);
    expect(msg(s, "uniq", { path: "~/t/f", repeated: true, unique: true }, "invalid_argument")).toBe(
      "uniq: repeated and unique together select nothing; choose one",
    );
  });

  it("head and tail: line counts, 0 lines, bytes, tail from a line", () => {
    const s = withText("1\n2\n3\n4\n5\n");
    expect(s.ok("head", { path: "~/t/f", lines: 2 })).toEqual({ path: `${T}/f`, content: "1\n2\n", lines_shown: 2, total_lines: 5 });
    expect(s.ok("head", { path: "~/t/f", lines: 0 })).toMatchObject({ content: "", lines_shown: 0 });
    expect(s.ok("head", { path: "~/t/f", lines: 9 })).toMatchObject({ content: "1\n2\n3\n4\n5\n", lines_shown: 5 });
    expect(s.ok("head", { path: "~/t/f", bytes: 3 })).toEqual({ path: `${T}/f`, content: "1\n2", bytes: 3, total_lines: 5 });
    expect(s.ok("tail", { path: "~/t/f", lines: 2 })).toEqual({ path: `${T}/f`, content: "4\n5\n", start_line: 4, total_lines: 5 });
    expect(s.ok("tail", { path: "~/t/f", lines: 5 })).toMatchObject({ content: "1\n2\n3\n4\n5\n", start_line: 1 });
    expect(s.ok("tail", { path: "~/t/f", lines: 9 })).toMatchObject({ start_line: 1 });
    expect(s.ok("tail", { path: "~/t/f", lines: 0 })).toEqual({ path: `${T}/f`, content: "", start_line: 6, total_lines: 5 });
    expect(s.ok("tail", { path: "~/t/f", from_line: 4 })).toEqual({ path: `${T}/f`, content: "4\n5\n", start_line: 4, total_lines: 5 });
    expect(s.ok("tail", { path: "~/t/f", bytes: 4 })).toMatchObject({ content: "4\n5\n", bytes: 4 });
    expect(s.ok("tail", { path: "~/t/f", bytes: 99 })).toMatchObject({ bytes: 10 });
  });

  it("cmp names the first differing byte and line, or the file that ends first", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/a", content: "ab\ncd\n" });
    s.ok("write_file", { path: "~/t/b", content: "ab\ncX\n" });
    s.ok("write_file", { path: "~/t/c", content: "ab\n" });
    s.ok("write_file", { path: "~/t/d", content: "ab" });
    expect(s.ok("cmp", { left: "~/t/a", right: "~/t/b" })).toEqual({
      left: `${T}/a`,
      right: `${T}/b`,
      identical: false,
      byte: 5,
      line: 2,
      message: `${T}/a ${T}/b differ: byte 5, line 2`,
    });
    expect(s.ok("cmp", { left: "~/t/c", right: "~/t/a" })).toMatchObject({
      byte: 4,
      line: 2,
      eof_on: `${T}/c`,
      message: `cmp: EOF on ${T}/c after byte 3, line 1`,
    });
    expect(s.ok("cmp", { left: "~/t/a", right: "~/t/d" })).toMatchObject({
      byte: 3,
      line: 1,
      eof_on: `${T}/d`,
      message: `cmp: EOF on ${T}/d after byte 2, line 1`,
    });
    expect(s.ok("cmp", { left: "~/t/a", right: "~/t/a" })).toEqual({ left: `${T}/a`, right: `${T}/a`, identical: true });
  });

  it("grep: max_count stops a file, count and files_with_matches summarise, both together are refused", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/a.log", content: "err 1\nok\nerr 2\nerr 3\n" });
    s.ok("write_file", { path: "~/t/b.txt", content: "err x\n" });
    s.ok("write_file", { path: "~/t/c.log", content: "fine\n" });
    const lines = (args: Record<string, unknown>) =>
      s
        .ok("grep", { pattern: "err", path: "~/t", recursive: true, ...args })
        .items.map((i: { path: string; line_number: number }) => `${nameOf(i.path)}:${i.line_number}`);
    expect(lines({})).toEqual(["a.log:1", "a.log:3", "a.log:4", "b.txt:1"]);
    expect(lines({ max_count: 2 })).toEqual(["a.log:1", "a.log:3", "b.txt:1"]);
    expect(lines({ include: "*.log" })).toEqual(["a.log:1", "a.log:3", "a.log:4"]);
    expect(lines({ exclude: "*.log" })).toEqual(["b.txt:1"]);
    expect(lines({ invert_match: true })).toEqual(["a.log:2", "c.log:1"]);
    expect(s.ok("grep", { pattern: "err", path: "~/t", recursive: true, count: true }).items).toEqual([
      { path: `${T}/a.log`, count: 3 },
      { path: `${T}/b.txt`, count: 1 },
      { path: `${T}/c.log`, count: 0 },
    ]);
    expect(s.ok("grep", { pattern: "err", path: "~/t", recursive: true, files_with_matches: true })).toMatchObject({
      items: [{ path: `${T}/a.log` }, { path: `${T}/b.txt` }],
      files_searched: 3,
    });
    expect(msg(s, "grep", { pattern: "err", files_with_matches: true, count: true }, "invalid_argument")).toBe(
      "grep: choose either files_with_matches or count, not both",
    );
    expect(msg(s, "grep", { pattern: "err", path: "~/t" }, "failed_precondition")).toBe(
      `grep: ${T}: Is a directory (pass recursive: true to search every file inside it, or name one file)`,
    );
  });

  it("grep reports a matching binary file instead of its lines, and skips unreadable files with an error", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/bin", content: "err\u0000\nerr\n" });
    s.ok("write_file", { path: "~/t/secret", content: "err\n" });
    s.ok("chmod", { path: "~/t/secret", mode: "200" });
    const r = s.ok("grep", { pattern: "err", path: "~/t", recursive: true });
    expect(r).toMatchObject({
      items: [],
      binary_files_matched: [`Binary file ${T}/bin matches`],
      errors: [`grep: ${T}/secret: Permission denied`],
      files_searched: 1,
    });
    expect(s.ok("grep", { pattern: "err", path: "~/t", recursive: true, count: true }).items).toEqual([{ path: `${T}/bin`, count: 1 }]);
  });
});

describe("filesystem rules: listing order and trees", () => {
  function listed(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/o" });
    s.ok("write_file", { path: "~/t/o/B.txt", content: "bbb" });
    s.ok("write_file", { path: "~/t/o/a.md", content: "aaa" });
    s.ok("write_file", { path: "~/t/o/.c", content: "cccccccccc" });
    s.ok("write_file", { path: "~/t/o/d", content: "d" });
    return s;
  }
  const order = (s: TestSession, extra: Record<string, unknown>) =>
    s.ok("ls", { path: "~/t/o", all: true, ...extra }).items.map((e: { name: string }) => e.name);

  it.each([
    [{}, ["a.md", "B.txt", ".c", "d"]],
    [{ reverse: true }, ["d", ".c", "B.txt", "a.md"]],
    [{ sort: "size" }, [".c", "a.md", "B.txt", "d"]],
    [{ sort: "time" }, ["d", ".c", "a.md", "B.txt"]],
    [{ sort: "extension" }, ["d", ".c", "a.md", "B.txt"]],
  ])("ls %j orders %j", (extra, want) => {
    expect(order(listed(), extra)).toEqual(want);
  });

  it("ls hides dotfiles without all and ties on case by byte order", () => {
    const s = listed();
    s.ok("write_file", { path: "~/t/o/A.md", content: "aaa" });
    expect(s.ok("ls", { path: "~/t/o" }).items.map((e: { name: string }) => e.name)).toEqual(["A.md", "a.md", "B.txt", "d"]);
  });

  it("tree counts directories and files in the singular and plural, down to max_depth", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/tr/sub", parents: true });
    s.ok("write_file", { path: "~/t/tr/a.txt", content: "a" });
    s.ok("write_file", { path: "~/t/tr/sub/b.txt", content: "b" });
    const full = s.ok("tree", { path: "~/t/tr" });
    expect(full).toMatchObject({ directories: 1, files: 2, truncated: false });
    expect(full.text).toBe(`${T}/tr\n├── a.txt\n└── sub\n    └── b.txt\n\n1 directory, 2 files`);
    const one = s.ok("tree", { path: "~/t/tr", max_depth: 1 });
    expect(one.text).toBe(`${T}/tr\n├── a.txt\n└── sub\n\n1 directory, 1 file`);
    expect(one.tree.children).toEqual([
      { name: "a.txt", type: "file", size: 1 },
      { name: "sub", type: "directory" },
    ]);
    expect(s.ok("tree", { path: "~/t/tr", dirs_only: true }).text).toBe(`${T}/tr\n└── sub\n\n1 directory`);
    s.ok("mkdir", { path: "~/t/tr/sub2" });
    expect(s.ok("tree", { path: "~/t/tr", dirs_only: true }).text).toBe(`${T}/tr\n├── sub\n└── sub2\n\n2 directories`);
  });

  it("basename strips a suffix unless it is the whole name; dirname keeps the root", () => {
    const s = fresh();
    expect(s.ok("basename", { path: "/a/report.md", suffix: ".md" }).name).toBe("report");
    expect(s.ok("basename", { path: "/a/.md", suffix: ".md" }).name).toBe(".md");
    expect(s.ok("basename", { path: "/a/b///" }).name).toBe("b");
    expect(s.ok("basename", { path: "///" }).name).toBe("/");
    expect(s.ok("dirname", { path: "//a" }).dirname).toBe("/");
    expect(s.ok("dirname", { path: "/a//b" }).dirname).toBe("/a");
    expect(s.ok("dirname", { path: "a/b/" }).dirname).toBe("a");
    expect(s.ok("dirname", { path: "c.txt" }).dirname).toBe(".");
    expect(s.ok("dirname", { path: "/" }).dirname).toBe("/");
  });
});

describe("filesystem rules: resolution errors in coreutils wording", () => {
  it("a file used as a directory, a directory read as a file, a directory written as a file", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(msg(s, "cat", { path: "~/t/f/x" }, "failed_precondition")).toBe(`cat: cannot access '${T}/f/x': Not a directory (${T}/f is a file)`);
    expect(msg(s, "cat", { path: "~/t" }, "failed_precondition")).toBe(`cat: ${T}: Is a directory (use ls to list it, or name a file inside it)`);
    expect(msg(s, "write_file", { path: "~/t", content: "" }, "failed_precondition")).toBe(
      `write_file: cannot write '${T}': Is a directory (name a file inside it, e.g. ${T}/notes.txt)`,
    );
    expect(msg(s, "tree", { path: "~/t/f" }, "failed_precondition")).toBe(`tree: ${T}/f: Not a directory (it is a file)`);
    expect(msg(s, "write_file", { path: "~/t/no/x", content: "" }, "not_found")).toBe(
      `write_file: cannot write '${T}/no/x': No such file or directory (${T}/no does not exist; in ${T}: f)`,
    );
  });

  it("a chain of 40 symbolic links is followed, 41 is too many", () => {
    const s = fresh();
    s.ok("write_file", { path: "/tmp/c0", content: "end\n" });
    for (let i = 1; i <= 41; i++) s.ok("ln", { target: `c${i - 1}`, link_name: `/tmp/c${i}` });
    expect(s.ok("cat", { path: "/tmp/c40" }).content).toBe("end\n");
    expect(msg(s, "cat", { path: "/tmp/c41" }, "failed_precondition")).toBe(
      "cat: cannot access '/tmp/c41': Too many levels of symbolic links (/tmp/c1 -> c0 never reaches a file; inspect it with readlink)",
    );
    expect(s.ok("readlink", { path: "/tmp/c41" })).toEqual({ path: "/tmp/c41", target: "c40", resolved: null });
    expect(s.ok("readlink", { path: "/tmp/c40" }).resolved).toBe("/tmp/c0");
  });

  it("cd and readlink explain what the path is instead", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(msg(s, "cd", { path: "-" }, "failed_precondition")).toBe("cd: OLDPWD not set (there is no previous directory yet; cd somewhere first)");
    expect(msg(s, "cd", { path: "~/t/f" }, "failed_precondition")).toBe(`cd: ${T}/f: Not a directory (it is a file; cd to its directory ${T} instead)`);
    expect(msg(s, "readlink", { path: "~/t/f" }, "invalid_argument")).toBe(
      `readlink: ${T}/f: Invalid argument (it is a regular file, not a symbolic link; use realpath to canonicalise any path)`,
    );
    expect(msg(s, "readlink", { path: "~/t" }, "invalid_argument")).toContain("(it is a directory, not a symbolic link;");
  });
});

describe("filesystem rules: ln and touch", () => {
  it("ln stores the target as written, sized in UTF-8 bytes, and refuses to replace without force", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(s.ok("ln", { target: "é", link_name: "~/t/l" })).toMatchObject({ kind: "symlink", target: "é", size: 2, mode: "777", resolved: null });
    expect(msg(s, "ln", { target: "x", link_name: "~/t/f" }, "already_exists")).toBe(
      `ln: failed to create symbolic link '${T}/f': File exists (it is a regular file; pass force: true to replace it)`,
    );
    expect(msg(s, "ln", { target: "x", link_name: "~/t/l" }, "already_exists")).toBe(
      `ln: failed to create symbolic link '${T}/l': File exists (it is a symbolic link to é; pass force: true to replace it)`,
    );
    expect(s.ok("ln", { target: "f", link_name: "~/t/l", force: true })).toMatchObject({ target: "f", resolved: `${T}/f` });
    expect(msg(s, "ln", { target: "/" }, "invalid_argument")).toBe("ln: cannot derive a link name from target '/'; give link_name");
    expect(s.ok("ln", { target: "/etc/hosts", link_name: "~/t" }).path).toBe(`${T}/hosts`);
  });

  it("touch with a date needs ownership; no_create leaves a missing file missing", () => {
    const s = scratch();
    expect(msg(s, "touch", { path: "/etc/hosts", date: "2026-03-01" }, "permission_denied")).toBe(
      "touch: setting times of '/etc/hosts': Operation not permitted (only its owner, root, may set an explicit time; without date, write permission is enough)",
    );
    expect(s.ok("touch", { path: "~/t/x", no_create: true })).toEqual({ path: `${T}/x`, created: false, exists: false });
    expect(s.ok("touch", { path: "~/t/x", date: "2026-03-01" })).toMatchObject({ created: true, size: 0, mode: "644", modified_at: "2026-03-01T00:00:00Z" });
    expect(s.ok("touch", { path: "~/t/x", date: "2026-02-01T10:00:00Z" })).toMatchObject({ created: false, modified_at: "2026-02-01T10:00:00Z" });
  });
});

describe("filesystem rules: cp and mv", () => {
  it("cp refuses the same file, a directory without recursive, and a directory into itself", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    s.ok("mkdir", { path: "~/t/d/sub", parents: true });
    s.ok("write_file", { path: "~/t/d/x", content: "" });
    expect(msg(s, "cp", { source: "~/t/f", destination: "~/t/./f" }, "invalid_argument")).toBe(
      `cp: '${T}/f' and '${T}/f' are the same file (choose a different destination)`,
    );
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/e" }, "failed_precondition")).toBe(
      `cp: -r not specified; omitting directory '${T}/d' (pass recursive: true to copy it with its 2 entries)`,
    );
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/d/sub", recursive: true }, "invalid_argument")).toBe(
      `cp: cannot copy a directory, '${T}/d', into itself, '${T}/d/sub/d' (choose a destination outside it)`,
    );
    s.ok("mkdir", { path: "~/t/x/f", parents: true });
    expect(msg(s, "cp", { source: "~/t/f", destination: "~/t/x" }, "failed_precondition")).toBe(
      `cp: cannot overwrite directory '${T}/x/f' with non-directory '${T}/f'`,
    );
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/f", recursive: true }, "failed_precondition")).toBe(
      `cp: cannot overwrite non-directory '${T}/f' with directory '${T}/d'`,
    );
  });

  it("a copy drops setuid and setgid but keeps the sticky bit, unless preserve keeps everything", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "abc" });
    s.ok("chmod", { path: "~/t/f", mode: "6755" });
    expect(s.ok("cp", { source: "~/t/f", destination: "~/t/g" })).toMatchObject({ mode: "755", size: 3, copied: 1 });
    expect(s.ok("cp", { source: "~/t/f", destination: "~/t/h", preserve: true }).mode).toBe("6755");
    s.ok("mkdir", { path: "~/t/s", mode: "1777" });
    expect(s.ok("cp", { source: "~/t/s", destination: "~/t/s2", recursive: true }).mode).toBe("1777");
    s.ok("chmod", { path: "~/t/g", mode: "600" });
    expect(s.ok("cp", { source: "~/t/f", destination: "~/t/g" }).mode).toBe("600");
  });

  it("mv refuses the root, a subdirectory of itself and a non-empty directory; it counts what moved", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/a/sub", parents: true });
    s.ok("write_file", { path: "~/t/a/f", content: "" });
    s.ok("mkdir", { path: "~/t/b/a/x", parents: true });
    expect(msg(s, "mv", { source: "/", destination: "/tmp" }, "invalid_argument")).toBe(
      "mv: cannot move '/': Device or resource busy (name a path below it, not '/', '.' or '..')",
    );
    expect(msg(s, "mv", { source: "~/t/a", destination: "~/t/a/sub" }, "invalid_argument")).toBe(
      `mv: cannot move '${T}/a' to a subdirectory of itself, '${T}/a/sub/a' (choose a destination outside it)`,
    );
    expect(msg(s, "mv", { source: "~/t/a", destination: "~/t/b" }, "failed_precondition")).toBe(
      `mv: cannot move '${T}/a' to '${T}/b/a': Directory not empty (${T}/b/a already exists and has entries; move into it or remove it first)`,
    );
    expect(msg(s, "mv", { source: "~/t/a/f", destination: "~/t/a/./f" }, "invalid_argument")).toBe(
      `mv: '${T}/a/f' and '${T}/a/f' are the same file (choose a different destination)`,
    );
    s.ok("cd", { path: "~/t/a/sub" });
    expect(s.ok("mv", { source: "~/t/a", destination: "~/t/c" })).toMatchObject({ path: `${T}/c`, moved: 3 });
    expect(s.ok("pwd").cwd).toBe(`${T}/c/sub`);
  });
});

describe("filesystem rules: find filters and du", () => {
  /** ~/t: d/ (empty), e (empty file), f ("x"), d2/g ("y"), made in that order one minute apart. */
  function tree(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("touch", { path: "~/t/e" });
    s.ok("write_file", { path: "~/t/f", content: "x" });
    s.ok("mkdir", { path: "~/t/d2" });
    s.ok("write_file", { path: "~/t/d2/g", content: "y" });
    return s;
  }
  const found = (s: TestSession, args: Record<string, unknown>) => s.ok("find", { path: "~/t", ...args }).items.map((i: { path: string }) => i.path);

  it.each([
    [{ empty: true }, ["d", "e"]],
    [{ empty: false }, ["", "d2", "d2/g", "f"]],
    [{ min_depth: 1, max_depth: 1 }, ["d", "d2", "e", "f"]],
    [{ min_depth: 2 }, ["d2/g"]],
    [{ max_depth: 0 }, [""]],
    [{ name: "?" }, ["", "d", "d2/g", "e", "f"]],
    [{ iname: "F" }, ["f"]],
    [{ name: "F" }, []],
    [{ path_pattern: "*/d2/*" }, ["d2/g"]],
    [{ owner: "root" }, []],
    [{ type: "d" }, ["", "d", "d2"]],
    [{ newer: "~/t/f" }, ["", "d2", "d2/g"]],
  ])("find %j gives %j", (args, want) => {
    expect(found(tree(), args)).toEqual(want.map((p) => (p === "" ? T : `${T}/${p}`)));
  });

  it("du adds 4096 per directory and the files' bytes, biggest first, ties in path order", () => {
    const s = tree();
    expect(s.ok("du", { path: "~/t", human_readable: true })).toEqual({
      path: T,
      bytes: 12290,
      human: "13K",
      entries: [
        { path: `${T}/d2`, bytes: 4097, human: "4.1K" },
        { path: `${T}/d`, bytes: 4096, human: "4K" },
      ],
      truncated: false,
    });
    expect(s.ok("du", { path: "~/t", all: true }).entries).toEqual([
      { path: `${T}/d2`, bytes: 4097 },
      { path: `${T}/d`, bytes: 4096 },
      { path: `${T}/d2/g`, bytes: 1 },
      { path: `${T}/f`, bytes: 1 },
      { path: `${T}/e`, bytes: 0 },
    ]);
    expect(s.ok("du", { path: "~/t", all: true, max_depth: 1 }).entries.map((e: { path: string }) => e.path)).not.toContain(`${T}/d2/g`);
    expect(s.ok("du", { path: "~/t", summarize: true })).toEqual({ path: T, bytes: 12290, entries: [], truncated: false });
    expect(s.ok("du", { path: "~/t/f" })).toEqual({ path: `${T}/f`, bytes: 1, entries: [], truncated: false });
  });
});

describe("filesystem rules: tar archives", () => {
  function packed(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/src/sub", parents: true });
    s.ok("write_file", { path: "~/t/src/a.txt", content: "abc" });
    s.ok("chmod", { path: "~/t/src/a.txt", mode: "4755" });
    s.ok("ln", { target: "a.txt", link_name: "~/t/src/l" });
    expect(s.ok("tar_create", { archive: "~/t/x.tar", paths: ["~/t/src"], directory: "~/t" })).toMatchObject({ members: 4, files: 1 });
    return s;
  }

  it("members are named relative to the directory and listed with their sizes", () => {
    const s = packed();
    expect(s.ok("tar_list", { archive: "~/t/x.tar" }).items.map(({ modified_at: _m, ...rest }: { modified_at: string }) => rest)).toEqual([
      { name: "src", type: "directory", size: 4096, mode: "755" },
      { name: "src/a.txt", type: "file", size: 3, mode: "4755" },
      { name: "src/l", type: "symlink", size: 5, mode: "777", target: "a.txt" },
      { name: "src/sub", type: "directory", size: 4096, mode: "755" },
    ]);
    s.ok("tar_create", { archive: "~/t/y.tar", paths: ["/etc/hosts"], directory: "~/t" });
    expect(s.ok("tar_list", { archive: "~/t/y.tar" }).items.map((i: { name: string }) => i.name)).toEqual(["etc/hosts"]);
  });

  it("extraction drops setuid, keeps old files only on request, and names missing members", () => {
    const s = packed();
    s.ok("mkdir", { path: "~/t/out" });
    expect(s.ok("tar_extract", { archive: "~/t/x.tar", directory: "~/t/out" })).toMatchObject({ extracted: 4, path: `${T}/out` });
    expect(stat(s, "~/t/out/src/a.txt").mode).toBe("755");
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", keep_old_files: true }, "already_exists")).toBe(
      `tar: src/a.txt: Cannot open: File exists (${T}/out/src/a.txt is already there; extract elsewhere or drop keep_old_files to overwrite)`,
    );
    expect(s.ok("tar_extract", { archive: "~/t/x.tar", directory: "~/t/out" }).extracted).toBe(2);
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["nope"] }, "not_found")).toBe(
      `tar: nope: Not found in archive ${T}/x.tar (list members with tar_list)`,
    );
    s.ok("mkdir", { path: "~/t/out2" });
    expect(s.ok("tar_extract", { archive: "~/t/x.tar", directory: "~/t/out2", members: ["src/a.txt"] })).toMatchObject({
      extracted: 1,
      paths: [`${T}/out2/src/a.txt`],
    });
    s.ok("mkdir", { path: "~/t/out3/src/a.txt", parents: true });
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out3" }, "failed_precondition")).toBe(
      `tar: src/a.txt: Cannot open: Cannot replace the directory ${T}/out3/src/a.txt with a file`,
    );
  });

  it("a file that is not an archive, and members escaping with '..' or without a name, are refused", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/a.txt", content: "abc" });
    s.ok("write_file", { path: "~/t/bad.tar", content: "PROVE-TAR/1\n{not json" });
    const notTar = (p: string) => `tar: ${T}/${p}: This does not look like a tar archive (create archives with tar_create; 'file' tells what this file is)`;
    expect(msg(s, "tar_list", { archive: "~/t/a.txt" }, "failed_precondition")).toBe(notTar("a.txt"));
    expect(msg(s, "tar_list", { archive: "~/t/bad.tar" }, "failed_precondition")).toBe(notTar("bad.tar"));
    const member = (name: string) =>
      `PROVE-TAR/1\n${JSON.stringify({ members: [{ name, type: "file", mode: "644", modified_at: "2026-01-01T00:00:00Z", content: "x" }] })}`;
    s.ok("write_file", { path: "~/t/evil.tar", content: member("../evil") });
    expect(msg(s, "tar_extract", { archive: "~/t/evil.tar", directory: "~/t" }, "permission_denied")).toBe(
      `tar: ${T}/evil.tar: member '../evil' contains '..'; refusing to extract outside the target directory`,
    );
    s.ok("write_file", { path: "~/t/empty.tar", content: member("./") });
    expect(msg(s, "tar_extract", { archive: "~/t/empty.tar", directory: "~/t" }, "failed_precondition")).toBe(
      `tar: ${T}/empty.tar: member './' has an empty name; the archive is damaged`,
    );
  });
});

describe("filesystem rules: reports of the inspecting tools", () => {
  it("wc adds a total only for several files", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/a", content: "a b\n" });
    s.ok("write_file", { path: "~/t/b", content: "é\n" });
    expect(s.ok("wc", { paths: ["~/t/a", "~/t/b"] })).toEqual({
      files: [
        { path: `${T}/a`, lines: 1, words: 2, bytes: 4, chars: 4 },
        { path: `${T}/b`, lines: 1, words: 1, bytes: 3, chars: 2 },
      ],
      total: { lines: 2, words: 3, bytes: 7, chars: 6 },
    });
    expect(s.ok("wc", { paths: ["~/t/a"] })).toEqual({ files: [{ path: `${T}/a`, lines: 1, words: 2, bytes: 4, chars: 4 }] });
  });

  it("echo prints with or without a newline, or writes and appends", () => {
    const s = scratch();
    expect(s.ok("echo", { text: "hi" })).toEqual({ output: "hi\n" });
    expect(s.ok("echo", { text: "hi", newline: false })).toEqual({ output: "hi" });
    expect(s.ok("echo", { text: "hi", file: "~/t/e" })).toEqual({ path: `${T}/e`, size: 3, written_bytes: 3, created: true });
    expect(s.ok("echo", { text: "hé", file: "~/t/e", append: true })).toEqual({ path: `${T}/e`, size: 7, written_bytes: 4, created: false });
    expect(s.ok("echo", { text: "x", file: "~/t/e" }).size).toBe(2);
  });

  it("diff: binary files, a file against a directory, and two directories", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/b1", content: "a\u0000" });
    s.ok("write_file", { path: "~/t/b2", content: "b\u0000" });
    expect(s.ok("diff", { left: "~/t/b1", right: "~/t/b2" })).toEqual({
      left: `${T}/b1`,
      right: `${T}/b2`,
      identical: false,
      diff: `Binary files ${T}/b1 and ${T}/b2 differ\n`,
    });
    expect(s.ok("diff", { left: "~/t/b1", right: "~/t/b1" })).toMatchObject({ identical: true, diff: "" });
    s.ok("mkdir", { path: "~/t/d1/k", parents: true });
    s.ok("mkdir", { path: "~/t/d2" });
    expect(msg(s, "diff", { left: "~/t/b1", right: "~/t/d1" }, "failed_precondition")).toBe(
      `diff: cannot compare the file ${T}/b1 with the directory ${T}/d1; name two files or two directories`,
    );
    for (const [p, c] of [
      ["d1/a", "1"],
      ["d1/b", "2"],
      ["d2/b", "3"],
      ["d2/c", "4"],
      ["d2/k", "5"],
    ] as const)
      s.ok("write_file", { path: `~/t/${p}`, content: c });
    s.ok("ln", { target: "a", link_name: "~/t/d1/s" });
    s.ok("ln", { target: "b", link_name: "~/t/d2/s" });
    expect(s.ok("diff", { left: "~/t/d1", right: "~/t/d2" })).toEqual({
      left: `${T}/d1`,
      right: `${T}/d2`,
      identical: false,
      only_in_left: ["a"],
      only_in_right: ["c"],
      differing: ["b", "k (dir vs file)", "s"],
    });
    expect(s.ok("diff", { left: "~/t/d1", right: "~/t/d1" })).toMatchObject({ identical: true, differing: [] });
  });

  it("file, stat, test_path and realpath on links, directories and missing paths", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("write_file", { path: "~/t/d/f", content: "" });
    s.ok("ln", { target: "d", link_name: "~/t/l" });
    s.ok("ln", { target: "gone", link_name: "~/t/dead" });
    expect(s.ok("file", { paths: ["~/t/d", "~/t/l"] }).results).toEqual([
      { path: `${T}/d`, type: "directory", mime: "inode/directory" },
      { path: `${T}/l`, type: "symbolic link to d", mime: "inode/symlink" },
    ]);
    expect(s.ok("stat", { path: "~/t/l", follow_symlinks: true })).toMatchObject({ path: `${T}/d`, type: "directory", entries: 1, requested: `${T}/l` });
    expect(s.ok("stat", { path: "~/t/l" })).toMatchObject({ type: "symlink", size: 1, permissions: "lrwxrwxrwx", name: "l" });
    expect(s.ok("test_path", { path: "~/t/dead" })).toEqual({ path: `${T}/dead`, exists: false, is_symlink: true });
    expect(s.ok("test_path", { path: "~/t/none" })).toEqual({ path: `${T}/none`, exists: false, is_symlink: false });
    expect(s.ok("test_path", { path: "~/t/l" })).toMatchObject({ exists: true, type: "directory", is_symlink: true, empty: false });
    expect(s.ok("test_path", { path: "/root/x" })).toMatchObject({ path: "/root/x", exists: false, reason: expect.stringContaining("Permission denied") });
    expect(s.ok("realpath", { path: "~/t/l/f" })).toEqual({ path: `${T}/d/f`, exists: true });
    expect(s.ok("realpath", { path: "~/t/no/x", allow_missing: true })).toEqual({ path: `${T}/no/x`, exists: false });
    expect(s.ok("ls", { path: "~/t", long: true }).items.find((e: { name: string }) => e.name === "l")).toMatchObject({
      type: "symlink",
      permissions: "lrwxrwxrwx",
      size_human: "1B",
      target: "d",
    });
  });

  it("grep reads at most 2 MiB of text in one call", () => {
    const s = scratch();
    s.ok("truncate", { path: "~/t/a", size: 1_048_576 });
    s.ok("truncate", { path: "~/t/b", size: 1_048_576 });
    expect(s.ok("grep", { pattern: "x", path: "~/t", recursive: true, count: true })).toMatchObject({ files_searched: 2 });
    s.ok("write_file", { path: "~/t/c", content: "x\n" });
    expect(s.ok("grep", { pattern: "x", path: "~/t", recursive: true, count: true })).toMatchObject({
      files_searched: 2,
      truncated: true,
      note: "stopped after 2 MB of text; narrow the path or use include",
    });
  });
});
