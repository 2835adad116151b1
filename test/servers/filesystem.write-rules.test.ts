/**
 * File system: the rules of the changing tools (cp into existing trees, chown's account lists,
 * touch, mktemp templates, trailing '.' operands, rm order) and of tar extraction into partial
 * trees, each with its expected outcome and wording written out.
 */
import { describe, expect, it } from "vitest";
import filesystem from "../../ts/servers/filesystem/index.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";
import { openSession, type TestSession } from "../helpers/session.ts";

const SEED = 7;
const ME = worldFor(SEED).user.handle;
const T = `/home/${ME}/t`;
const OWN = `${ME}:${ME}`;

function scratch(): TestSession {
  const s = openSession(filesystem, SEED);
  s.ok("mkdir", { path: "~/t" });
  return s;
}
const msg = (s: TestSession, tool: string, args: Record<string, unknown>, code: string) => s.fails(tool, args, code).message;
const cat = (s: TestSession, path: string): string => s.ok("cat", { path }).content;

describe("cp -r into an existing tree", () => {
  /** ~/t/d: sub/ and x ("abc"). */
  function src(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d/sub", parents: true });
    s.ok("write_file", { path: "~/t/d/x", content: "abc" });
    return s;
  }

  it("a file of the source onto a directory inside the destination is refused: cp: cannot overwrite directory ... with non-directory ...", () => {
    const s = src();
    s.ok("mkdir", { path: "~/t/e/d/x", parents: true });
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/e", recursive: true }, "failed_precondition")).toBe(
      `cp: cannot overwrite directory '${T}/e/d/x' with non-directory '${T}/d/x'`,
    );
  });

  it("a directory of the source onto a file inside the destination is refused: cp: cannot overwrite non-directory ... with directory ...", () => {
    const s = src();
    s.ok("mkdir", { path: "~/t/e/d", parents: true });
    s.ok("write_file", { path: "~/t/e/d/sub", content: "" });
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/e", recursive: true }, "failed_precondition")).toBe(
      `cp: cannot overwrite non-directory '${T}/e/d/sub' with directory '${T}/d/sub'`,
    );
  });

  it("overwriting a read-only file inside the destination is denied, unless no_clobber skips it (the old content stays, 2 entries copied)", () => {
    const s = src();
    s.ok("mkdir", { path: "~/t/e/d", parents: true });
    s.ok("write_file", { path: "~/t/e/d/x", content: "old" });
    s.ok("chmod", { path: "~/t/e/d/x", mode: "444" });
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/e", recursive: true }, "permission_denied")).toBe(
      `cp: cannot create regular file '${T}/e/d/x': Permission denied (file ${T}/e/d/x is owned by ${OWN} with mode 444 (-r--r--r--); ${ME} is its owner and may only read it; run chmod with mode u+w on ${T}/e/d/x first if you mean to overwrite it)`,
    );
    expect(s.ok("cp", { source: "~/t/d", destination: "~/t/e", recursive: true, no_clobber: true })).toMatchObject({
      path: `${T}/e/d`,
      kind: "dir",
      source: `${T}/d`,
      copied: 2,
    });
    expect(cat(s, "~/t/e/d/x")).toBe("old");
    expect(s.ok("stat", { path: "~/t/e/d/sub" }).kind).toBe("dir");
  });

  it("a writable existing file inside the destination is overwritten and keeps its mode; 3 entries are copied", () => {
    const s = src();
    s.ok("mkdir", { path: "~/t/e/d", parents: true });
    s.ok("write_file", { path: "~/t/e/d/x", content: "older and longer" });
    s.ok("chmod", { path: "~/t/e/d/x", mode: "600" });
    expect(s.ok("cp", { source: "~/t/d", destination: "~/t/e", recursive: true }).copied).toBe(3);
    expect(cat(s, "~/t/e/d/x")).toBe("abc");
    expect(s.ok("stat", { path: "~/t/e/d/x" })).toMatchObject({ size: 3, mode: "600" });
  });

  it("copying new entries into an existing directory needs w on it: cp: cannot create entries in ...", () => {
    const s = src();
    s.ok("mkdir", { path: "~/t/e/d", parents: true });
    s.ok("chmod", { path: "~/t/e/d", mode: "555" });
    expect(msg(s, "cp", { source: "~/t/d", destination: "~/t/e", recursive: true }, "permission_denied")).toBe(
      `cp: cannot create entries in '${T}/e/d': Permission denied (directory ${T}/e/d is owned by ${OWN} with mode 555 (dr-xr-xr-x); ${ME} is its owner and may only list and enter it; run chmod with mode u+w on ${T}/e/d first if you mean to copy into it)`,
    );
  });

  it("cp -r reads every directory (r and x) and file (r) of the source first: cannot access / cannot open ... for reading", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/u/a", parents: true });
    s.ok("chmod", { path: "~/t/u/a", mode: "600" });
    expect(msg(s, "cp", { source: "~/t/u", destination: "~/t/v", recursive: true }, "permission_denied")).toBe(
      `cp: cannot access '${T}/u/a' for reading: Permission denied (directory ${T}/u/a is owned by ${OWN} with mode 600 (drw-------); ${ME} is its owner and may only list and add or remove entries in it; run chmod with mode u+x on ${T}/u/a first if you mean to copy it)`,
    );
    s.ok("chmod", { path: "~/t/u/a", mode: "300" });
    expect(msg(s, "cp", { source: "~/t/u", destination: "~/t/v", recursive: true }, "permission_denied")).toBe(
      `cp: cannot access '${T}/u/a' for reading: Permission denied (directory ${T}/u/a is owned by ${OWN} with mode 300 (d-wx------); ${ME} is its owner and may only enter and add or remove entries in it; run chmod with mode u+r on ${T}/u/a first if you mean to copy it)`,
    );
    s.ok("chmod", { path: "~/t/u/a", mode: "700" });
    s.ok("write_file", { path: "~/t/u/a/f", content: "" });
    s.ok("chmod", { path: "~/t/u/a/f", mode: "200" });
    expect(msg(s, "cp", { source: "~/t/u", destination: "~/t/v", recursive: true }, "permission_denied")).toBe(
      `cp: cannot open '${T}/u/a/f' for reading: Permission denied (file ${T}/u/a/f is owned by ${OWN} with mode 200 (--w-------); ${ME} is its owner and may only write it; run chmod with mode u+r on ${T}/u/a/f first if you mean to copy it)`,
    );
    expect(msg(s, "tar_create", { archive: "~/t/a.tar", paths: ["~/t/u"] }, "permission_denied")).toBe(
      `tar: ${T}/u/a/f: Cannot open: Permission denied (file ${T}/u/a/f is owned by ${OWN} with mode 200 (--w-------); ${ME} is its owner and may only write it; run chmod with mode u+r on ${T}/u/a/f first if you mean to archive it)`,
    );
  });

  it("cp follows a link given as source unless recursive, which copies the link itself", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "abc" });
    s.ok("ln", { target: "f", link_name: "~/t/l" });
    expect(s.ok("cp", { source: "~/t/l", destination: "~/t/plain" })).toMatchObject({ kind: "file", size: 3, copied: 1 });
    expect(s.ok("cp", { source: "~/t/l", destination: "~/t/link", recursive: true })).toMatchObject({ kind: "symlink", target: "f", copied: 1 });
  });

  it("a destination link to a directory puts the copy inside that directory; a same-named link inside is replaced, not followed", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "new" });
    s.ok("mkdir", { path: "~/t/dir" });
    s.ok("ln", { target: "dir", link_name: "~/t/ld" });
    expect(s.ok("cp", { source: "~/t/f", destination: "~/t/ld" }).path).toBe(`${T}/dir/f`);
    s.ok("write_file", { path: "~/t/g", content: "keep" });
    s.ok("mkdir", { path: "~/t/in" });
    s.ok("ln", { target: "../g", link_name: "~/t/in/f" });
    expect(s.ok("cp", { source: "~/t/f", destination: "~/t/in" })).toMatchObject({ path: `${T}/in/f`, kind: "file", size: 3 });
    expect(cat(s, "~/t/g")).toBe("keep");
  });
});

describe("chown, touch and mktemp", () => {
  it("chown names the known users (from /etc/passwd) and groups (from /etc/group) when given an unknown one", () => {
    const s = scratch();
    expect(msg(s, "chown", { path: "~/t", owner: "nobodyx" }, "invalid_argument")).toBe(
      `chown: invalid user: 'nobodyx' (known users: root, daemon, bin, sys, www-data, syslog, sshd, ${ME}, helena.kowalski, freya.park)`,
    );
    expect(msg(s, "chown", { path: "~/t", group: "nogroupx" }, "invalid_argument")).toBe(
      `chown: invalid group: 'nogroupx' (known groups: root, adm, sudo, www-data, shadow, ${ME}, helena.kowalski, freya.park, developers)`,
    );
  });

  it("touch without a date needs write permission on another user's file; the owner may touch their own read-only file", () => {
    const s = scratch();
    expect(msg(s, "touch", { path: "/etc/hosts" }, "permission_denied")).toBe(
      `touch: cannot touch '/etc/hosts': Permission denied (file /etc/hosts is owned by root:root with mode 644 (-rw-r--r--); ${ME} is neither its owner nor in its group and may only read it; ${ME} can write under /home/${ME} and /tmp instead)`,
    );
    s.ok("write_file", { path: "~/t/ro", content: "x" });
    s.ok("chmod", { path: "~/t/ro", mode: "444" });
    expect(s.ok("touch", { path: "~/t/ro" })).toMatchObject({ created: false, mode: "444", size: 1 });
  });

  it("mktemp needs the X's at the very end ('XXXa' is refused) and suggests tmp for an empty template", () => {
    const s = scratch();
    expect(msg(s, "mktemp", { template: "XXXa" }, "invalid_argument")).toBe(
      "mktemp: too few X's in template 'XXXa' (end it with at least 3 X's, e.g. XXXa.XXXXXX)",
    );
    expect(msg(s, "mktemp", { template: "" }, "invalid_argument")).toBe("mktemp: too few X's in template '' (end it with at least 3 X's, e.g. tmp.XXXXXX)");
  });

  it("mktemp replaces only the trailing run of X's: XXXXaXXX keeps 'XXXXa' and fills 3 characters", () => {
    const s = scratch();
    const name = s.ok("mktemp", { template: "XXXXaXXX", dir: "~/t" }).path.slice(T.length + 1);
    expect(name).toMatch(/^XXXXa[A-Za-z0-9]{3}$/);
    expect(name.slice(5)).not.toBe("XXX");
  });

  it("mktemp in a missing directory names the file or directory it would have made from the template", () => {
    const s = scratch();
    expect(msg(s, "mktemp", { dir: "~/t/nope" }, "not_found")).toMatch(
      /^mktemp: failed to create file via template '\/home\/[^/]+\/t\/nope\/tmp\.XXXXXXXXXX': No such file or directory/,
    );
    expect(msg(s, "mktemp", { directory: true, dir: "~/t/nope", template: "r.XXX" }, "not_found")).toMatch(
      /^mktemp: failed to create directory via template '\/home\/[^/]+\/t\/nope\/r\.XXX': No such file or directory/,
    );
  });
});

describe("trailing '.' operands and rm's order", () => {
  it("'d/.//' names '.', however many slashes follow: rm, rmdir and mv refuse it", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    expect(msg(s, "rm", { path: "~/t/d/.//", recursive: true }, "invalid_argument")).toBe(
      `rm: refusing to remove '.' or '..' directory: skipping '~/t/d/.//' (name the directory itself, e.g. ${T}/d)`,
    );
    expect(msg(s, "rmdir", { path: "~/t/d/.//" }, "invalid_argument")).toBe(
      `rmdir: failed to remove '${T}/d': Invalid argument (name the directory itself, not '.' or '..')`,
    );
    expect(msg(s, "mv", { source: "~/t/d/.//", destination: "~/t/zz" }, "invalid_argument")).toBe(
      `mv: cannot move '${T}/d': Device or resource busy (name a path below it, not '/', '.' or '..')`,
    );
  });

  it("rmdir of a link says it is a symbolic link", () => {
    const s = scratch();
    s.ok("ln", { target: "x", link_name: "~/t/lx" });
    expect(msg(s, "rmdir", { path: "~/t/lx" }, "failed_precondition")).toBe(
      `rmdir: failed to remove '${T}/lx': Not a directory (it is a symbolic link; remove it with rm)`,
    );
  });

  it("rm -r of an empty directory needs no r or x on it (mode 000 is removed)", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/e" });
    s.ok("chmod", { path: "~/t/e", mode: "000" });
    expect(s.ok("rm", { path: "~/t/e", recursive: true })).toEqual({ removed: [`${T}/e`], count: 1 });
  });

  it("rm -r checks entries in path order: of write-protected b (made first) and a, a is named", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    for (const n of ["b", "a"]) {
      s.ok("write_file", { path: `~/t/d/${n}`, content: "" });
      s.ok("chmod", { path: `~/t/d/${n}`, mode: "444" });
    }
    expect(msg(s, "rm", { path: "~/t/d", recursive: true }, "failed_precondition")).toBe(
      `rm: cannot remove '${T}/d/a': write-protected regular file (mode 444, -r--r--r--; pass force: true to remove it anyway)`,
    );
  });

  it("rm -r needs w on every directory it empties below the top: an entry of a 500 directory cannot be removed", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d/sub", parents: true });
    s.ok("write_file", { path: "~/t/d/sub/f", content: "" });
    s.ok("chmod", { path: "~/t/d/sub", mode: "500" });
    expect(msg(s, "rm", { path: "~/t/d", recursive: true, force: true }, "permission_denied")).toMatch(
      new RegExp(`^rm: cannot remove '${T}/d/sub/f': Permission denied \\(directory ${T}/d/sub is owned by ${OWN} with mode 500`),
    );
  });
});

describe("tar extraction into partial trees", () => {
  /** ~/t/x.tar holds only src/a.txt ("abc") and src/sub/b.txt ("b"), without entries for the directories. */
  function packed(): TestSession {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/src/sub", parents: true });
    s.ok("write_file", { path: "~/t/src/a.txt", content: "abc" });
    s.ok("write_file", { path: "~/t/src/sub/b.txt", content: "b" });
    expect(s.ok("tar_create", { archive: "~/t/x.tar", paths: ["~/t/src/a.txt", "~/t/src/sub/b.txt"], directory: "~/t" })).toMatchObject({
      members: 2,
      files: 2,
    });
    s.ok("mkdir", { path: "~/t/out" });
    return s;
  }

  it("a member named as a directory selects what is below it even without its own entry; the missing directories are made", () => {
    const s = packed();
    expect(s.ok("tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["src"] })).toEqual({
      path: `${T}/out`,
      archive: `${T}/x.tar`,
      extracted: 2,
      paths: [`${T}/out/src/a.txt`, `${T}/out/src/sub/b.txt`],
    });
    expect(s.ok("stat", { path: "~/t/out/src/sub" })).toMatchObject({ kind: "dir", mode: "755" });
    expect(cat(s, "~/t/out/src/sub/b.txt")).toBe("b");
  });

  it("a file where a member's directory should be fails: tar: <member>: Cannot open: Not a directory (... is a regular file / symbolic link)", () => {
    const s = packed();
    s.ok("write_file", { path: "~/t/out/src", content: "" });
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["src/a.txt"] }, "failed_precondition")).toBe(
      `tar: src/a.txt: Cannot open: Not a directory (${T}/out/src is a regular file)`,
    );
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["src/sub/b.txt"] }, "failed_precondition")).toBe(
      `tar: src/sub/b.txt: Cannot open: Not a directory (${T}/out/src is a regular file)`,
    );
    s.ok("rm", { path: "~/t/out/src" });
    s.ok("ln", { target: "/nowhere", link_name: "~/t/out/src" });
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["src/a.txt"] }, "failed_precondition")).toBe(
      `tar: src/a.txt: Cannot open: Not a directory (${T}/out/src is a symbolic link)`,
    );
    expect(msg(s, "tar_extract", { archive: "~/t/x.tar", directory: "~/t/out", members: ["src/sub/b.txt"] }, "failed_precondition")).toBe(
      `tar: src/sub/b.txt: Cannot open: Not a directory (${T}/out/src is a symbolic link)`,
    );
  });

  it("members without content or target extract as an empty file and a link to '' (sizes 0 in tar_list); a link cannot replace a directory", () => {
    const s = scratch();
    const manifest = {
      members: [
        { name: "e", type: "file", mode: "640", modified_at: "2026-01-01T00:00:00Z" },
        { name: "l", type: "symlink", mode: "777", modified_at: "2026-01-02T00:00:00Z" },
      ],
    };
    s.ok("write_file", { path: "~/t/m.tar", content: `PROVE-TAR/1\n${JSON.stringify(manifest)}` });
    expect(s.ok("tar_list", { archive: "~/t/m.tar" }).items).toEqual([
      { name: "e", type: "file", size: 0, mode: "640", modified_at: "2026-01-01T00:00:00Z" },
      { name: "l", type: "symlink", size: 0, mode: "777", modified_at: "2026-01-02T00:00:00Z" },
    ]);
    s.ok("mkdir", { path: "~/t/out" });
    expect(s.ok("tar_extract", { archive: "~/t/m.tar", directory: "~/t/out" }).extracted).toBe(2);
    expect(s.ok("stat", { path: "~/t/out/e" })).toMatchObject({ kind: "file", size: 0, mode: "640", modified_at: "2026-01-01T00:00:00Z" });
    expect(s.ok("readlink", { path: "~/t/out/l" }).target).toBe("");
    s.ok("mkdir", { path: "~/t/out2/l", parents: true });
    expect(msg(s, "tar_extract", { archive: "~/t/m.tar", directory: "~/t/out2", members: ["l"] }, "failed_precondition")).toBe(
      `tar: l: Cannot open: Cannot replace the directory ${T}/out2/l with a link`,
    );
  });

  it("an extraction lists at most 50 paths: 50 entries have no 'more', 51 say 1 more", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/src" });
    for (let i = 10; i < 59; i++) s.ok("write_file", { path: `~/t/src/f${i}`, content: "" });
    s.ok("tar_create", { archive: "~/t/50.tar", paths: ["~/t/src"], directory: "~/t" });
    s.ok("write_file", { path: "~/t/src/f59", content: "" });
    s.ok("tar_create", { archive: "~/t/51.tar", paths: ["~/t/src"], directory: "~/t" });
    s.ok("mkdir", { path: "~/t/o1" });
    s.ok("mkdir", { path: "~/t/o2" });
    const fifty = s.ok("tar_extract", { archive: "~/t/50.tar", directory: "~/t/o1" });
    expect([fifty.extracted, fifty.paths.length, fifty.more]).toEqual([50, 50, undefined]);
    const more = s.ok("tar_extract", { archive: "~/t/51.tar", directory: "~/t/o2" });
    expect([more.extracted, more.paths.length, more.more]).toEqual([51, 50, 1]);
    expect(more.paths[0]).toBe(`${T}/o2/src`);
    expect(more.paths[49]).toBe(`${T}/o2/src/f58`);
  });

  it("tar_create names what it cannot stat or open, and the -C directory it cannot enter", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "" });
    expect(msg(s, "tar_create", { archive: "~/t/a.tar", paths: ["~/t/nope"] }, "not_found")).toMatch(
      new RegExp(`^tar: ${T}/nope: Cannot stat: No such file or directory`),
    );
    expect(msg(s, "tar_create", { archive: "~/t/nodir/a.tar", paths: ["~/t/f"] }, "not_found")).toMatch(
      new RegExp(`^tar: ${T}/nodir/a.tar: Cannot open: No such file or directory \\(${T}/nodir does not exist`),
    );
    expect(msg(s, "tar_create", { archive: "~/t/a.tar", paths: ["~/t/f"], directory: "~/t/nope" }, "not_found")).toMatch(
      new RegExp(`^tar: cannot change to directory '${T}/nope': No such file or directory`),
    );
  });
});

describe("ln, chmod and replace_in_file at their edges", () => {
  it("ln onto a link to a directory puts the new link inside it; with force it replaces the link itself", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/dir" });
    s.ok("ln", { target: "dir", link_name: "~/t/ld" });
    expect(s.ok("ln", { target: "f", link_name: "~/t/ld" })).toMatchObject({ path: `${T}/dir/f`, target: "f" });
    expect(s.ok("ln", { target: "g", link_name: "~/t/ld", force: true })).toMatchObject({ path: `${T}/ld`, target: "g", resolved: null });
    s.ok("mkdir", { path: "~/t/e/d", parents: true });
    expect(msg(s, "ln", { target: "d/", link_name: "~/t/e" }, "already_exists")).toBe(
      `ln: failed to create symbolic link '${T}/e/d': File exists (a directory is there; pick another link_name)`,
    );
  });

  it("chmod without recursive changes the directory only; with recursive it skips links; a lone directory needs no r or x", () => {
    const s = scratch();
    s.ok("mkdir", { path: "~/t/d" });
    s.ok("write_file", { path: "~/t/d/f", content: "" });
    s.ok("ln", { target: "f", link_name: "~/t/d/l" });
    expect(s.ok("chmod", { path: "~/t/d", mode: "700" })).toMatchObject({ previous_mode: "755", mode: "700", changed: 1 });
    expect(s.ok("stat", { path: "~/t/d/f" }).mode).toBe("644");
    expect(s.ok("chmod", { path: "~/t/d", mode: "750", recursive: true }).changed).toBe(2);
    expect(s.ok("stat", { path: "~/t/d/l" })).toMatchObject({ kind: "symlink", mode: "777" });
    expect(s.ok("stat", { path: "~/t/d/f" }).mode).toBe("750");
    s.ok("chmod", { path: "~/t/d", mode: "000" });
    expect(s.ok("chmod", { path: "~/t/d", mode: "755" })).toMatchObject({ previous_mode: "000", mode: "755", changed: 1 });
  });

  it("replace_in_file names at most 10 lines when the text occurs more than once, and returns at most 50 replaced lines", () => {
    const s = scratch();
    s.ok("write_file", { path: "~/t/f", content: "x\n".repeat(51) });
    expect(msg(s, "replace_in_file", { path: "~/t/f", old_text: "x", new_text: "y" }, "failed_precondition")).toBe(
      `replace_in_file: 'x' occurs 51 times in ${T}/f (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10); pass all: true to replace every one, or include more surrounding text so it occurs once`,
    );
    const r = s.ok("replace_in_file", { path: "~/t/f", old_text: "x", new_text: "y", all: true });
    expect(r.replacements).toBe(51);
    expect(r.lines).toHaveLength(50);
    expect(r.lines[49]).toBe(50);
  });
});
