/**
 * Changing the tree: touch, mkdir, rmdir, rm, cp, mv, write_file, append_file, echo, ln,
 * chmod, chown, truncate, replace_in_file, mktemp. Semantics follow GNU coreutils:
 * - mkdir of an existing path fails unless parents: true (and it is a directory);
 * - rmdir removes only empty directories; rm removes a directory only with recursive: true,
 *   never '/', '.' or '..', and a write-protected file only with force: true;
 * - cp copies a directory only with recursive: true; cp and mv onto an existing directory put
 *   the source inside it; neither copies or moves something onto itself or into its own
 *   subtree; mv never replaces a non-empty directory;
 * - chmod needs ownership; chown may only change the group, to one of the user's groups.
 */
import { dateOrInstant, fail, fnv1a, time, z } from "../../framework/index.ts";
import { checkPathForm, collapse, isWithin, join, nameOf, parentOf, splitPath } from "../paths.ts";
import { write, type Node } from "../state.ts";
import { utf8Length, utf8Prefix } from "../textutil.ts";
import { applyModeSpec, DIR_SIZE, Fs, MAX_FILE_BYTES, meta, modeBits, modeString, permString, SHELL_ID, type Found, type Resolved } from "../vfs.ts";
import { newPath, nodePath } from "./common.ts";

const CONTENT_MAX = 60_000;
const content = (description: string) =>
  z.string().max(CONTENT_MAX, `at most ${CONTENT_MAX} characters per call; write bigger files in parts with append_file`).describe(description);
const modeArg = (description: string) =>
  z
    .string()
    .regex(/^[0-7]{3,4}$/, "an octal mode such as 644 or 755")
    .describe(description);

/** The last component of the operand as typed ("." for "a/.", ".." for "../"). */
function typedLast(input: string): string {
  const parts = input.replace(/\/+$/, "").split("/");
  return parts[parts.length - 1] ?? "";
}

/** A node and everything below it, the node first; keys stay sorted parents-first. */
function subtree(fs: Fs, node: Node): Node[] {
  return node.kind === "dir" ? [node, ...fs.descendants(node.path).sort((a, b) => (a.path < b.path ? -1 : 1))] : [node];
}

/** Nodes the user cannot read in a tree to be copied (files need r, directories r and x). */
function unreadable(fs: Fs, nodes: Node[]): Node | undefined {
  return nodes.find((n) => (n.kind === "file" && !fs.can(n, "r")) || (n.kind === "dir" && (!fs.can(n, "r") || !fs.can(n, "x"))));
}

/** Where cp/mv put `src` given a destination operand: inside it when it is a directory. */
function placeInto(fs: Fs, src: Node, destination: string, followFinal: boolean): Resolved {
  const d = fs.resolve(destination, true);
  if (d.node && d.node.kind === "dir") return fs.walk(join(d.path, nameOf(src.path)), false);
  return followFinal ? d : fs.walk(d.abs, false);
}

/** Parses chown's user and group names from /etc/passwd and /etc/group. */
function accounts(fs: Fs): { users: string[]; groups: Map<string, string[]> } {
  const users = (fs.get("/etc/passwd")?.content ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(":")[0] as string);
  const groups = new Map<string, string[]>();
  for (const line of (fs.get("/etc/group")?.content ?? "").split("\n").filter(Boolean)) {
    const [name, , , members] = line.split(":");
    groups.set(name as string, (members ?? "").split(",").filter(Boolean));
  }
  return { users: [...new Set([...users, fs.user])], groups };
}

/** A deterministic name for mktemp: the template's X's filled from a hash of the clock and the directory. */
function fillTemplate(template: string, seed: string, attempt: number): string {
  const xs = /X+$/.exec(template)?.[0].length ?? 0;
  let h = fnv1a(`${seed}#${attempt}`);
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let out = "";
  for (let i = 0; i < xs; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3266489917) >>> 0;
    out += alphabet[h % alphabet.length];
  }
  return template.slice(0, template.length - xs) + out;
}

function written(n: Node, extra: Record<string, unknown> = {}) {
  return { ...meta(n), ...extra };
}

export const writeTools = {
  touch: write({
    description:
      "Create an empty file, or set an existing file's or directory's modification time to now or to date (touch -d). no_create only updates existing files (touch -c). Setting an explicit date needs ownership. Returns the node.",
    input: z
      .object({
        path: newPath("File to create or touch"),
        date: dateOrInstant("Time to set instead of now, e.g. 2026-03-01T12:00:00Z, or a date meaning its midnight UTC (touch -d)").optional(),
        no_create: z.boolean().default(false).describe("Do not create the file if it does not exist (touch -c)"),
      })
      .strict(),
    produces: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "touch");
      const subject = (p: string) => `cannot touch '${p}'`;
      const r = fs.resolve(a.path);
      const when = a.date ? time.toInstant(a.date) : env.now;
      if (r.node) {
        if (a.date && r.node.owner !== fs.user) {
          fail(
            `touch: setting times of '${r.abs}': Operation not permitted (only its owner, ${r.node.owner}, may set an explicit time; without date, write permission is enough)`,
            "permission_denied",
          );
        }
        if (!a.date && r.node.owner !== fs.user) fs.require(r.node, "w", subject(r.abs), "touch it");
        return written(db.nodes.put({ ...r.node, modified_at: when }), { created: false });
      }
      if (a.no_create) return { path: r.path, created: false, exists: false };
      fs.parentFor(r, subject(r.abs));
      return written(fs.putFile(r.path, "", undefined, subject(r.abs), { modified_at: when }), { created: true });
    },
  }),

  mkdir: write({
    description:
      "Create a directory (mode 755 unless mode is given). Fails if the path exists, unless parents: true, which also creates missing parent directories (mkdir -p) and accepts an existing directory. Needs write permission on the parent. Returns the directory and every directory created.",
    input: z
      .object({
        path: newPath("Directory to create"),
        parents: z.boolean().default(false).describe("Create missing parents too and do not fail if the directory exists (mkdir -p)"),
        mode: modeArg("Octal permissions of the new directory, default 755 (mkdir -m)").optional(),
      })
      .strict(),
    produces: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "mkdir");
      const abs = fs.abs(a.path);
      const subject = `cannot create directory '${abs}'`;
      const created: string[] = [];
      if (!a.parents) {
        const r = fs.walk(abs, true);
        if (r.node)
          fail(
            `mkdir: ${subject}: File exists (it is a ${r.node.kind === "dir" ? "directory; pass parents: true to accept an existing directory" : `${r.node.kind === "file" ? "regular file" : "symbolic link"}; choose another name`})`,
            "already_exists",
          );
        if (r.missing !== r.path) {
          fail(`mkdir: ${subject}: No such file or directory (${parentOf(r.path)} does not exist; pass parents: true to create missing parents)`, "not_found");
        }
        fs.parentFor(r, subject);
        fs.ensureSpace(DIR_SIZE, 1, subject);
        created.push(fs.makeDir(r.path, a.mode ?? "755").path);
      } else {
        const parts = splitPath(abs);
        for (let k = 1; k <= parts.length; k++) {
          const prefix = `/${parts.slice(0, k).join("/")}`;
          const r = fs.walk(prefix, true);
          if (r.node) {
            if (r.node.kind !== "dir")
              fail(
                `mkdir: ${subject}: ${k === parts.length ? "File exists" : "Not a directory"} (${prefix} is a regular file)`,
                k === parts.length ? "already_exists" : "failed_precondition",
              );
            continue;
          }
          fs.parentFor(r, subject);
          fs.ensureSpace(DIR_SIZE, 1, subject);
          created.push(fs.makeDir(r.path, k === parts.length ? (a.mode ?? "755") : "755").path);
        }
      }
      const node = fs.walk(abs, true).node as Node;
      return written(node, { created });
    },
  }),

  rmdir: write({
    description:
      "Remove an EMPTY directory (rmdir). A directory with entries fails with 'Directory not empty' — use rm with recursive: true for that. Needs write permission on the parent.",
    input: z.object({ path: nodePath("Empty directory to remove") }).strict(),
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "rmdir");
      const r = fs.need(a.path, (p) => `failed to remove '${p}'`, false);
      const subject = `failed to remove '${r.abs}'`;
      if (r.node.kind !== "dir")
        fail(`rmdir: ${subject}: Not a directory (it is a ${r.node.kind === "file" ? "regular file" : "symbolic link"}; remove it with rm)`);
      if (r.node.path === "/" || [".", ".."].includes(typedLast(a.path)))
        fail(
          `rmdir: ${subject}: ${r.node.path === "/" ? "Device or resource busy (the root cannot be removed)" : "Invalid argument (name the directory itself, not '.' or '..')"}`,
          "invalid_argument",
        );
      const entries = fs.children(r.node.path);
      if (entries.length) {
        const names = entries.map((n) => nameOf(n.path)).sort();
        fail(
          `rmdir: ${subject}: Directory not empty (it holds ${entries.length} ${entries.length === 1 ? "entry" : "entries"}: ${names.slice(0, 8).join(", ")}${names.length > 8 ? "…" : ""}; use rm with recursive: true to delete it with its contents)`,
        );
      }
      fs.requireUnlink(r.node, subject);
      fs.removeTree(r.node.path);
      return { removed: r.node.path };
    },
  }),

  rm: write({
    description:
      "Remove a file, link or (with recursive: true) a directory and everything in it (rm, rm -r). force: true ignores a missing path and removes write-protected files without asking (rm -f). Refuses '/', '.' and '..'. Needs write permission on the containing directories. Returns what was removed.",
    input: z
      .object({
        path: nodePath("File, link or directory to remove"),
        recursive: z.boolean().default(false).describe("Remove directories and their contents (rm -r)"),
        force: z.boolean().default(false).describe("Ignore a missing path; remove write-protected files without confirmation (rm -f)"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "rm");
      const last = typedLast(a.path);
      if (last === "." || last === "..")
        fail(`rm: refusing to remove '.' or '..' directory: skipping '${a.path}' (name the directory itself, e.g. ${fs.abs(a.path)})`, "invalid_argument");
      const r = fs.resolve(a.path, false);
      if (!r.node) {
        if (a.force) return { removed: [], count: 0 };
        return fs.noSuch(r, `cannot remove '${r.abs}'`);
      }
      const node = r.node;
      const subject = `cannot remove '${r.abs}'`;
      if (node.path === "/") fail(`rm: it is dangerous to operate recursively on '/' (name a path below it)`, "invalid_argument");
      const tree = subtree(fs, node);
      if (node.kind === "dir" && !a.recursive) {
        fail(
          `rm: ${subject}: Is a directory (pass recursive: true to delete it and its ${tree.length - 1} ${tree.length === 2 ? "entry" : "entries"}, or use rmdir if it is empty)`,
        );
      }
      fs.requireUnlink(node, subject);
      for (const n of tree) {
        if (n.kind === "dir" && tree.length > 1) {
          // Emptying a directory means listing it, entering it and deleting its entries.
          fs.require(n, "r", `cannot remove '${n.path}'`, "delete its contents");
          fs.require(n, "x", `cannot remove '${n.path}'`, "delete its contents");
        }
        if (n !== node) fs.requireUnlink(n, `cannot remove '${n.path}'`);
        if (!a.force && n.kind === "file" && !fs.can(n, "w")) {
          fail(
            `rm: ${n === node ? subject : `cannot remove '${n.path}'`}: write-protected regular file (mode ${n.mode}, ${permString(n.kind, n.mode)}; pass force: true to remove it anyway)`,
          );
        }
      }
      const count = fs.removeTree(node.path);
      return { removed: [node.path], count };
    },
  }),

  cp: write({
    description:
      "Copy a file, or a directory with recursive: true (cp, cp -r). If destination is an existing directory the copy goes inside it under the same name; an existing file is overwritten (keeping its mode) unless no_clobber. preserve keeps mode and times (cp -p). Refuses to copy onto itself or a directory into its own subtree. Returns the new path and how many entries were copied.",
    input: z
      .object({
        source: nodePath("File or directory to copy"),
        destination: newPath("New path, or an existing directory to copy into"),
        recursive: z.boolean().default(false).describe("Copy directories and their contents (cp -r)"),
        no_clobber: z.boolean().default(false).describe("Do not overwrite an existing file; skip instead (cp -n)"),
        preserve: z.boolean().default(false).describe("Keep the source's mode and modification times (cp -p)"),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "cp");
      const src = fs.need(a.source, (p) => `cannot stat '${p}'`, !a.recursive);
      if (src.node.kind === "dir" && !a.recursive) {
        fail(
          `cp: -r not specified; omitting directory '${src.abs}' (pass recursive: true to copy it with its ${fs.descendants(src.node.path).length} entries)`,
        );
      }
      const tree = subtree(fs, src.node);
      const bad = unreadable(fs, tree);
      if (bad) fs.require(bad, fs.can(bad, "r") ? "x" : "r", `cannot ${bad.kind === "dir" ? "access" : "open"} '${bad.path}' for reading`, "copy it");
      const dst = placeInto(fs, src.node, a.destination, true);
      const subject = `cannot create ${src.node.kind === "dir" ? "directory" : "regular file"} '${dst.abs}'`;
      if (dst.path === src.node.path || (dst.node && dst.node.path === src.node.path))
        fail(`cp: '${src.abs}' and '${dst.abs}' are the same file (choose a different destination)`, "invalid_argument");
      if (src.node.kind === "dir" && isWithin(dst.path, src.node.path))
        fail(`cp: cannot copy a directory, '${src.abs}', into itself, '${dst.path}' (choose a destination outside it)`, "invalid_argument");
      if (dst.node) {
        if (src.node.kind !== "dir" && dst.node.kind === "dir") fail(`cp: cannot overwrite directory '${dst.path}' with non-directory '${src.abs}'`);
        if (src.node.kind === "dir" && dst.node.kind !== "dir") fail(`cp: cannot overwrite non-directory '${dst.path}' with directory '${src.abs}'`);
        if (a.no_clobber && dst.node.kind !== "dir") return { ...written(dst.node), copied: 0, skipped: true };
      } else fs.parentFor(dst, subject);
      // Plan every write first so a refusal half-way leaves nothing behind (the call is atomic anyway).
      const base = src.node.path;
      const plan = tree.map((n) => ({ n, to: n === src.node ? dst.path : join(dst.path, n.path.slice(base.length + 1)) }));
      let bytes = 0;
      let inodes = 0;
      const fillsDir = new Set(plan.filter((p) => !fs.get(p.to)).map((p) => parentOf(p.to)));
      for (const { n, to } of plan) {
        const existing = fs.get(to);
        if (existing) {
          if ((existing.kind === "dir") !== (n.kind === "dir"))
            fail(
              `cp: cannot overwrite ${existing.kind === "dir" ? "directory" : "non-directory"} '${to}' with ${n.kind === "dir" ? "directory" : "non-directory"} '${n.path}'`,
            );
          if (a.no_clobber && existing.kind !== "dir") continue;
          if (existing.kind === "file") {
            fs.require(existing, "w", `cannot create regular file '${to}'`, "overwrite it");
            bytes += n.size - existing.size;
          } else if (existing.kind === "symlink") fs.requireUnlink(existing, `cannot create symbolic link '${to}'`);
          if (existing.kind === "dir" && fillsDir.has(to)) fs.require(existing, "w", `cannot create entries in '${to}'`, "copy into it");
        } else {
          bytes += n.kind === "dir" ? DIR_SIZE : n.size;
          inodes++;
        }
      }
      fs.ensureSpace(bytes, inodes, subject);
      let copied = 0;
      const now = env.now;
      for (const { n, to } of plan) {
        const existing = fs.get(to);
        if (a.no_clobber && existing && existing.kind !== "dir") continue;
        const times = a.preserve ? { created_at: now, modified_at: n.modified_at } : { created_at: existing?.created_at ?? now, modified_at: now };
        const mode = existing ? existing.mode : modeString(modeBits(n.mode) & (a.preserve ? 0o7777 : 0o1777));
        if (n.kind === "dir") {
          if (!existing) db.nodes.put({ path: to, kind: "dir", size: DIR_SIZE, mode, owner: fs.user, group: fs.sh.groups[0] as string, ...times });
        } else if (n.kind === "symlink") {
          db.nodes.put({ path: to, kind: "symlink", target: n.target, size: n.size, mode: "777", owner: fs.user, group: fs.sh.groups[0] as string, ...times });
        } else {
          db.nodes.put({
            ...(existing ?? { owner: fs.user, group: fs.sh.groups[0] as string }),
            path: to,
            kind: "file",
            content: n.content ?? "",
            size: n.size,
            mode: a.preserve ? modeString(modeBits(n.mode)) : mode,
            ...times,
          });
        }
        copied++;
      }
      fs.touchDir(parentOf(dst.path));
      return { ...written(fs.get(dst.path) as Node), source: src.abs, copied };
    },
  }),

  mv: write({
    description:
      "Move or rename a file, link or directory (mv). If destination is an existing directory the source moves inside it; an existing file there is replaced unless no_clobber. Refuses to move something onto itself or a directory into its own subtree, and to replace a non-empty directory. Needs write permission on both directories. Returns the new path.",
    input: z
      .object({
        source: nodePath("What to move or rename"),
        destination: newPath("New name, or an existing directory to move into"),
        no_clobber: z.boolean().default(false).describe("Do not replace an existing file; skip instead (mv -n)"),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "mv");
      const src = fs.need(a.source, (p) => `cannot stat '${p}'`, false);
      if (src.node.path === "/" || [".", ".."].includes(typedLast(a.source)))
        fail(`mv: cannot move '${src.abs}': Device or resource busy (name a path below it, not '/', '.' or '..')`, "invalid_argument");
      const dst = placeInto(fs, src.node, a.destination, false);
      const subject = `cannot move '${src.abs}' to '${dst.abs}'`;
      if (dst.path === src.node.path) fail(`mv: '${src.abs}' and '${dst.abs}' are the same file (choose a different destination)`, "invalid_argument");
      if (src.node.kind === "dir" && isWithin(dst.path, src.node.path))
        fail(`mv: cannot move '${src.abs}' to a subdirectory of itself, '${dst.path}' (choose a destination outside it)`, "invalid_argument");
      fs.requireUnlink(src.node, subject);
      if (dst.node) {
        if (a.no_clobber) return { ...written(src.node), moved: 0, skipped: true, destination: dst.path };
        if (src.node.kind !== "dir" && dst.node.kind === "dir") fail(`mv: cannot overwrite directory '${dst.path}' with non-directory '${src.abs}'`);
        if (src.node.kind === "dir" && dst.node.kind !== "dir") fail(`mv: cannot overwrite non-directory '${dst.path}' with directory '${src.abs}'`);
        if (dst.node.kind === "dir" && fs.children(dst.node.path).length)
          fail(`mv: ${subject}: Directory not empty (${dst.path} already exists and has entries; move into it or remove it first)`);
        fs.requireUnlink(dst.node, subject);
        fs.removeTree(dst.node.path);
      } else fs.parentFor(dst, subject);
      const tree = subtree(fs, src.node);
      const base = src.node.path;
      for (const n of tree) db.nodes.delete(n.path);
      for (const n of tree) db.nodes.put({ ...n, path: n === src.node ? dst.path : join(dst.path, n.path.slice(base.length + 1)) });
      fs.touchDir(parentOf(base));
      fs.touchDir(parentOf(dst.path));
      // The shell follows a working directory that moved (as the kernel does for a process).
      if (isWithin(fs.sh.cwd, base)) db.shells.update(SHELL_ID, { cwd: dst.path + fs.sh.cwd.slice(base.length) });
      return { ...written(fs.get(dst.path) as Node), source: src.abs, moved: tree.length };
    },
  }),

  write_file: write({
    description:
      "Write text to a file, replacing its content (like `cat > file`); creates the file (mode 644) if it does not exist. The parent directory must exist; read-only files (e.g. mode 444) and directories you may not write to fail with 'Permission denied'. Up to 60,000 characters per call; a file holds at most 1 MiB. Returns the file's metadata.",
    input: z.object({ path: newPath("File to write"), content: content("The complete new content; end it with a newline for a text file") }).strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "write_file");
      const subject = (p: string) => `cannot write '${p}'`;
      const { r, existing } = fs.writeTarget(a.path, subject);
      return written(fs.putFile(r.path, a.content, existing, subject(r.abs)), { created: !existing });
    },
  }),

  append_file: write({
    description:
      "Append text to the end of a file (like `cat >> file`), creating it if missing. Add a newline yourself where lines should break. Same permission and size rules as write_file. Returns the file's metadata.",
    input: z.object({ path: newPath("File to append to"), content: content("Text to add at the end") }).strict(),
    produces: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "append_file");
      const subject = (p: string) => `cannot append to '${p}'`;
      const { r, existing } = fs.writeTarget(a.path, subject);
      return written(fs.putFile(r.path, (existing?.content ?? "") + a.content, existing, subject(r.abs)), {
        created: !existing,
        appended_bytes: utf8Length(a.content),
      });
    },
  }),

  echo: write({
    description:
      "Print text (echo), or redirect it into a file: file with append: false overwrites it (echo text > file), append: true adds to it (echo text >> file). A newline is added unless newline: false (echo -n). Returns the output, or the written file's path and size.",
    input: z
      .object({
        text: content("Text to print"),
        file: newPath("Redirect into this file instead of printing").optional(),
        append: z.boolean().default(false).describe("With file: add to the end (>>) instead of overwriting (>)"),
        newline: z.boolean().default(true).describe("End with a newline (false is echo -n)"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const out = a.newline ? `${a.text}\n` : a.text;
      if (a.file === undefined) return { output: out };
      const fs = new Fs(db, env, "echo");
      const subject = (p: string) => `cannot write '${p}'`;
      const { r, existing } = fs.writeTarget(a.file, subject);
      const n = fs.putFile(r.path, a.append ? (existing?.content ?? "") + out : out, existing, subject(r.abs));
      return { path: n.path, size: n.size, written_bytes: utf8Length(out), created: !existing };
    },
  }),

  ln: write({
    description:
      "Create a symbolic link (ln -s) at link_name pointing to target. The target is stored as given (relative targets resolve from the link's directory) and need not exist. If link_name is an existing directory the link goes inside it; an existing file or link fails unless force. Hard links are not supported.",
    input: z
      .object({
        target: z.string().describe("What the link points to, e.g. '../Projects/app' or '/etc/hosts'"),
        link_name: newPath("Where to create the link; default: the target's name in the working directory").optional(),
        force: z.boolean().default(false).describe("Replace an existing file or link at link_name (ln -sf)"),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "ln");
      checkPathForm(a.target, "ln");
      collapse(a.target.startsWith("/") ? a.target : `/${a.target}`, "ln");
      const targetName = nameOf(a.target.replace(/\/+$/, ""));
      if (a.link_name === undefined && ["", ".", ".."].includes(targetName))
        fail(`ln: cannot derive a link name from target '${a.target}'; give link_name`, "invalid_argument");
      let r = fs.resolve(a.link_name ?? targetName, false);
      if (r.node && r.node.kind === "symlink") {
        const through = fs.walk(r.abs, true);
        if (through.node?.kind === "dir" && !a.force) r = fs.walk(join(through.path, targetName), false);
      } else if (r.node && r.node.kind === "dir") r = fs.walk(join(r.path, targetName), false);
      const subject = `failed to create symbolic link '${r.abs}'`;
      if (r.node) {
        if (r.node.kind === "dir") fail(`ln: ${subject}: File exists (a directory is there; pick another link_name)`, "already_exists");
        if (!a.force)
          fail(
            `ln: ${subject}: File exists (it is a ${r.node.kind === "file" ? "regular file" : `symbolic link to ${r.node.target}`}; pass force: true to replace it)`,
            "already_exists",
          );
        fs.requireUnlink(r.node, subject);
        db.nodes.delete(r.node.path);
      } else fs.parentFor(r, subject);
      fs.ensureSpace(utf8Length(a.target), r.node ? 0 : 1, subject);
      const node: Node = {
        path: r.path,
        kind: "symlink",
        target: a.target,
        size: utf8Length(a.target),
        mode: "777",
        owner: fs.user,
        group: fs.sh.groups[0] as string,
        created_at: env.now,
        modified_at: env.now,
      };
      db.nodes.put(node);
      fs.touchDir(parentOf(r.path));
      const resolved = (() => {
        try {
          const t = fs.walk(r.path, true);
          return t.node ? t.path : null;
        } catch {
          return null;
        }
      })();
      return { ...written(node), resolved };
    },
  }),

  chmod: write({
    description:
      "Change permissions (chmod) with an octal mode ('644', '755', '600') or a symbolic one ('u+x', 'go-w', 'a=r', 'u=rw,go=r'). Only the owner may change a node's mode. recursive applies it to a whole directory tree (links inside are skipped). Returns the old and new mode.",
    input: z
      .object({
        path: nodePath("File or directory"),
        mode: z.string().max(64).describe("Octal like 644 or 755, or symbolic like u+x, go-w, a=r"),
        recursive: z.boolean().default(false).describe("Change the whole tree below a directory too (chmod -R)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "chmod");
      const r = fs.need(a.path, (p) => `cannot access '${p}'`);
      if (applyModeSpec(0o644, a.mode.trim(), false) === undefined) {
        fail(`chmod: invalid mode: '${a.mode}' (use octal like 644, 755, 600 or symbolic like u+x, go-w, a=r, u=rw,go=r)`, "invalid_argument");
      }
      const tree = a.recursive && r.node.kind === "dir" ? subtree(fs, r.node).filter((n) => n.kind !== "symlink") : [r.node];
      const changed: string[] = [];
      for (const n of tree) {
        if (n.owner !== fs.user && fs.user !== "root") {
          fail(
            `chmod: changing permissions of '${n.path}': Operation not permitted (it is owned by ${n.owner}; only the owner may change its mode, and ${fs.user} owns the files under ${fs.sh.home})`,
            "permission_denied",
          );
        }
        if (tree.length > 1 && n.kind === "dir" && (!fs.can(n, "r") || !fs.can(n, "x")))
          fs.require(n, fs.can(n, "r") ? "x" : "r", `cannot read directory '${n.path}'`, "change the modes inside it");
        const bits = applyModeSpec(modeBits(n.mode), a.mode.trim(), n.kind === "dir") as number;
        const mode = modeString(bits & 0o7777);
        if (mode !== n.mode) {
          db.nodes.put({ ...n, mode });
          changed.push(n.path);
        }
      }
      const now = fs.get(r.node.path) as Node;
      return { path: r.abs, previous_mode: r.node.mode, mode: now.mode, permissions: permString(now.kind, now.mode), changed: changed.length };
    },
  }),

  chown: write({
    description:
      "Change the owner and/or group of a file or directory (chown user:group). As a regular user you may only change the group of files you own, to a group you belong to (see whoami); giving files to another user needs root and fails. Users and groups come from /etc/passwd and /etc/group.",
    input: z
      .object({
        path: nodePath("File or directory"),
        owner: z.string().max(64).optional().describe("New owning user (must exist in /etc/passwd)"),
        group: z.string().max(64).optional().describe("New group (must exist in /etc/group)"),
        recursive: z.boolean().default(false).describe("Apply to the whole tree below a directory (chown -R)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "chown");
      if (a.owner === undefined && a.group === undefined) fail("chown: missing operand: give owner, group or both", "invalid_argument");
      const r = fs.need(a.path, (p) => `cannot access '${p}'`);
      const { users, groups } = accounts(fs);
      if (a.owner !== undefined && !users.includes(a.owner)) fail(`chown: invalid user: '${a.owner}' (known users: ${users.join(", ")})`, "invalid_argument");
      if (a.group !== undefined && !groups.has(a.group))
        fail(`chown: invalid group: '${a.group}' (known groups: ${[...groups.keys()].join(", ")})`, "invalid_argument");
      const tree = a.recursive && r.node.kind === "dir" ? subtree(fs, r.node).filter((n) => n.kind !== "symlink") : [r.node];
      let changed = 0;
      for (const n of tree) {
        const owner = a.owner ?? n.owner;
        const group = a.group ?? n.group;
        if (owner === n.owner && group === n.group) continue;
        if (fs.user !== "root") {
          if (owner !== n.owner) {
            fail(
              `chown: changing ownership of '${n.path}': Operation not permitted (only root can give a file to another user; ${fs.user} may only change the group of files they own, to one of: ${fs.sh.groups.join(", ")})`,
              "permission_denied",
            );
          }
          if (n.owner !== fs.user)
            fail(
              `chown: changing group of '${n.path}': Operation not permitted (it is owned by ${n.owner}; only its owner may change its group)`,
              "permission_denied",
            );
          if (!fs.sh.groups.includes(group))
            fail(
              `chown: changing group of '${n.path}': Operation not permitted (${fs.user} is not in group ${group}; their groups are ${fs.sh.groups.join(", ")})`,
              "permission_denied",
            );
        }
        db.nodes.put({ ...n, owner, group });
        changed++;
      }
      const now = fs.get(r.node.path) as Node;
      return { path: r.abs, owner: now.owner, group: now.group, changed };
    },
  }),

  truncate: write({
    description:
      "Shrink or extend a file to exactly size bytes (truncate -s): shrinking cuts the end, extending pads with NUL bytes; size 0 empties it (e.g. a log). Creates a missing file unless no_create. Needs write permission.",
    input: z
      .object({
        path: newPath("File to resize"),
        size: z.number().int().min(0).max(MAX_FILE_BYTES).describe("New size in bytes (0 empties the file)"),
        no_create: z.boolean().default(false).describe("Do not create a missing file (truncate -c)"),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "truncate");
      const subject = (p: string) => `cannot open '${p}' for writing`;
      const probe = fs.resolve(a.path);
      if (!probe.node && a.no_create) return { path: probe.path, created: false, exists: false };
      const { r, existing } = fs.writeTarget(a.path, subject);
      const old = existing?.content ?? "";
      const size = utf8Length(old);
      const next = a.size <= size ? utf8Prefix(old, a.size) : old + "\u0000".repeat(a.size - size);
      return written(fs.putFile(r.path, next, existing, subject(r.abs)), { previous_size: existing ? size : 0, created: !existing });
    },
  }),

  replace_in_file: write({
    description:
      "Replace exact text in a file (like sed 's/old/new/' with literal text): old_text must occur exactly once unless all: true replaces every occurrence. Use it for small edits instead of rewriting the file. Needs write permission. Returns how many replacements were made and on which lines.",
    input: z
      .object({
        path: nodePath("File to edit"),
        old_text: z.string().min(1, "old_text must not be empty").max(CONTENT_MAX).describe("Exact text to find (spaces and case matter)"),
        new_text: z.string().max(CONTENT_MAX).describe("Replacement text (may be empty to delete)"),
        all: z.boolean().default(false).describe("Replace every occurrence instead of requiring exactly one"),
      })
      .strict(),
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "replace_in_file");
      const f = fs.readFile(a.path, (p) => `cannot edit '${p}'`);
      fs.require(f.node, "w", `cannot edit '${f.abs}'`, "change it");
      const positions: number[] = [];
      for (let i = f.content.indexOf(a.old_text); i >= 0; i = f.content.indexOf(a.old_text, i + a.old_text.length)) positions.push(i);
      const lineOf = (i: number) => f.content.slice(0, i).split("\n").length;
      const clip = a.old_text.length > 60 ? `${a.old_text.slice(0, 60)}…` : a.old_text;
      if (positions.length === 0) {
        fail(
          `replace_in_file: '${clip}' does not occur in ${f.abs} (it has ${f.content.split("\n").length} lines; check spaces, case and line breaks, or read it with cat or grep)`,
          "not_found",
        );
      }
      if (positions.length > 1 && !a.all) {
        fail(
          `replace_in_file: '${clip}' occurs ${positions.length} times in ${f.abs} (lines ${[...new Set(positions.map(lineOf))].slice(0, 10).join(", ")}); pass all: true to replace every one, or include more surrounding text so it occurs once`,
        );
      }
      const next = f.content.split(a.old_text).join(a.new_text);
      const n = fs.putFile(f.node.path, next, f.node, `cannot edit '${f.abs}'`);
      return written(n, { replacements: positions.length, lines: [...new Set(positions.map(lineOf))].slice(0, 50) });
    },
  }),

  mktemp: write({
    description:
      "Create a new empty temporary file (mode 600), or a directory with directory: true (mode 700), with a unique name made from template (default tmp.XXXXXXXXXX, trailing X's are replaced) inside dir (default /tmp). Returns its path.",
    input: z
      .object({
        directory: z.boolean().default(false).describe("Create a directory instead of a file (mktemp -d)"),
        template: z.string().max(255).default("tmp.XXXXXXXXXX").describe("Name template ending in at least 3 X's, e.g. report.XXXXXX"),
        dir: newPath("Directory to create it in (mktemp -p); default /tmp").optional(),
      })
      .strict(),
    produces: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "mktemp");
      if (!/XXX$/.test(a.template))
        fail(`mktemp: too few X's in template '${a.template}' (end it with at least 3 X's, e.g. ${a.template || "tmp"}.XXXXXX)`, "invalid_argument");
      if (a.template.includes("/")) fail(`mktemp: invalid template '${a.template}': it must not contain '/' (use dir for the directory)`, "invalid_argument");
      const dir: Found = fs.needDir(a.dir ?? "/tmp", (p) => `failed to create ${a.directory ? "directory" : "file"} via template '${join(p, a.template)}'`);
      const subject = `failed to create ${a.directory ? "directory" : "file"} via template '${join(dir.abs, a.template)}'`;
      fs.require(dir.node, "w", subject, `create entries in ${dir.node.path}`);
      fs.require(dir.node, "x", subject, `create entries in ${dir.node.path}`);
      let path = "";
      for (let attempt = 0; attempt < 100; attempt++) {
        path = join(dir.node.path, fillTemplate(a.template, `${env.now}|${dir.node.path}|${a.template}`, attempt));
        if (!fs.get(path)) break;
      }
      if (fs.get(path)) fail(`mktemp: ${subject}: File exists (every name tried is taken; use a template with more X's)`, "already_exists");
      fs.ensureSpace(a.directory ? DIR_SIZE : 0, 1, subject);
      const node = a.directory ? fs.makeDir(path, "700") : fs.putFile(path, "", undefined, subject, { mode: "600" });
      return written(node);
    },
  }),
};
