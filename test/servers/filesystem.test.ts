import { describe, expect, it } from "vitest";
import filesystem from "../../ts/servers/filesystem/index.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";
import { Environment } from "../../ts/env/environment.ts";
import { domainConformance } from "../helpers/conformance.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

// cut and chown check the shape of the call (what to cut, whom to give it to) before they look at a path, like their shell namesakes.
domainConformance(filesystem, 40, { args: { cut: { fields: "1" }, chown: { owner: "root" } } });

const SEED = 7;
const WORLD = worldFor(SEED);
const ME = WORLD.user.handle;
const HOME = `/home/${ME}`;

const fresh = (seed: number = SEED) => openSession(filesystem, seed);

/** A session with a small known tree: ~/t/a.txt, ~/t/sub/b.md. */
function withFixture(): TestSession {
  const s = fresh();
  s.ok("mkdir", { path: "~/t/sub", parents: true });
  s.ok("write_file", { path: "~/t/a.txt", content: "alpha\nbeta\ngamma\n" });
  s.ok("write_file", { path: "~/t/sub/b.md", content: "# Title\nsome text\n" });
  return s;
}

const cat = (s: TestSession, path: string): string => s.ok("cat", { path }).content;
const exists = (s: TestSession, path: string): boolean => s.ok("test_path", { path }).exists;
const stat = (s: TestSession, path: string) => s.ok("stat", { path });
const names = (s: TestSession, path: string, extra: Record<string, unknown> = {}): string[] =>
  s.ok("ls", { path, ...extra }).items.map((e: { name: string }) => e.name);

describe("filesystem: seed", () => {
  it("builds a realistic tree of 150-400 nodes from the shared world", () => {
    const env = new Environment([filesystem]);
    const { id } = env.create({ domains: ["filesystem"], seed: SEED });
    const snap = env.state(id).snapshot.domains.filesystem!;
    const nodes = Object.values(snap.nodes!) as Array<Record<string, any>>;
    expect(nodes.length).toBeGreaterThanOrEqual(150);
    expect(nodes.length).toBeLessThanOrEqual(400);
    const byPath = new Map(nodes.map((n) => [n.path as string, n]));
    expect(byPath.get("/")?.kind).toBe("dir");
    for (const n of nodes) {
      if (n.path !== "/") expect(byPath.get(n.path.slice(0, n.path.lastIndexOf("/")) || "/")?.kind, `parent of ${n.path}`).toBe("dir");
      if (n.kind === "file") expect(n.size).toBe(new TextEncoder().encode(n.content).length);
      expect(n.created_at <= n.modified_at, `${n.path} created after modified`).toBe(true);
      expect(n.modified_at <= WORLD.now, `${n.path} modified in the future`).toBe(true);
    }
    expect(byPath.get(HOME)?.owner).toBe(ME);
    expect(byPath.get("/etc/hosts")?.owner).toBe("root");
    expect(byPath.get("/tmp")?.mode).toBe("1777");
    expect(Object.values(snap.shells!)).toHaveLength(1);
    // Text mentions the world: the user's name in the resume and git config, a colleague in /etc/passwd.
    expect(byPath.get(`${HOME}/Documents/resume-draft.md`)?.content).toContain(WORLD.user.full_name);
    expect(byPath.get(`${HOME}/.gitconfig`)?.content).toContain(WORLD.user.email);
    expect(byPath.get("/etc/passwd")?.content).toContain(`${ME}:x:1000:1000`);
  });

  it("varies names and content with the seed", () => {
    const a = fresh(7)
      .ok("find", { path: "~/Projects", max_depth: 1, type: "d" })
      .items.map((i: { path: string }) => i.path.split("/").pop());
    const b = fresh(8)
      .ok("find", { path: "~/Projects", max_depth: 1, type: "d" })
      .items.map((i: { path: string }) => i.path.split("/").pop());
    expect(a).not.toEqual(b);
    expect(fresh(7).ok("pwd").user).not.toBe(fresh(8).ok("pwd").user);
  });
});

describe("filesystem: paths", () => {
  it("resolves relative, '..', '.', '~', '~user' and trailing slashes", () => {
    const s = withFixture();
    expect(s.ok("realpath", { path: "t/./sub/../a.txt" }).path).toBe(`${HOME}/t/a.txt`);
    expect(s.ok("realpath", { path: "~/t/sub/" }).path).toBe(`${HOME}/t/sub`);
    expect(s.ok("realpath", { path: `~${ME}/t` }).path).toBe(`${HOME}/t`);
    expect(s.ok("realpath", { path: "/../../etc" }).path).toBe("/etc");
  });

  it("rejects NUL bytes, over-long paths and names, and empty paths with invalid_argument", () => {
    const s = fresh();
    s.fails("cat", { path: "a\u0000b" }, "invalid_argument", /NUL byte/);
    s.fails(
      "write_file",
      { path: `/tmp/${"x".repeat(256)}`, content: "" },
      "invalid_argument",
      /File name too long \(the name has 256 characters; at most 255/,
    );
    s.fails(
      "mkdir",
      { path: `/tmp/${"abc/".repeat(1100)}`, parents: true },
      "invalid_argument",
      /File name too long \(the path has \d+ characters; at most 4096/,
    );
    s.fails("write_file", { path: "", content: "x" }, "invalid_argument", /an empty string names no file/);
  });

  it("follows symbolic links in the middle of a path (/bin -> usr/bin, ~/current-project)", () => {
    const s = fresh();
    expect(s.ok("realpath", { path: "/bin/ls" }).path).toBe("/usr/bin/ls");
    const target = s.ok("readlink", { path: "~/current-project" }).target as string;
    expect(s.ok("realpath", { path: "~/current-project/README.md" }).path).toBe(`${HOME}/${target}/README.md`);
  });

  it("fails with ENOTDIR when a file is used as a directory", () => {
    withFixture().fails("cat", { path: "~/t/a.txt/x" }, "failed_precondition", /Not a directory \(.*a\.txt is a file\)/);
  });

  it("fails with ELOOP on a symbolic-link cycle", () => {
    const s = fresh();
    s.ok("ln", { target: "loop2", link_name: "/tmp/loop1" });
    s.ok("ln", { target: "loop1", link_name: "/tmp/loop2" });
    s.fails("cat", { path: "/tmp/loop1" }, "failed_precondition", /Too many levels of symbolic links/);
  });
});

describe("filesystem: pwd, whoami, cd", () => {
  it("pwd and whoami report the user, home and groups", () => {
    const s = fresh();
    expect(s.ok("pwd")).toMatchObject({ cwd: HOME, user: ME, home: HOME, exists: true });
    expect(s.ok("whoami")).toMatchObject({ user: ME, uid: 1000, groups: [ME, "sudo", "developers"] });
  });

  it("cd changes the working directory used by relative paths, and back with '-'", () => {
    const s = withFixture();
    expect(s.ok("cd", { path: "t/sub" })).toMatchObject({ cwd: `${HOME}/t/sub`, previous_cwd: HOME });
    expect(s.ok("pwd").cwd).toBe(`${HOME}/t/sub`);
    expect(cat(s, "b.md")).toBe("# Title\nsome text\n");
    expect(s.ok("cd", { path: ".." }).cwd).toBe(`${HOME}/t`);
    expect(s.ok("cd", { path: "-" }).cwd).toBe(`${HOME}/t/sub`);
    expect(s.ok("cd", {}).cwd).toBe(HOME);
  });

  it("cd through a link keeps the logical path and reports the physical one", () => {
    const r = fresh().ok("cd", { path: "~/current-project" });
    expect(r.cwd).toBe(`${HOME}/current-project`);
    expect(r.physical).toMatch(new RegExp(`^${HOME}/Projects/`));
  });

  it("cd into a missing directory lists what is there and suggests a close name", () => {
    const e = fresh().fails("cd", { path: "~/Docs" }, "not_found");
    expect(e.message).toBe(
      `cd: ${HOME}/Docs: No such file or directory (did you mean ${HOME}/Documents?; in ${HOME}: current-project, Desktop, Documents, Downloads, notes, Pictures, Projects)`,
    );
  });

  it("cd into a file fails", () => {
    withFixture().fails("cd", { path: "~/t/a.txt" }, "failed_precondition", /cd: .*a\.txt: Not a directory/);
  });

  it("cd into a directory without execute permission fails (/root is 700 root)", () => {
    fresh().fails("cd", { path: "/root" }, "permission_denied", /owned by root:root with mode 700 \(drwx------\)/);
  });

  it("cd - without a previous directory fails", () => {
    fresh().fails("cd", { path: "-" }, "failed_precondition", /OLDPWD not set/);
  });
});

describe("filesystem: ls, tree, stat", () => {
  it("ls lists names, types, sizes and modes, hiding dotfiles unless all", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/.hidden", content: "h" });
    const r = s.ok("ls", { path: "~/t" });
    expect(r.items).toEqual([
      expect.objectContaining({ name: "a.txt", type: "file", size: 17, mode: "644" }),
      expect.objectContaining({ name: "sub", type: "directory", size: 4096, mode: "755" }),
    ]);
    // Like GNU ls in a UTF-8 locale, leading dots do not count when sorting.
    expect(names(s, "~/t", { all: true })).toEqual(["a.txt", ".hidden", "sub"]);
  });

  it("ls long adds permissions, owner, group and human size", () => {
    const [e] = withFixture().ok("ls", { path: "~/t", long: true }).items;
    expect(e).toMatchObject({ name: "a.txt", permissions: "-rw-r--r--", owner: ME, group: ME, size_human: "17B" });
  });

  it("ls sorts by size or time, reverses, recurses and lists a directory itself", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/big.txt", content: "x".repeat(500) });
    expect(names(s, "~/t", { sort: "size" })).toEqual(["sub", "big.txt", "a.txt"]);
    expect(names(s, "~/t", { sort: "time" })[0]).toBe("big.txt");
    expect(names(s, "~/t", { reverse: true })).toEqual(["sub", "big.txt", "a.txt"]);
    expect(names(s, "~/t", { recursive: true })).toEqual(["a.txt", "big.txt", "sub", "sub/b.md"]);
    expect(s.ok("ls", { path: "~/t", directory: true }).items).toEqual([expect.objectContaining({ name: "t", type: "directory" })]);
    expect(s.ok("ls", { path: "~/t/a.txt" }).items).toEqual([expect.objectContaining({ name: "a.txt", size: 17 })]);
  });

  it("ls paginates big directories with a cursor", () => {
    const s = fresh();
    const first = s.ok("ls", { path: "/usr/bin", limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.total).toBe(13);
    const second = s.ok("ls", { path: "/usr/bin", limit: 5, cursor: first.next_cursor });
    expect(second.items[0].name).not.toBe(first.items[0].name);
  });

  it("ls of a missing path and of an unreadable directory fail", () => {
    const s = fresh();
    s.fails("ls", { path: "~/nope" }, "not_found", /ls: cannot access '.*\/nope': No such file or directory/);
    s.fails("ls", { path: "/root" }, "permission_denied", /ls: cannot open directory '\/root': Permission denied/);
  });

  it("tree draws the tree and counts directories and files", () => {
    const r = withFixture().ok("tree", { path: "~/t" });
    expect(r.text).toBe(`${HOME}/t\n├── a.txt\n└── sub\n    └── b.md\n\n1 directory, 2 files`);
    expect(r.tree.children.map((c: { name: string }) => c.name)).toEqual(["a.txt", "sub"]);
    expect(withFixture().ok("tree", { path: "~/t", dirs_only: true }).text).toBe(`${HOME}/t\n└── sub\n\n1 directory`);
    expect(withFixture().ok("tree", { path: "~/t", max_depth: 1 }).files).toBe(1);
  });

  it("tree of a file or a missing path fails", () => {
    const s = withFixture();
    s.fails("tree", { path: "~/t/a.txt" }, "failed_precondition", /Not a directory/);
    s.fails("tree", { path: "~/none" }, "not_found");
  });

  it("stat shows metadata, lstat of links by default, the target with follow_symlinks", () => {
    const s = withFixture();
    expect(stat(s, "~/t/a.txt")).toMatchObject({ path: `${HOME}/t/a.txt`, type: "file", size: 17, mode: "644", permissions: "-rw-r--r--", owner: ME });
    expect(stat(s, "~/t")).toMatchObject({ type: "directory", entries: 2 });
    expect(stat(s, "/bin")).toMatchObject({ type: "symlink", target: "usr/bin" });
    expect(s.ok("stat", { path: "/bin", follow_symlinks: true })).toMatchObject({ path: "/usr/bin", type: "directory", requested: "/bin" });
    expect(stat(s, "/etc/shadow")).toMatchObject({ owner: "root", group: "shadow", mode: "640" });
    s.fails("stat", { path: "~/t/zzz" }, "not_found", /stat: cannot statx/);
  });
});

describe("filesystem: file, realpath, readlink, basename, dirname, test_path", () => {
  it("file names types from content", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/data.json", content: '{"a": 1}\n' });
    s.ok("write_file", { path: "~/t/run.py", content: "#!/usr/bin/env python3\nprint(1)\n" });
    s.ok("touch", { path: "~/t/empty" });
    const types = s
      .ok("file", { paths: ["~/t/a.txt", "~/t/data.json", "~/t/run.py", "~/t/empty", "~/t/sub", "/bin", "/usr/bin/ls", "~/Pictures/profile.jpg"] })
      .results.map((r: { type: string }) => r.type);
    expect(types).toEqual([
      "ASCII text",
      "JSON text data",
      "Python script, ASCII text executable",
      "empty",
      "directory",
      "symbolic link to usr/bin",
      "ELF 64-bit LSB pie executable, x86-64, dynamically linked",
      "JPEG image data, JFIF standard 1.01",
    ]);
  });

  it("file fails on missing and unreadable files", () => {
    const s = fresh();
    s.fails("file", { paths: ["/nope"] }, "not_found");
    s.fails("file", { paths: ["/etc/shadow"] }, "permission_denied");
  });

  it("realpath resolves links; allow_missing accepts a missing last part", () => {
    const s = fresh();
    expect(s.ok("realpath", { path: "/bin/../etc/./hosts" })).toEqual({ path: "/etc/hosts", exists: true });
    expect(s.ok("realpath", { path: "/bin/newtool", allow_missing: true })).toEqual({ path: "/usr/bin/newtool", exists: false });
    s.fails("realpath", { path: "/bin/newtool" }, "not_found");
  });

  it("readlink returns the stored target and where it resolves; null when dangling", () => {
    const s = fresh();
    expect(s.ok("readlink", { path: "/etc/nginx/sites-enabled/default" })).toEqual({
      path: "/etc/nginx/sites-enabled/default",
      target: "/etc/nginx/sites-available/default",
      resolved: "/etc/nginx/sites-available/default",
    });
    s.ok("ln", { target: "/nowhere", link_name: "~/dangling" });
    expect(s.ok("readlink", { path: "~/dangling" }).resolved).toBeNull();
    s.fails("readlink", { path: "/etc/hosts" }, "invalid_argument", /not a symbolic link/);
  });

  it("basename and dirname are string operations", () => {
    const s = fresh();
    expect(s.ok("basename", { path: "/a/b/report.md", suffix: ".md" })).toEqual({ name: "report" });
    expect(s.ok("basename", { path: "/a/b/" })).toEqual({ name: "b" });
    expect(s.ok("basename", { path: "/" })).toEqual({ name: "/" });
    expect(s.ok("dirname", { path: "/a/b/c.txt" })).toEqual({ dirname: "/a/b" });
    expect(s.ok("dirname", { path: "c.txt" })).toEqual({ dirname: "." });
    expect(s.ok("dirname", { path: "/a" })).toEqual({ dirname: "/" });
    s.fails("basename", { path: "x\u0000" }, "invalid_argument", /NUL/);
    s.fails("dirname", { path: "" }, "invalid_argument");
  });

  it("test_path reports existence and access without failing", () => {
    const s = fresh();
    expect(s.ok("test_path", { path: "/etc/hosts" })).toMatchObject({
      exists: true,
      type: "file",
      readable: true,
      writable: false,
      executable: false,
      owner: "root",
    });
    expect(s.ok("test_path", { path: "~/nothing" })).toMatchObject({ exists: false });
    expect(s.ok("test_path", { path: "/root/.bashrc" })).toMatchObject({ exists: false, reason: expect.stringMatching(/Permission denied/) });
    expect(s.ok("test_path", { path: "/bin" })).toMatchObject({ exists: true, type: "directory", is_symlink: true });
    s.fails("test_path", { path: "\u0000" }, "invalid_argument");
  });
});

describe("filesystem: find, du, df", () => {
  it("find matches name globs, types and depth", () => {
    const s = withFixture();
    const paths = (args: Record<string, unknown>) => s.ok("find", { path: "~/t", ...args }).items.map((i: { path: string }) => i.path.slice(HOME.length + 1));
    expect(paths({})).toEqual(["t", "t/a.txt", "t/sub", "t/sub/b.md"]);
    expect(paths({ name: "*.md" })).toEqual(["t/sub/b.md"]);
    expect(paths({ iname: "A.*" })).toEqual(["t/a.txt"]);
    expect(paths({ type: "d" })).toEqual(["t", "t/sub"]);
    expect(paths({ max_depth: 1 })).toEqual(["t", "t/a.txt", "t/sub"]);
    expect(paths({ min_depth: 2 })).toEqual(["t/sub/b.md"]);
    expect(paths({ path_pattern: "*/sub/*" })).toEqual(["t/sub/b.md"]);
  });

  it("find filters by size, emptiness, owner and modification time", () => {
    const s = withFixture();
    s.ok("touch", { path: "~/t/empty.txt" });
    s.ok("mkdir", { path: "~/t/void" });
    const paths = (args: Record<string, unknown>) => s.ok("find", { path: "~/t", ...args }).items.map((i: { path: string }) => i.path.slice(HOME.length + 3));
    expect(paths({ type: "f", size: "+17c" })).toEqual(["sub/b.md"]);
    expect(paths({ type: "f", size: "17c" })).toEqual(["a.txt"]);
    expect(paths({ type: "f", size: "-1k" })).toEqual(["empty.txt"]);
    expect(paths({ empty: true })).toEqual(["empty.txt", "void"]);
    expect(paths({ owner: "root" })).toEqual([]);
    expect(paths({ newer: "~/t/a.txt", type: "f" })).toEqual(["empty.txt", "sub/b.md"]);
    expect(paths({ modified_after: WORLD.now, type: "f" })).toEqual(["a.txt", "empty.txt", "sub/b.md"]);
    expect(paths({ modified_before: WORLD.now })).toEqual([]);
  });

  it("find skips directories it cannot read and reports them", () => {
    const r = fresh().ok("find", { path: "/home", max_depth: 1 });
    expect(r.errors.some((e: string) => /find: '\/home\/[a-z.]+': Permission denied/.test(e))).toBe(true);
    expect(
      fresh()
        .ok("find", { path: "/", name: ".bashrc" })
        .items.map((i: { path: string }) => i.path),
    ).toEqual([`${HOME}/.bashrc`]);
  });

  it("find rejects a bad size and impossible depths; a missing start fails", () => {
    const s = fresh();
    s.fails("find", { size: "10x" }, "invalid_argument", /find: invalid size '10x'/);
    s.fails("find", { min_depth: 3, max_depth: 1 }, "invalid_argument", /min_depth \(3\) is greater than max_depth \(1\)/);
    s.fails("find", { path: "~/nope" }, "not_found");
  });

  it("du totals apparent sizes (directories 4096)", () => {
    const s = withFixture();
    const r = s.ok("du", { path: "~/t" });
    expect(r.bytes).toBe(4096 + 17 + 4096 + 18);
    expect(r.entries).toEqual([{ path: `${HOME}/t/sub`, bytes: 4096 + 18 }]);
    expect(s.ok("du", { path: "~/t", summarize: true, human_readable: true })).toMatchObject({ bytes: 8227, human: "8.1K", entries: [] });
    expect(s.ok("du", { path: "~/t", all: true }).entries).toHaveLength(3);
    s.fails("du", { path: "~/nope" }, "not_found");
  });

  it("df reports used bytes and inodes that follow writes", () => {
    const s = fresh();
    const before = s.ok("df", {});
    s.ok("write_file", { path: "~/new.txt", content: "12345" });
    const after = s.ok("df", { human_readable: true });
    expect(after.used.bytes - before.used.bytes).toBe(5);
    expect(after.inodes_used - before.inodes_used).toBe(1);
    expect(after.size).toEqual({ bytes: 268435456, human: "256M" });
    expect(after.available.bytes).toBe(268435456 - after.used.bytes);
  });
});

describe("filesystem: cat, head, tail, wc", () => {
  it("cat returns the content; offset/limit window big files", () => {
    const s = withFixture();
    expect(s.ok("cat", { path: "~/t/a.txt" })).toMatchObject({ content: "alpha\nbeta\ngamma\n", total_lines: 3, truncated: false, size: 17 });
    expect(s.ok("cat", { path: "~/t/a.txt", offset: 2, limit: 1 })).toMatchObject({
      content: "beta\n",
      start_line: 2,
      end_line: 2,
      truncated: true,
      next_offset: 3,
    });
    expect(s.ok("cat", { path: "~/t/a.txt", number_lines: true }).content).toBe("     1\talpha\n     2\tbeta\n     3\tgamma\n");
  });

  it("cat caps one call's output: an over-long line is cut and flagged, the rest comes with next_offset", () => {
    const s = fresh();
    s.ok("write_file", { path: "~/long.txt", content: "y".repeat(60_000) });
    s.ok("append_file", { path: "~/long.txt", content: `${"z".repeat(10_000)}\nend\n` });
    const r = s.ok("cat", { path: "~/long.txt" });
    expect(r).toMatchObject({
      truncated: true,
      next_offset: 2,
      total_lines: 2,
      note: expect.stringMatching(/line 1 is longer than 64000 characters and was cut/),
    });
    expect(r.content.length).toBeLessThan(64_100);
    expect(s.ok("cat", { path: "~/long.txt", offset: 2 }).content).toBe("end\n");
  });

  it("cat keeps a missing final newline", () => {
    const s = fresh();
    s.ok("write_file", { path: "~/n.txt", content: "no newline" });
    expect(cat(s, "~/n.txt")).toBe("no newline");
  });

  it("cat of a directory, a missing file and an unreadable file fail", () => {
    const s = fresh();
    expect(s.fails("cat", { path: "~/Documents" }, "failed_precondition").message).toBe(
      `cat: ${HOME}/Documents: Is a directory (use ls to list it, or name a file inside it)`,
    );
    s.fails("cat", { path: "~/Documents/nope.md" }, "not_found", /cat: .*nope\.md: No such file or directory/);
    s.fails(
      "cat",
      { path: "/etc/shadow" },
      "permission_denied",
      /cat: \/etc\/shadow: Permission denied \(file \/etc\/shadow is owned by root:shadow with mode 640/,
    );
    s.fails("cat", { path: "/var/log/auth.log" }, "permission_denied");
  });

  it("head and tail show the first and last lines or bytes", () => {
    const s = withFixture();
    expect(s.ok("head", { path: "~/t/a.txt", lines: 2 })).toMatchObject({ content: "alpha\nbeta\n", lines_shown: 2, total_lines: 3 });
    expect(s.ok("head", { path: "~/t/a.txt", bytes: 3 }).content).toBe("alp");
    expect(s.ok("tail", { path: "~/t/a.txt", lines: 1 })).toMatchObject({ content: "gamma\n", start_line: 3 });
    expect(s.ok("tail", { path: "~/t/a.txt", from_line: 2 }).content).toBe("beta\ngamma\n");
    expect(s.ok("tail", { path: "~/t/a.txt", bytes: 6 }).content).toBe("gamma\n");
    s.fails("head", { path: "~/t" }, "failed_precondition", /Is a directory/);
    s.fails("tail", { path: "~/t/zz" }, "not_found");
  });

  it("wc counts lines, words, bytes and characters, with a total", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/u.txt", content: "héllo wörld\n" });
    const r = s.ok("wc", { paths: ["~/t/a.txt", "~/t/u.txt"] });
    expect(r.files).toEqual([
      { path: `${HOME}/t/a.txt`, lines: 3, words: 3, bytes: 17, chars: 17 },
      { path: `${HOME}/t/u.txt`, lines: 1, words: 2, bytes: 14, chars: 12 },
    ]);
    expect(r.total).toEqual({ lines: 4, words: 5, bytes: 31, chars: 29 });
    s.fails("wc", { paths: ["~/t/sub"] }, "failed_precondition", /wc: .*sub: Is a directory/);
  });
});

describe("filesystem: grep", () => {
  function logs(): TestSession {
    const s = fresh();
    s.ok("mkdir", { path: "~/logs" });
    s.ok("write_file", { path: "~/logs/app.log", content: "INFO start\nERROR disk full\nWARN slow\nerror: retry\nINFO done\n" });
    s.ok("write_file", { path: "~/logs/db.log", content: "ERROR timeout\nINFO ok\n" });
    s.ok("write_file", { path: "~/logs/notes.txt", content: "no errors here\n" });
    return s;
  }

  it("finds regex matches with line numbers", () => {
    const r = logs().ok("grep", { pattern: "^(ERROR|WARN) ", path: "~/logs/app.log" });
    expect(r.items).toEqual([
      { path: `${HOME}/logs/app.log`, line_number: 2, line: "ERROR disk full" },
      { path: `${HOME}/logs/app.log`, line_number: 3, line: "WARN slow" },
    ]);
  });

  it("supports ignore_case, fixed_strings, word_regexp and invert_match", () => {
    const s = logs();
    const lines = (args: Record<string, unknown>) => s.ok("grep", { path: "~/logs/app.log", ...args }).items.map((i: { line: string }) => i.line);
    expect(lines({ pattern: "error", ignore_case: true })).toEqual(["ERROR disk full", "error: retry"]);
    expect(lines({ pattern: "error:", fixed_strings: true })).toEqual(["error: retry"]);
    expect(lines({ pattern: "(", fixed_strings: true })).toEqual([]);
    expect(lines({ pattern: "INFO", invert_match: true })).toEqual(["ERROR disk full", "WARN slow", "error: retry"]);
    expect(s.ok("grep", { pattern: "error", path: "~/logs/notes.txt", word_regexp: true }).items).toEqual([]);
    expect(s.ok("grep", { pattern: "errors", path: "~/logs/notes.txt", word_regexp: true }).items).toHaveLength(1);
  });

  it("searches a directory recursively with include/exclude, file names only, or counts", () => {
    const s = logs();
    const r = s.ok("grep", { pattern: "ERROR", path: "~/logs", recursive: true });
    expect(r.items.map((i: { path: string; line_number: number }) => `${i.path.split("/").pop()}:${i.line_number}`)).toEqual(["app.log:2", "db.log:1"]);
    expect(r.files_searched).toBe(3);
    expect(s.ok("grep", { pattern: "ERROR", path: "~/logs", recursive: true, include: "db.*" }).items).toHaveLength(1);
    expect(s.ok("grep", { pattern: "ERROR", path: "~/logs", recursive: true, exclude: "db.*" }).items).toHaveLength(1);
    expect(s.ok("grep", { pattern: "rror", path: "~/logs", recursive: true, files_with_matches: true }).items).toEqual([
      { path: `${HOME}/logs/app.log` },
      { path: `${HOME}/logs/notes.txt` },
    ]);
    expect(s.ok("grep", { pattern: "INFO", path: "~/logs", recursive: true, count: true }).items).toEqual([
      { path: `${HOME}/logs/app.log`, count: 2 },
      { path: `${HOME}/logs/db.log`, count: 1 },
      { path: `${HOME}/logs/notes.txt`, count: 0 },
    ]);
    expect(s.ok("grep", { pattern: "INFO", path: "~/logs/app.log", max_count: 1 }).items).toHaveLength(1);
  });

  it("reports binary files and unreadable files instead of printing them", () => {
    const s = fresh();
    const r = s.ok("grep", { pattern: "placeholder", path: "/usr/bin", recursive: true });
    expect(r.items).toEqual([]);
    expect(r.binary_files_matched).toContain("Binary file /usr/bin/ls matches");
    const e = s.ok("grep", { pattern: "root", path: "/etc", recursive: true });
    expect(e.errors).toContain("grep: /etc/shadow: Permission denied");
    expect(e.items.some((i: { path: string }) => i.path === "/etc/passwd")).toBe(true);
  });

  it("requires recursive for directories and rejects unsafe or invalid patterns", () => {
    const s = logs();
    s.fails("grep", { pattern: "x", path: "~/logs" }, "failed_precondition", /Is a directory \(pass recursive: true/);
    s.fails("grep", { pattern: "(a)\\1", path: "~/logs/app.log" }, "invalid_argument", /backreferences/);
    s.fails("grep", { pattern: "a".repeat(201), path: "~/logs/app.log" }, "invalid_argument", /at most 200 are allowed/);
    s.fails("grep", { pattern: "(abc", path: "~/logs/app.log" }, "invalid_argument", /unmatched '\('/);
    s.fails("grep", { pattern: "(?=x)", path: "~/logs/app.log" }, "invalid_argument", /look-arounds/);
    s.fails("grep", { pattern: "((a{1,100}){1,100}){1,100}", path: "~/logs/app.log" }, "invalid_argument", /too complex/);
    s.fails("grep", { pattern: "x", path: "~/logs/app.log", count: true, files_with_matches: true }, "invalid_argument", /not both/);
    s.fails("grep", { pattern: "x", path: "/etc/shadow" }, "permission_denied");
  });

  it("matches catastrophic-backtracking patterns in linear time", () => {
    const s = fresh();
    s.ok("write_file", { path: "~/evil.txt", content: `${"a".repeat(30_000)}!\n` });
    const t0 = performance.now();
    expect(s.ok("grep", { pattern: "(a+)+$", path: "~/evil.txt" }).items).toHaveLength(0);
    expect(s.ok("grep", { pattern: "(a+)+!", path: "~/evil.txt" }).items).toHaveLength(1);
    expect(s.ok("grep", { pattern: "(a|a)*b", path: "~/evil.txt" }).items).toHaveLength(0);
    expect(s.ok("grep", { pattern: "a*a*a*a*a*a*a*a*a*a*b", path: "~/evil.txt" }).items).toHaveLength(0);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe("filesystem: sort, uniq, cut", () => {
  function csv(): TestSession {
    const s = fresh();
    s.ok("write_file", { path: "~/s.csv", content: "pear,3\napple,10\nBanana,2\napple,10\ncherry,1\n" });
    return s;
  }

  it("sort orders lines; by numeric key with a separator; reverse; unique; ignore_case", () => {
    const s = csv();
    const sorted = (args: Record<string, unknown>) => s.ok("sort", { path: "~/s.csv", ...args }).content;
    expect(sorted({})).toBe("Banana,2\napple,10\napple,10\ncherry,1\npear,3\n");
    expect(sorted({ ignore_case: true })).toBe("apple,10\napple,10\nBanana,2\ncherry,1\npear,3\n");
    expect(sorted({ key: 2, field_separator: ",", numeric: true })).toBe("cherry,1\nBanana,2\npear,3\napple,10\napple,10\n");
    expect(sorted({ key: 2, field_separator: ",", numeric: true, reverse: true, unique: true })).toBe("apple,10\npear,3\nBanana,2\ncherry,1\n");
    expect(s.ok("sort", { path: "~/s.csv", limit: 2 })).toMatchObject({ total_lines: 5, truncated: true, next_offset: 3 });
    s.fails("sort", { path: "~/nope.csv" }, "not_found");
  });

  it("uniq collapses adjacent repeats with counts; repeated / unique filters", () => {
    const s = fresh();
    s.ok("write_file", { path: "~/u.txt", content: "a\na\nb\nB\nc\nc\nc\n" });
    expect(s.ok("uniq", { path: "~/u.txt" }).items).toEqual([
      { line: "a", count: 2 },
      { line: "b", count: 1 },
      { line: "B", count: 1 },
      { line: "c", count: 3 },
    ]);
    expect(s.ok("uniq", { path: "~/u.txt", repeated: true }).items.map((i: { line: string }) => i.line)).toEqual(["a", "c"]);
    expect(s.ok("uniq", { path: "~/u.txt", unique: true }).items.map((i: { line: string }) => i.line)).toEqual(["b", "B"]);
    expect(s.ok("uniq", { path: "~/u.txt", ignore_case: true }).items).toEqual([
      { line: "a", count: 2 },
      { line: "b", count: 2 },
      { line: "c", count: 3 },
    ]);
    s.fails("uniq", { path: "~/u.txt", repeated: true, unique: true }, "invalid_argument", /choose one/);
  });

  it("cut selects fields or characters", () => {
    const s = csv();
    expect(s.ok("cut", { path: "~/s.csv", fields: "1", delimiter: "," }).content).toBe("pear\napple\nBanana\napple\ncherry\n");
    expect(s.ok("cut", { path: "~/s.csv", fields: "2-", delimiter: "," }).content).toBe("3\n10\n2\n10\n1\n");
    expect(s.ok("cut", { path: "~/s.csv", characters: "1-3" }).content).toBe("pea\napp\nBan\napp\nche\n");
    s.ok("write_file", { path: "~/mixed.txt", content: "a,b\nplain\n" });
    expect(s.ok("cut", { path: "~/mixed.txt", fields: "2", delimiter: ",", only_delimited: true }).content).toBe("b\n");
  });

  it("cut needs exactly one valid list", () => {
    const s = csv();
    s.fails("cut", { path: "~/s.csv" }, "invalid_argument", /exactly one of fields/);
    s.fails("cut", { path: "~/s.csv", fields: "1", characters: "1" }, "invalid_argument", /exactly one of fields/);
    s.fails("cut", { path: "~/s.csv", fields: "0", delimiter: "," }, "invalid_argument", /numbered from 1/);
    s.fails("cut", { path: "~/s.csv", fields: "3-1", delimiter: "," }, "invalid_argument", /invalid fields list/);
  });
});

describe("filesystem: diff, cmp, sha256sum", () => {
  it("diff of identical files is empty, not an error", () => {
    const s = withFixture();
    s.ok("cp", { source: "~/t/a.txt", destination: "~/t/copy.txt" });
    expect(s.ok("diff", { left: "~/t/a.txt", right: "~/t/copy.txt" })).toMatchObject({ identical: true, diff: "", added: 0, removed: 0 });
  });

  it("diff returns a unified diff with hunk headers", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/b.txt", content: "alpha\nBETA\ngamma\ndelta\n" });
    const r = s.ok("diff", { left: "~/t/a.txt", right: "~/t/b.txt" });
    expect(r).toMatchObject({ identical: false, added: 2, removed: 1, hunks: 1 });
    expect(r.diff.split("\n").slice(2).join("\n")).toBe("@@ -1,3 +1,4 @@\n alpha\n-beta\n+BETA\n gamma\n+delta\n");
    expect(r.diff).toMatch(new RegExp(`^--- ${HOME}/t/a.txt\t`));
    expect(s.ok("diff", { left: "~/t/a.txt", right: "~/t/b.txt", ignore_case: true, context: 0 }).diff.split("\n").slice(2).join("\n")).toBe(
      "@@ -3,0 +4 @@\n+delta\n",
    );
  });

  it("diff compares directories recursively", () => {
    const s = withFixture();
    s.ok("cp", { source: "~/t", destination: "~/t2", recursive: true });
    expect(s.ok("diff", { left: "~/t", right: "~/t2" }).identical).toBe(true);
    s.ok("append_file", { path: "~/t2/sub/b.md", content: "more\n" });
    s.ok("rm", { path: "~/t2/a.txt" });
    s.ok("touch", { path: "~/t2/new.txt" });
    expect(s.ok("diff", { left: "~/t", right: "~/t2" })).toEqual({
      left: `${HOME}/t`,
      right: `${HOME}/t2`,
      identical: false,
      only_in_left: ["a.txt"],
      only_in_right: ["new.txt"],
      differing: ["sub/b.md"],
    });
  });

  it("diff refuses a file against a directory, and files too different to compare", () => {
    const s = withFixture();
    s.fails("diff", { left: "~/t", right: "~/t/a.txt" }, "failed_precondition", /cannot compare the directory/);
    s.ok("write_file", { path: "~/x1", content: Array.from({ length: 2100 }, (_, i) => `a${i}`).join("\n") });
    s.ok("write_file", { path: "~/x2", content: Array.from({ length: 2100 }, (_, i) => `b${i}`).join("\n") });
    s.fails("diff", { left: "~/x1", right: "~/x2" }, "limit_exceeded", /too many lines/);
  });

  it("cmp finds the first differing byte and line, or EOF", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/b.txt", content: "alpha\nbeta\ngamma\n" });
    expect(s.ok("cmp", { left: "~/t/a.txt", right: "~/t/b.txt" })).toEqual({ left: `${HOME}/t/a.txt`, right: `${HOME}/t/b.txt`, identical: true });
    s.ok("write_file", { path: "~/t/b.txt", content: "alpha\nbetA\n" });
    expect(s.ok("cmp", { left: "~/t/a.txt", right: "~/t/b.txt" })).toMatchObject({ identical: false, byte: 10, line: 2 });
    s.ok("write_file", { path: "~/t/b.txt", content: "alpha\n" });
    expect(s.ok("cmp", { left: "~/t/a.txt", right: "~/t/b.txt" })).toMatchObject({ identical: false, eof_on: `${HOME}/t/b.txt`, byte: 7 });
    s.fails("cmp", { left: "~/t", right: "~/t/a.txt" }, "failed_precondition", /Is a directory/);
  });

  it("sha256sum hashes file content", () => {
    const s = fresh();
    s.ok("write_file", { path: "~/h.txt", content: "hello\n" });
    expect(s.ok("sha256sum", { paths: ["~/h.txt"] }).files).toEqual([
      { path: `${HOME}/h.txt`, sha256: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03" },
    ]);
    s.fails("sha256sum", { paths: ["~/nope"] }, "not_found");
  });
});

describe("filesystem: touch, mkdir, rmdir", () => {
  it("touch creates an empty file owned by the user, or updates the time", () => {
    const s = withFixture();
    const r = s.ok("touch", { path: "~/t/new.txt" });
    expect(r).toMatchObject({ path: `${HOME}/t/new.txt`, size: 0, mode: "644", owner: ME, created: true });
    expect(s.ok("touch", { path: "~/t/a.txt", date: "2025-12-24" })).toMatchObject({ created: false, modified_at: "2025-12-24T00:00:00Z", size: 17 });
    expect(s.ok("touch", { path: "~/t/ghost", no_create: true })).toMatchObject({ created: false, exists: false });
    expect(exists(s, "~/t/ghost")).toBe(false);
  });

  it("touch fails in a directory the user cannot write, on others' files with a date, and under missing parents", () => {
    const s = fresh();
    s.fails(
      "touch",
      { path: "/etc/new.conf" },
      "permission_denied",
      /touch: cannot touch '\/etc\/new\.conf': Permission denied \(directory \/etc is owned by root:root with mode 755/,
    );
    s.fails("touch", { path: "/tmp/.X11-unix", date: "2026-01-01" }, "permission_denied", /Operation not permitted \(only its owner, root/);
    s.fails("touch", { path: "~/no/such/file" }, "not_found", /no\/such does not exist|no does not exist/);
  });

  it("mkdir creates a directory; parents creates the chain; mode is applied", () => {
    const s = fresh();
    expect(s.ok("mkdir", { path: "~/a" })).toMatchObject({ path: `${HOME}/a`, kind: "dir", mode: "755", created: [`${HOME}/a`] });
    expect(s.ok("mkdir", { path: "~/x/y/z", parents: true, mode: "700" }).created).toEqual([`${HOME}/x`, `${HOME}/x/y`, `${HOME}/x/y/z`]);
    expect(stat(s, "~/x/y/z").mode).toBe("700");
    expect(s.ok("mkdir", { path: "~/x/y", parents: true }).created).toEqual([]);
  });

  it("mkdir of an existing path fails unless parents; missing parents and forbidden places fail", () => {
    const s = withFixture();
    s.fails("mkdir", { path: "~/t" }, "already_exists", /mkdir: cannot create directory '.*\/t': File exists \(it is a directory; pass parents: true/);
    s.fails("mkdir", { path: "~/t/a.txt", parents: true }, "already_exists", /File exists/);
    s.fails("mkdir", { path: "~/t/a.txt/x", parents: true }, "failed_precondition", /Not a directory/);
    s.fails("mkdir", { path: "~/q/r" }, "not_found", /pass parents: true to create missing parents/);
    s.fails("mkdir", { path: "/etc/myapp" }, "permission_denied", /Permission denied/);
  });

  it("rmdir removes an empty directory", () => {
    const s = withFixture();
    s.ok("mkdir", { path: "~/t/empty" });
    expect(s.ok("rmdir", { path: "~/t/empty" })).toEqual({ removed: `${HOME}/t/empty` });
    expect(exists(s, "~/t/empty")).toBe(false);
  });

  it("rmdir of a non-empty directory, a file, the root or a protected directory fails", () => {
    const s = withFixture();
    expect(s.fails("rmdir", { path: "~/t" }, "failed_precondition").message).toBe(
      `rmdir: failed to remove '${HOME}/t': Directory not empty (it holds 2 entries: a.txt, sub; use rm with recursive: true to delete it with its contents)`,
    );
    s.fails("rmdir", { path: "~/t/a.txt" }, "failed_precondition", /Not a directory/);
    s.fails("rmdir", { path: "/" }, "invalid_argument", /Device or resource busy/);
    s.fails("rmdir", { path: "/mnt" }, "permission_denied", /directory \/ is owned by root/);
  });
});

describe("filesystem: rm", () => {
  it("removes a file, and a directory tree with recursive", () => {
    const s = withFixture();
    expect(s.ok("rm", { path: "~/t/a.txt" })).toEqual({ removed: [`${HOME}/t/a.txt`], count: 1 });
    expect(s.ok("rm", { path: "~/t", recursive: true })).toEqual({ removed: [`${HOME}/t`], count: 3 });
    expect(exists(s, "~/t")).toBe(false);
    expect(exists(s, "~/t/sub/b.md")).toBe(false);
  });

  it("rm of a non-empty directory without recursive fails", () => {
    withFixture().fails(
      "rm",
      { path: "~/t" },
      "failed_precondition",
      /rm: cannot remove '.*\/t': Is a directory \(pass recursive: true to delete it and its 3 entries/,
    );
  });

  it("force ignores a missing path; without it the path must exist", () => {
    const s = fresh();
    expect(s.ok("rm", { path: "~/nothing", force: true })).toEqual({ removed: [], count: 0 });
    s.fails("rm", { path: "~/nothing" }, "not_found", /rm: cannot remove/);
  });

  it("a write-protected file needs force (seeded read-only contracts)", () => {
    const s = fresh();
    const contract = s.ok("find", { path: "~/Documents/Contracts", name: "nda-*" }).items[0].path as string;
    expect(stat(s, contract).mode).toBe("444");
    s.fails("rm", { path: contract }, "failed_precondition", /write-protected regular file \(mode 444, -r--r--r--; pass force: true/);
    s.fails("rm", { path: "~/Documents/Contracts", recursive: true }, "failed_precondition", /write-protected/);
    expect(s.ok("rm", { path: contract, force: true }).count).toBe(1);
  });

  it("refuses '/', '.' and '..'", () => {
    const s = withFixture();
    s.fails("rm", { path: "/", recursive: true }, "invalid_argument", /dangerous to operate recursively on '\/'/);
    s.fails("rm", { path: ".", recursive: true }, "invalid_argument", /refusing to remove '\.' or '\.\.'/);
    s.fails("rm", { path: "~/t/..", recursive: true }, "invalid_argument", /refusing to remove/);
  });

  it("cannot remove entries of directories the user may not write, nor others' files in sticky /tmp", () => {
    const s = fresh();
    s.fails(
      "rm",
      { path: "/etc/hosts", force: true },
      "permission_denied",
      /rm: cannot remove '\/etc\/hosts': Permission denied \(directory \/etc is owned by root:root/,
    );
    const build = s.ok("find", { path: "/tmp", name: "build-*" }).items[0].path as string;
    s.fails("rm", { path: build }, "permission_denied", /\/tmp is sticky \(mode 1777\): only an entry's owner may remove or rename it/);
    expect(s.ok("rm", { path: "/tmp/scratch.txt" }).count).toBe(1);
  });

  it("rm of a link removes the link, not its target", () => {
    const s = fresh();
    const target = s.ok("realpath", { path: "~/current-project" }).path;
    s.ok("rm", { path: "~/current-project", recursive: true });
    expect(exists(s, "~/current-project")).toBe(false);
    expect(exists(s, target)).toBe(true);
  });
});

describe("filesystem: cp", () => {
  it("copies a file; into an existing directory under the same name", () => {
    const s = withFixture();
    expect(s.ok("cp", { source: "~/t/a.txt", destination: "~/t/a2.txt" })).toMatchObject({ path: `${HOME}/t/a2.txt`, copied: 1, owner: ME });
    expect(cat(s, "~/t/a2.txt")).toBe("alpha\nbeta\ngamma\n");
    expect(s.ok("cp", { source: "~/t/a.txt", destination: "~/t/sub" }).path).toBe(`${HOME}/t/sub/a.txt`);
    expect(cat(s, "~/t/sub/a.txt")).toBe("alpha\nbeta\ngamma\n");
  });

  it("copies a directory tree with recursive", () => {
    const s = withFixture();
    expect(s.ok("cp", { source: "~/t", destination: "/tmp/backup", recursive: true })).toMatchObject({ path: "/tmp/backup", copied: 4 });
    expect(cat(s, "/tmp/backup/sub/b.md")).toBe("# Title\nsome text\n");
    expect(s.ok("cp", { source: "~/t", destination: "/tmp/backup", recursive: true }).path).toBe("/tmp/backup/t");
  });

  it("overwrites a file keeping its mode; no_clobber skips; preserve keeps mode and time", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/dst.txt", content: "old\n" });
    s.ok("chmod", { path: "~/t/dst.txt", mode: "600" });
    expect(s.ok("cp", { source: "~/t/a.txt", destination: "~/t/dst.txt", no_clobber: true })).toMatchObject({ skipped: true, copied: 0 });
    expect(cat(s, "~/t/dst.txt")).toBe("old\n");
    s.ok("cp", { source: "~/t/a.txt", destination: "~/t/dst.txt" });
    expect(cat(s, "~/t/dst.txt")).toBe("alpha\nbeta\ngamma\n");
    expect(stat(s, "~/t/dst.txt").mode).toBe("600");
    s.ok("touch", { path: "~/t/a.txt", date: "2025-01-02T03:04:05Z" });
    s.ok("chmod", { path: "~/t/a.txt", mode: "640" });
    expect(s.ok("cp", { source: "~/t/a.txt", destination: "~/t/p.txt", preserve: true })).toMatchObject({ mode: "640", modified_at: "2025-01-02T03:04:05Z" });
  });

  it("a directory without recursive, onto itself, or into its own subtree fails", () => {
    const s = withFixture();
    s.fails(
      "cp",
      { source: "~/t", destination: "~/t3" },
      "failed_precondition",
      /cp: -r not specified; omitting directory '.*\/t' \(pass recursive: true to copy it with its 3 entries\)/,
    );
    s.fails("cp", { source: "~/t/a.txt", destination: "~/t/a.txt" }, "invalid_argument", /are the same file/);
    s.fails("cp", { source: "~/t/a.txt", destination: "~/t" }, "invalid_argument", /are the same file/);
    s.fails(
      "cp",
      { source: "~/t", destination: "~/t/sub", recursive: true },
      "invalid_argument",
      /cannot copy a directory, '.*\/t', into itself, '.*\/t\/sub\/t'/,
    );
  });

  it("unreadable sources, unwritable destinations and type clashes fail", () => {
    const s = withFixture();
    s.fails("cp", { source: "/etc/shadow", destination: "~/shadow" }, "permission_denied", /cannot open '\/etc\/shadow' for reading/);
    s.fails("cp", { source: "~/t/a.txt", destination: "/etc/a.txt" }, "permission_denied", /cp: cannot create regular file '\/etc\/a\.txt': Permission denied/);
    s.ok("mkdir", { path: "~/t/sub/a.txt" });
    s.fails("cp", { source: "~/t/a.txt", destination: "~/t/sub" }, "failed_precondition", /cannot overwrite directory/);
    s.fails("cp", { source: "~/t/sub", destination: "~/t/a.txt", recursive: true }, "failed_precondition", /cannot overwrite non-directory/);
    s.fails("cp", { source: "~/nope", destination: "~/x" }, "not_found", /cp: cannot stat/);
  });
});

describe("filesystem: mv", () => {
  it("renames a file and moves it into a directory", () => {
    const s = withFixture();
    expect(s.ok("mv", { source: "~/t/a.txt", destination: "~/t/renamed.txt" })).toMatchObject({ path: `${HOME}/t/renamed.txt`, moved: 1 });
    expect(exists(s, "~/t/a.txt")).toBe(false);
    expect(s.ok("mv", { source: "~/t/renamed.txt", destination: "~/t/sub" }).path).toBe(`${HOME}/t/sub/renamed.txt`);
    expect(cat(s, "~/t/sub/renamed.txt")).toBe("alpha\nbeta\ngamma\n");
  });

  it("moves a directory with everything in it, keeps times, and the shell follows a moved cwd", () => {
    const s = withFixture();
    const before = stat(s, "~/t/sub/b.md").modified_at;
    s.ok("cd", { path: "~/t/sub" });
    expect(s.ok("mv", { source: "~/t", destination: "~/moved" }).moved).toBe(4);
    expect(stat(s, "~/moved/sub/b.md").modified_at).toBe(before);
    expect(exists(s, "~/t")).toBe(false);
    expect(s.ok("pwd").cwd).toBe(`${HOME}/moved/sub`);
  });

  it("replaces an existing file unless no_clobber; replaces an empty directory", () => {
    const s = withFixture();
    s.ok("write_file", { path: "~/t/other.txt", content: "other\n" });
    expect(s.ok("mv", { source: "~/t/other.txt", destination: "~/t/a.txt", no_clobber: true }).skipped).toBe(true);
    s.ok("mv", { source: "~/t/other.txt", destination: "~/t/a.txt" });
    expect(cat(s, "~/t/a.txt")).toBe("other\n");
    s.ok("mkdir", { path: "~/e1" });
    s.ok("mkdir", { path: "~/e2/e1", parents: true });
    expect(s.ok("mv", { source: "~/e1", destination: "~/e2" }).path).toBe(`${HOME}/e2/e1`);
  });

  it("onto itself, into its own subtree, or over a non-empty directory fails", () => {
    const s = withFixture();
    s.fails("mv", { source: "~/t/a.txt", destination: "~/t/a.txt" }, "invalid_argument", /are the same file/);
    s.fails("mv", { source: "~/t", destination: "~/t/sub" }, "invalid_argument", /cannot move '.*\/t' to a subdirectory of itself, '.*\/t\/sub\/t'/);
    s.ok("mkdir", { path: "~/d/t/x", parents: true });
    s.fails("mv", { source: "~/t", destination: "~/d" }, "failed_precondition", /Directory not empty/);
    s.ok("mkdir", { path: "~/d/t/a.txt" });
    s.fails("mv", { source: "~/t/a.txt", destination: "~/d/t" }, "failed_precondition", /cannot overwrite directory '.*\/d\/t\/a\.txt' with non-directory/);
  });

  it("needs write permission on both directories and respects sticky /tmp", () => {
    const s = withFixture();
    s.fails("mv", { source: "/etc/hosts", destination: "~/hosts" }, "permission_denied", /directory \/etc is owned by root/);
    s.fails("mv", { source: "~/t/a.txt", destination: "/usr/a.txt" }, "permission_denied", /directory \/usr is owned by root/);
    s.fails("mv", { source: "/tmp/.X11-unix", destination: "/tmp/x11" }, "permission_denied", /sticky/);
    s.fails("mv", { source: "~/nope", destination: "~/x" }, "not_found");
  });
});

describe("filesystem: write_file, append_file, echo", () => {
  it("write_file creates and overwrites; append_file appends", () => {
    const s = fresh();
    expect(s.ok("write_file", { path: "~/w.txt", content: "one\n" })).toMatchObject({ path: `${HOME}/w.txt`, size: 4, mode: "644", owner: ME, created: true });
    expect(s.ok("write_file", { path: "~/w.txt", content: "two\n" })).toMatchObject({ size: 4, created: false });
    expect(s.ok("append_file", { path: "~/w.txt", content: "three\n" })).toMatchObject({ size: 10, appended_bytes: 6 });
    expect(cat(s, "~/w.txt")).toBe("two\nthree\n");
    expect(s.ok("append_file", { path: "~/w2.txt", content: "x" }).created).toBe(true);
  });

  it("write_file updates the modification time from the session clock", () => {
    const s = fresh();
    const r = s.ok("write_file", { path: "~/clock.txt", content: "x" });
    expect(r.modified_at).toBe(WORLD.now);
    expect(s.ok("write_file", { path: "~/clock.txt", content: "y" }).modified_at).toBe(WORLD.now.replace("09:00:00", "09:01:00"));
  });

  it("no write to a read-only file (seeded 444 annual review), to a directory, or where the user lacks permission", () => {
    const s = fresh();
    const review = s.ok("find", { path: "~/Documents/Reports", name: "*FINAL*" }).items[0].path as string;
    s.fails(
      "write_file",
      { path: review, content: "edited" },
      "permission_denied",
      /mode 444 \(-r--r--r--\); .* is its owner and may only read it; run chmod with mode u\+w/,
    );
    s.fails("append_file", { path: review, content: "edited" }, "permission_denied");
    s.fails("write_file", { path: "~/Documents", content: "x" }, "failed_precondition", /Is a directory/);
    s.fails("write_file", { path: "/etc/hosts", content: "x" }, "permission_denied", /owned by root:root with mode 644/);
    s.fails("write_file", { path: "/usr/local/bin/tool", content: "x" }, "permission_denied");
    s.fails("write_file", { path: "~/missing/dir/f.txt", content: "x" }, "not_found");
  });

  it("group permissions apply: the user may write group-writable files in /srv/team, not 644 ones", () => {
    const s = fresh();
    expect(s.ok("append_file", { path: "/srv/team/shared-budget.csv", content: "Laptop stand,me,80,requested\n" }).created).toBe(false);
    s.fails("append_file", { path: "/srv/team/oncall-schedule.txt", content: "x" }, "permission_denied", /may only read it/);
    expect(s.ok("write_file", { path: "/srv/team/notes.md", content: "hi\n" }).owner).toBe(ME);
  });

  it("a file holds at most 1 MiB", () => {
    const s = fresh();
    const chunk = "x".repeat(60_000);
    for (let i = 0; i < 17; i++) s.ok("append_file", { path: "~/big.txt", content: chunk });
    s.fails("append_file", { path: "~/big.txt", content: chunk }, "limit_exceeded", /File too large/);
    expect(stat(s, "~/big.txt").size).toBe(17 * 60_000);
  });

  it("echo prints, overwrites with > and appends with >>", () => {
    const s = fresh();
    expect(s.ok("echo", { text: "hi" })).toEqual({ output: "hi\n" });
    expect(s.ok("echo", { text: "hi", newline: false })).toEqual({ output: "hi" });
    expect(s.ok("echo", { text: "first", file: "~/e.txt" })).toMatchObject({ path: `${HOME}/e.txt`, size: 6, created: true });
    s.ok("echo", { text: "second", file: "~/e.txt", append: true });
    expect(cat(s, "~/e.txt")).toBe("first\nsecond\n");
    s.ok("echo", { text: "third", file: "~/e.txt" });
    expect(cat(s, "~/e.txt")).toBe("third\n");
    s.fails("echo", { text: "x", file: "/etc/motd" }, "permission_denied");
  });
});

describe("filesystem: ln", () => {
  it("creates a symbolic link that reads through to its target", () => {
    const s = withFixture();
    expect(s.ok("ln", { target: "sub/b.md", link_name: "~/t/link.md" })).toMatchObject({
      path: `${HOME}/t/link.md`,
      kind: "symlink",
      target: "sub/b.md",
      resolved: `${HOME}/t/sub/b.md`,
      permissions: "lrwxrwxrwx",
    });
    expect(cat(s, "~/t/link.md")).toBe("# Title\nsome text\n");
    s.ok("write_file", { path: "~/t/link.md", content: "via link\n" });
    expect(cat(s, "~/t/sub/b.md")).toBe("via link\n");
  });

  it("puts the link inside an existing directory; defaults to the target's name", () => {
    const s = withFixture();
    expect(s.ok("ln", { target: "/etc/hosts", link_name: "~/t/sub" }).path).toBe(`${HOME}/t/sub/hosts`);
    s.ok("cd", { path: "~/t" });
    expect(s.ok("ln", { target: "/etc/hostname" }).path).toBe(`${HOME}/t/hostname`);
  });

  it("an existing name fails unless force; a directory is never replaced", () => {
    const s = withFixture();
    s.fails("ln", { target: "x", link_name: "~/t/a.txt" }, "already_exists", /File exists \(it is a regular file; pass force: true/);
    expect(s.ok("ln", { target: "sub/b.md", link_name: "~/t/a.txt", force: true }).kind).toBe("symlink");
    s.fails("ln", { target: "/etc", link_name: "/etc/mylink" }, "permission_denied");
    s.fails("ln", { target: "/" }, "invalid_argument", /give link_name/);
  });
});

describe("filesystem: chmod, chown", () => {
  it("chmod sets octal and symbolic modes, recursively", () => {
    const s = withFixture();
    expect(s.ok("chmod", { path: "~/t/a.txt", mode: "600" })).toEqual({
      path: `${HOME}/t/a.txt`,
      previous_mode: "644",
      mode: "600",
      permissions: "-rw-------",
      changed: 1,
    });
    expect(s.ok("chmod", { path: "~/t/a.txt", mode: "u+x,go+r" }).mode).toBe("744");
    expect(s.ok("chmod", { path: "~/t/a.txt", mode: "a=r" }).mode).toBe("444");
    expect(s.ok("chmod", { path: "~/t", mode: "go-rwx", recursive: true }).changed).toBe(4);
    expect(stat(s, "~/t/sub/b.md").mode).toBe("600");
    expect(s.ok("chmod", { path: "~/t/sub", mode: "1777" }).permissions).toBe("drwxrwxrwt");
  });

  it("chmod on a file the user does not own fails; an invalid mode fails", () => {
    const s = withFixture();
    expect(s.fails("chmod", { path: "/etc/hosts", mode: "666" }, "permission_denied").message).toBe(
      `chmod: changing permissions of '/etc/hosts': Operation not permitted (it is owned by root; only the owner may change its mode, and ${ME} owns the files under ${HOME})`,
    );
    s.fails("chmod", { path: "~/t/a.txt", mode: "rwx" }, "invalid_argument", /invalid mode: 'rwx'/);
    s.fails("chmod", { path: "~/t/a.txt", mode: "999" }, "invalid_argument");
    s.fails("chmod", { path: "~/t/none", mode: "644" }, "not_found");
  });

  it("chmod 000 on a directory locks the user out until they chmod it back", () => {
    const s = withFixture();
    s.ok("chmod", { path: "~/t/sub", mode: "000" });
    s.fails("cat", { path: "~/t/sub/b.md" }, "permission_denied", /is its owner and may not use it at all; run chmod with mode u\+x/);
    s.ok("chmod", { path: "~/t/sub", mode: "755" });
    expect(cat(s, "~/t/sub/b.md")).toBe("# Title\nsome text\n");
  });

  it("chown may change the group of own files to one of the user's groups", () => {
    const s = withFixture();
    expect(s.ok("chown", { path: "~/t", group: "developers", recursive: true })).toEqual({ path: `${HOME}/t`, owner: ME, group: "developers", changed: 4 });
    expect(stat(s, "~/t/sub/b.md").group).toBe("developers");
    expect(s.ok("chown", { path: "~/t/a.txt", owner: ME }).changed).toBe(0);
  });

  it("chown to another user, to a foreign group, of others' files, or with unknown names fails", () => {
    const s = withFixture();
    s.fails("chown", { path: "~/t/a.txt", owner: "root" }, "permission_denied", /only root can give a file to another user/);
    s.fails("chown", { path: "~/t/a.txt", group: "adm" }, "permission_denied", /is not in group adm; their groups are/);
    s.fails("chown", { path: "/srv/team/onboarding.md", group: "sudo" }, "permission_denied", /only its owner may change its group/);
    s.fails("chown", { path: "~/t/a.txt", owner: "nobody-here" }, "invalid_argument", /invalid user: 'nobody-here' \(known users: root, daemon/);
    s.fails("chown", { path: "~/t/a.txt", group: "wheel" }, "invalid_argument", /invalid group: 'wheel'/);
    s.fails("chown", { path: "~/t/a.txt" }, "invalid_argument", /give owner, group or both/);
  });
});

describe("filesystem: truncate, replace_in_file, mktemp", () => {
  it("truncate shrinks, empties and extends with NUL bytes", () => {
    const s = withFixture();
    expect(s.ok("truncate", { path: "~/t/a.txt", size: 5 })).toMatchObject({ size: 5, previous_size: 17 });
    expect(cat(s, "~/t/a.txt")).toBe("alpha");
    expect(s.ok("truncate", { path: "~/t/a.txt", size: 8 }).size).toBe(8);
    expect(cat(s, "~/t/a.txt")).toBe("alpha\u0000\u0000\u0000");
    expect(s.ok("truncate", { path: "~/t/new.log", size: 0 })).toMatchObject({ size: 0, created: true });
    expect(s.ok("truncate", { path: "~/t/none.log", size: 0, no_create: true })).toMatchObject({ created: false, exists: false });
  });

  it("truncate of a read-only file or a directory fails", () => {
    const s = withFixture();
    s.ok("chmod", { path: "~/t/a.txt", mode: "444" });
    s.fails("truncate", { path: "~/t/a.txt", size: 0 }, "permission_denied");
    s.fails("truncate", { path: "~/t/sub", size: 0 }, "failed_precondition", /Is a directory/);
    s.fails("truncate", { path: "/var/log/syslog", size: 0 }, "permission_denied", /owned by syslog:adm/);
  });

  it("replace_in_file replaces one exact occurrence, or all of them", () => {
    const s = withFixture();
    expect(s.ok("replace_in_file", { path: "~/t/a.txt", old_text: "beta", new_text: "BETA" })).toMatchObject({ replacements: 1, lines: [2], size: 17 });
    expect(cat(s, "~/t/a.txt")).toBe("alpha\nBETA\ngamma\n");
    expect(s.ok("replace_in_file", { path: "~/t/a.txt", old_text: "a\n", new_text: "a!\n", all: true })).toMatchObject({ replacements: 2, lines: [1, 3] });
    expect(cat(s, "~/t/a.txt")).toBe("alpha!\nBETA\ngamma!\n");
  });

  it("replace_in_file fails when the text is missing, ambiguous, or the file read-only", () => {
    const s = withFixture();
    s.fails("replace_in_file", { path: "~/t/a.txt", old_text: "delta", new_text: "x" }, "not_found", /'delta' does not occur in .*a\.txt \(it has 4 lines/);
    s.fails(
      "replace_in_file",
      { path: "~/t/a.txt", old_text: "a", new_text: "x" },
      "failed_precondition",
      /'a' occurs 5 times in .*\(lines 1, 2, 3\); pass all: true/,
    );
    s.fails("replace_in_file", { path: "/etc/hosts", old_text: "localhost", new_text: "x" }, "permission_denied");
    s.fails("replace_in_file", { path: "~/t", old_text: "a", new_text: "x" }, "failed_precondition", /Is a directory/);
  });

  it("mktemp creates unique private files and directories", () => {
    const s = fresh();
    const f = s.ok("mktemp", {});
    expect(f.path).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}$/);
    expect(f).toMatchObject({ kind: "file", mode: "600", owner: ME, size: 0 });
    const d = s.ok("mktemp", { directory: true, template: "build.XXXXXX", dir: "~" });
    expect(d.path).toMatch(new RegExp(`^${HOME}/build\\.[A-Za-z0-9]{6}$`));
    expect(d).toMatchObject({ kind: "dir", mode: "700" });
    expect(s.ok("mktemp", {}).path).not.toBe(f.path);
  });

  it("mktemp rejects bad templates and directories the user cannot write", () => {
    const s = fresh();
    s.fails("mktemp", { template: "tmp.XX" }, "invalid_argument", /too few X's/);
    s.fails("mktemp", { template: "a/b.XXXX" }, "invalid_argument", /must not contain '\/'/);
    s.fails("mktemp", { dir: "/etc" }, "permission_denied");
    s.fails("mktemp", { dir: "~/nope" }, "not_found");
  });
});

describe("filesystem: tar archives", () => {
  it("tar_create packs a tree, tar_list lists it, tar_extract recreates it elsewhere", () => {
    const s = withFixture();
    s.ok("chmod", { path: "~/t/a.txt", mode: "600" });
    const a = s.ok("tar_create", { archive: "~/t.tar", paths: ["t"] });
    expect(a).toMatchObject({ path: `${HOME}/t.tar`, members: 4, files: 2 });
    expect(s.ok("file", { paths: ["~/t.tar"] }).results[0].type).toBe("POSIX tar archive");
    expect(s.ok("tar_list", { archive: "~/t.tar" }).items.map((m: { name: string; type: string }) => `${m.type}:${m.name}`)).toEqual([
      "directory:t",
      "file:t/a.txt",
      "directory:t/sub",
      "file:t/sub/b.md",
    ]);
    expect(s.ok("tar_extract", { archive: "~/t.tar", directory: "/tmp" })).toMatchObject({ path: "/tmp", extracted: 4 });
    expect(cat(s, "/tmp/t/sub/b.md")).toBe("# Title\nsome text\n");
    expect(stat(s, "/tmp/t/a.txt")).toMatchObject({ mode: "600", owner: ME });
    expect(s.ok("diff", { left: "~/t", right: "/tmp/t" }).identical).toBe(true);
  });

  it("tar_create names members relative to directory; tar_extract can pick members", () => {
    const s = withFixture();
    s.ok("tar_create", { archive: "/tmp/sub.tar", paths: ["~/t/sub"], directory: "~/t" });
    expect(s.ok("tar_list", { archive: "/tmp/sub.tar" }).items.map((m: { name: string }) => m.name)).toEqual(["sub", "sub/b.md"]);
    s.ok("tar_create", { archive: "/tmp/all.tar", paths: ["~/t"], directory: "/" });
    s.ok("mkdir", { path: "~/out" });
    expect(s.ok("tar_extract", { archive: "/tmp/all.tar", directory: "~/out", members: [`home/${ME}/t/sub`] }).extracted).toBe(2);
    expect(cat(s, `~/out/home/${ME}/t/sub/b.md`)).toBe("# Title\nsome text\n");
    s.fails("tar_extract", { archive: "/tmp/all.tar", directory: "~/out", members: ["nothing"] }, "not_found", /Not found in archive/);
  });

  it("tar_extract overwrites unless keep_old_files", () => {
    const s = withFixture();
    s.ok("tar_create", { archive: "~/t.tar", paths: ["t"] });
    s.ok("write_file", { path: "~/t/a.txt", content: "changed\n" });
    s.fails("tar_extract", { archive: "~/t.tar", keep_old_files: true }, "already_exists", /File exists/);
    expect(cat(s, "~/t/a.txt")).toBe("changed\n");
    s.ok("tar_extract", { archive: "~/t.tar" });
    expect(cat(s, "~/t/a.txt")).toBe("alpha\nbeta\ngamma\n");
  });

  it("refuses files that are not archives, members with '..', and unreadable sources", () => {
    const s = withFixture();
    s.fails("tar_list", { archive: "~/t/a.txt" }, "failed_precondition", /This does not look like a tar archive/);
    s.ok("write_file", { path: "~/bad.tar", content: "PROVE-TAR/1\n{not json" });
    s.fails("tar_extract", { archive: "~/bad.tar" }, "failed_precondition", /does not look like a tar archive/);
    s.ok("write_file", {
      path: "~/evil.tar",
      content: `PROVE-TAR/1\n${JSON.stringify({ members: [{ name: "../../etc/x", type: "file", mode: "644", modified_at: "2026-01-01T00:00:00Z", content: "x" }] })}`,
    });
    s.fails("tar_extract", { archive: "~/evil.tar", directory: "/tmp" }, "permission_denied", /contains '\.\.'; refusing to extract outside/);
    s.fails("tar_create", { archive: "~/etc.tar", paths: ["/etc"] }, "permission_denied", /\/etc\/shadow: Cannot open/);
    s.fails("tar_create", { archive: "/etc/t.tar", paths: ["~/t"] }, "permission_denied");
  });
});

describe("filesystem: disk limits", () => {
  it("runs out of inodes with 'No space left on device' and the failed copy leaves nothing behind", () => {
    const s = fresh();
    s.ok("mkdir", { path: "/tmp/fill" });
    let failed: { code: string; message: string } | undefined;
    for (let k = 0; k < 60 && !failed; k++) {
      const before = s.hash();
      const r = s.call("cp", { source: "~", destination: `/tmp/fill/c${k}`, recursive: true });
      if (r.outcome !== "ok") {
        failed = r.error as { code: string; message: string };
        expect(s.hash()).toBe(before);
        expect(exists(s, `/tmp/fill/c${k}`)).toBe(false);
      }
    }
    expect(failed?.code).toBe("limit_exceeded");
    expect(failed?.message).toMatch(
      /No space left on device \(all 5000 inodes would be used: \d+ in use, \d+ more needed; remove files you no longer need with rm\)/,
    );
    const df = s.ok("df", {});
    expect(df.inodes_used).toBeLessThanOrEqual(5000);
    expect(df.inodes_free).toBe(5000 - df.inodes_used);
  });

  it("runs out of bytes at 256 MiB", () => {
    const s = fresh();
    s.ok("mkdir", { path: "/tmp/A" });
    s.ok("mkdir", { path: "/tmp/B" });
    for (let i = 0; i < 17; i++) s.ok("append_file", { path: "/tmp/A/f", content: "x".repeat(60_000) });
    let failed: { code: string; message: string } | undefined;
    for (let k = 0; k < 30 && !failed; k++) {
      const [src, dst] = k % 2 ? ["/tmp/B", "/tmp/A"] : ["/tmp/A", "/tmp/B"];
      const r = s.call("cp", { source: src, destination: `${dst}/c${k}`, recursive: true });
      if (r.outcome !== "ok") failed = r.error as { code: string; message: string };
    }
    expect(failed?.code).toBe("limit_exceeded");
    expect(failed?.message).toMatch(/No space left on device \(the disk holds \d+M of 256M; this needs \d+M more; free space with rm or truncate\)/);
    expect(s.ok("df", {}).used.bytes).toBeLessThanOrEqual(268435456);
  });
});

describe("filesystem: more error paths", () => {
  it("tree of an unreadable directory, readlink of a missing path, rmdir of a missing path", () => {
    const s = fresh();
    s.fails("tree", { path: "/root" }, "permission_denied", /tree: cannot open directory '\/root'/);
    s.fails("readlink", { path: "~/nope" }, "not_found");
    s.fails("rmdir", { path: "~/nope" }, "not_found", /rmdir: failed to remove/);
  });

  it("touch of a file the user neither owns nor may write fails", () => {
    fresh().fails(
      "touch",
      { path: "/etc/hosts" },
      "permission_denied",
      /touch: cannot touch '\/etc\/hosts': Permission denied \(file \/etc\/hosts is owned by root:root with mode 644/,
    );
  });

  it("tar_extract will not replace a directory with a file, nor write where the user may not", () => {
    const s = withFixture();
    s.ok("tar_create", { archive: "~/t.tar", paths: ["t"] });
    s.ok("rm", { path: "~/t/a.txt" });
    s.ok("mkdir", { path: "~/t/a.txt" });
    s.fails("tar_extract", { archive: "~/t.tar" }, "failed_precondition", /Cannot replace the directory .*\/t\/a\.txt with a file/);
    s.fails("tar_extract", { archive: "~/t.tar", directory: "/etc" }, "permission_denied");
  });

  it("find rejects glob patterns longer than 255 characters", () => {
    fresh().fails("find", { name: "*".repeat(256) }, "invalid_argument", /at most 255 are allowed/);
  });

  it("paging past the end or with a forged cursor", () => {
    const s = fresh();
    s.fails("ls", { path: "/etc", cursor: "garbage!" }, "invalid_argument", /cursor .* is not valid/);
  });
});
