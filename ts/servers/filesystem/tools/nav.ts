/**
 * Where am I and what is here: pwd, whoami, cd, ls, tree, stat, file, realpath, readlink,
 * basename, dirname, test_path, find, du, df.
 */
import { dateOrInstant, fail, pageOf, paginate, rangeStart, time, ToolError, z } from "../../framework/index.ts";
import { checkPathForm, comparePaths, compileGlob, depthOf, isWithin, nameOf, parentOf, relativeTo } from "../paths.ts";
import { read, write, type Node } from "../state.ts";
import { fileType, humanSize } from "../textutil.ts";
import { DISK_BYTES, Fs, MAX_INODES, meta, permString, SHELL_ID } from "../vfs.ts";
import { newPath, nodePath, nodePaths } from "./common.ts";

const TYPE_OF: Record<Node["kind"], "file" | "directory" | "symlink"> = { file: "file", dir: "directory", symlink: "symlink" };

/** ls's name order: case-insensitive, ignoring leading dots, ties by byte order. */
function byName(a: string, b: string): number {
  const x = a.replace(/^\.+/, "").toLowerCase();
  const y = b.replace(/^\.+/, "").toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Nodes below `start` that the user can reach: the contents of directories they may not list
 * or enter are left out and reported the way find does ("find: '/root': Permission denied").
 */
function reachable(fs: Fs, start: Node, opts: { maxDepth?: number } = {}): { nodes: Node[]; errors: string[] } {
  const base = depthOf(start.path);
  const all = start.kind === "dir" ? fs.descendants(start.path) : [];
  const blocked: string[] = [];
  const errors: string[] = [];
  const consider = [start, ...all].filter((n) => n.kind === "dir").sort((a, b) => comparePaths(a.path, b.path));
  for (const d of consider) {
    if (blocked.some((b) => isWithin(d.path, b))) continue;
    if (!fs.can(d, "r") || !fs.can(d, "x")) {
      blocked.push(d.path);
      errors.push(`${fs.cmd}: '${d.path}': Permission denied`);
    }
  }
  const nodes = all.filter(
    (n) => !blocked.some((b) => n.path !== b && isWithin(n.path, b)) && (opts.maxDepth === undefined || depthOf(n.path) - base <= opts.maxDepth),
  );
  nodes.sort((a, b) => comparePaths(a.path, b.path));
  return { nodes, errors: errors.slice(0, 20) };
}

function entry(n: Node, long: boolean, name = nameOf(n.path) || "/") {
  const base = { name, path: n.path, type: TYPE_OF[n.kind], size: n.size, mode: n.mode, modified_at: n.modified_at };
  if (!long) return base;
  return {
    ...base,
    permissions: permString(n.kind, n.mode),
    owner: n.owner,
    group: n.group,
    size_human: humanSize(n.size),
    created_at: n.created_at,
    ...(n.kind === "symlink" ? { target: n.target } : {}),
  };
}

/** find -size: "+10k" more than 10 KiB, "-2M" less than 2 MiB, "512c" exactly 512 bytes; sizes round up to the unit (GNU find). */
function sizeTest(spec: string): (bytes: number) => boolean {
  const m = /^([+-]?)(\d{1,12})([ckMG]?)$/.exec(spec.trim());
  if (!m)
    fail(
      `find: invalid size '${spec}' (use +N, -N or N with a unit c=bytes, k=KiB, M=MiB, G=GiB, e.g. +10k; no unit means 512-byte blocks)`,
      "invalid_argument",
    );
  const unit = { c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, "": 512 }[m[3] as "c" | "k" | "M" | "G" | ""];
  const n = Number(m[2]);
  return (bytes) => {
    const v = Math.ceil(bytes / unit);
    return m[1] === "+" ? v > n : m[1] === "-" ? v < n : v === n;
  };
}

const DU_LIMIT = 200;

export const navTools = {
  pwd: read({
    description:
      "Print the working directory of the shell, with the user, their home and the host name. Relative paths in every other tool resolve against this directory.",
    input: z.object({}).strict(),
    discovers: "shell",
    run: (db, _a, env) => {
      const fs = new Fs(db, env, "pwd");
      const here = fs.get(fs.sh.cwd);
      return { ...fs.sh, exists: here !== undefined };
    },
  }),

  whoami: read({
    description: "The user the shell runs as, with uid, groups (they decide which group permissions apply), home directory and host name.",
    input: z.object({}).strict(),
    run: (db, _a, env) => {
      const { user, uid, groups, home, hostname } = new Fs(db, env, "whoami").sh;
      return { user, uid, groups, home, hostname };
    },
  }),

  cd: write({
    description:
      "Change the working directory (like the shell's cd). Omit path or use '~' for home, '-' for the previous directory, '..' for the parent. The directory must exist and the user needs execute (x) permission on it. Returns the new and previous working directory.",
    input: z.object({ path: nodePath("Directory to enter").optional() }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "cd");
      let input = a.path ?? "~";
      if (input === "-") {
        if (!fs.sh.previous_cwd) fail("cd: OLDPWD not set (there is no previous directory yet; cd somewhere first)");
        input = fs.sh.previous_cwd;
      }
      const r = fs.resolve(input);
      if (!r.node) return fs.noSuch(r, r.abs);
      if (r.node.kind !== "dir") fail(`cd: ${r.abs}: Not a directory (it is a file; cd to its directory ${parentOf(r.abs)} instead)`);
      fs.require(r.node, "x", r.abs, "enter it");
      db.shells.update(SHELL_ID, { cwd: r.abs, previous_cwd: fs.sh.cwd });
      return { cwd: r.abs, previous_cwd: fs.sh.cwd, ...(r.path !== r.abs ? { physical: r.path } : {}) };
    },
  }),

  ls: read({
    description:
      "List a directory (default: the working directory): name, path, type, size, mode and modified_at of each entry. all: include dotfiles; long: add permissions string, owner, group, human size and link targets; sort by name, time (newest first) or size (largest first); recursive: everything below. Naming a file lists just that file. Paginated.",
    input: z
      .object({
        path: nodePath("Directory or file to list; default the working directory").optional(),
        all: z.boolean().default(false).describe("Include entries whose names start with '.' (ls -a)"),
        long: z.boolean().default(false).describe("Long format: permissions, owner, group, human-readable size, link target (ls -l)"),
        sort: z
          .enum(["name", "time", "size", "extension"])
          .default("name")
          .describe("Order: name (A-Z), time (newest first, ls -t), size (largest first, ls -S), extension (ls -X)"),
        reverse: z.boolean().default(false).describe("Reverse the order (ls -r)"),
        recursive: z
          .boolean()
          .default(false)
          .describe("List subdirectories recursively (ls -R); entries then carry their path relative to the listed directory as name"),
        directory: z.boolean().default(false).describe("List the directory itself, not its contents (ls -d)"),
        ...pageOf({ max: 500, default: 100, what: "entries" }),
      })
      .strict(),
    discovers: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "ls");
      const r = fs.need(a.path ?? ".", (p) => `cannot access '${p}'`);
      const node = r.node;
      if (node.kind !== "dir" || a.directory) {
        return { path: r.abs, ...paginate([entry(node, a.long, nameOf(r.abs) || "/")], a) };
      }
      fs.require(node, "r", `cannot open directory '${r.abs}'`, "list it");
      let nodes: Node[];
      let errors: string[] = [];
      if (a.recursive) {
        const found = reachable(fs, node);
        errors = found.errors;
        nodes = found.nodes.filter(
          (n) =>
            a.all ||
            !relativeTo(n.path, node.path)
              .split("/")
              .some((c) => c.startsWith(".")),
        );
      } else nodes = fs.children(node.path).filter((n) => a.all || !nameOf(n.path).startsWith("."));
      const ext = (n: Node) => (nameOf(n.path).includes(".") ? nameOf(n.path).slice(nameOf(n.path).lastIndexOf(".") + 1) : "");
      const cmp: Record<typeof a.sort, (x: Node, y: Node) => number> = {
        name: (x, y) => (a.recursive ? comparePaths(x.path, y.path) : byName(nameOf(x.path), nameOf(y.path))),
        time: (x, y) => (x.modified_at === y.modified_at ? byName(nameOf(x.path), nameOf(y.path)) : x.modified_at < y.modified_at ? 1 : -1),
        size: (x, y) => (x.size === y.size ? byName(nameOf(x.path), nameOf(y.path)) : y.size - x.size),
        extension: (x, y) => (ext(x) === ext(y) ? byName(nameOf(x.path), nameOf(y.path)) : ext(x) < ext(y) ? -1 : 1),
      };
      nodes.sort(cmp[a.sort]);
      if (a.reverse) nodes.reverse();
      const items = nodes.map((n) => entry(n, a.long, a.recursive ? relativeTo(n.path, node.path) : nameOf(n.path)));
      return { path: r.abs, ...paginate(items, a), ...(errors.length ? { errors } : {}) };
    },
  }),

  tree: read({
    description:
      "Show a directory tree (like the tree command) to max_depth levels (default 3): a nested JSON structure plus the familiar text drawing, with directory and file counts. Dotfiles only with all: true; dirs_only shows directories alone. At most 400 entries; narrow the path or depth when truncated.",
    input: z
      .object({
        path: nodePath("Directory at the top of the tree; default the working directory").optional(),
        max_depth: z.number().int().min(1).max(10).default(3).describe("How many levels below the top to show (tree -L, 1-10, default 3)"),
        all: z.boolean().default(false).describe("Include dotfiles and dot-directories (tree -a)"),
        dirs_only: z.boolean().default(false).describe("Show directories only (tree -d)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "tree");
      const r = fs.needDir(a.path ?? ".", (p) => p);
      fs.require(r.node, "r", `cannot open directory '${r.abs}'`, "list it");
      const { nodes, errors } = reachable(fs, r.node, { maxDepth: a.max_depth });
      const shown = nodes.filter(
        (n) =>
          (a.all ||
            !relativeTo(n.path, r.node.path)
              .split("/")
              .some((c) => c.startsWith("."))) &&
          (!a.dirs_only || n.kind === "dir"),
      );
      const LIMIT = 400;
      const kept = shown.slice(0, LIMIT);
      type TreeNode = { name: string; type: string; size?: number; target?: string; children?: TreeNode[] };
      const top: TreeNode = { name: r.abs, type: "directory", children: [] };
      const byPath = new Map<string, TreeNode>([[r.node.path, top]]);
      const lines: string[] = [r.abs];
      const kids = new Map<string, Node[]>();
      for (const n of kept) kids.set(parentOf(n.path), [...(kids.get(parentOf(n.path)) ?? []), n]);
      const draw = (dir: string, prefix: string) => {
        const list = (kids.get(dir) ?? []).sort((x, y) => byName(nameOf(x.path), nameOf(y.path)));
        list.forEach((n, k) => {
          const lastOne = k === list.length - 1;
          const t: TreeNode = {
            name: nameOf(n.path),
            type: TYPE_OF[n.kind],
            ...(n.kind === "file" ? { size: n.size } : {}),
            ...(n.kind === "symlink" ? { target: n.target } : {}),
          };
          if (n.kind === "dir" && depthOf(n.path) - depthOf(r.node.path) < a.max_depth) t.children = [];
          byPath.get(dir)?.children?.push(t);
          byPath.set(n.path, t);
          lines.push(`${prefix}${lastOne ? "└── " : "├── "}${nameOf(n.path)}${n.kind === "symlink" ? ` -> ${n.target}` : ""}`);
          if (n.kind === "dir") draw(n.path, `${prefix}${lastOne ? "    " : "│   "}`);
        });
      };
      draw(r.node.path, "");
      const directories = kept.filter((n) => n.kind === "dir").length;
      const files = kept.length - directories;
      lines.push("", `${directories} ${directories === 1 ? "directory" : "directories"}${a.dirs_only ? "" : `, ${files} ${files === 1 ? "file" : "files"}`}`);
      return { path: r.abs, tree: top, text: lines.join("\n"), directories, files, truncated: shown.length > LIMIT, ...(errors.length ? { errors } : {}) };
    },
  }),

  stat: read({
    description:
      "Metadata of one file, directory or link: type, size, octal mode and permission string, owner, group, created_at, modified_at, link target, number of entries for directories. Does not follow a final symbolic link unless follow_symlinks is true (stat -L). Needs no read permission on the node itself.",
    input: z
      .object({
        path: nodePath("What to inspect"),
        follow_symlinks: z.boolean().default(false).describe("Report on the link's target instead of the link (stat -L)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "stat");
      const r = fs.need(a.path, (p) => `cannot statx '${p}'`, a.follow_symlinks);
      const n = r.node;
      return {
        ...meta(n),
        name: nameOf(n.path) || "/",
        type: TYPE_OF[n.kind],
        ...(n.kind === "dir" ? { entries: fs.children(n.path).length } : {}),
        ...(r.abs !== n.path ? { requested: r.abs } : {}),
      };
    },
  }),

  file: read({
    description:
      "Guess the type of files from their content, like the file command: 'directory', 'ASCII text', 'JSON text data', 'PDF document', 'PNG image data', 'Python script, ASCII text executable', 'symbolic link to …', 'empty'. Returns the description and MIME type of each path.",
    input: z.object({ paths: nodePaths("Files to inspect (1-50)").min(1, "give at least one path") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "file");
      return {
        results: a.paths.map((p) => {
          const r = fs.need(p, (x) => `cannot open '${x}'`, false);
          const n = r.node;
          if (n.kind === "dir") return { path: r.abs, type: "directory", mime: "inode/directory" };
          if (n.kind === "symlink") return { path: r.abs, type: `symbolic link to ${n.target}`, mime: "inode/symlink" };
          fs.require(n, "r", `cannot open '${r.abs}'`, "read it");
          return { path: r.abs, ...(({ description, mime }) => ({ type: description, mime }))(fileType(nameOf(n.path), n.content ?? "")) };
        }),
      };
    },
  }),

  realpath: read({
    description:
      "The canonical absolute path: '.', '..', '~' and every symbolic link resolved. Fails when the path does not exist unless allow_missing is true (realpath -m).",
    input: z
      .object({
        path: nodePath("Path to canonicalise"),
        allow_missing: z.boolean().default(false).describe("Accept paths whose last components do not exist (realpath -m)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "realpath");
      const r = fs.resolve(a.path);
      if (!r.node && !a.allow_missing) fs.noSuch(r, r.abs);
      return { path: r.path, exists: r.node !== undefined };
    },
  }),

  readlink: read({
    description:
      "The target a symbolic link points to, as stored, plus where it finally resolves (null when the link dangles). Fails on anything that is not a symbolic link.",
    input: z.object({ path: nodePath("The symbolic link") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "readlink");
      const r = fs.need(a.path, (p) => p, false);
      if (r.node.kind !== "symlink")
        fail(
          `readlink: ${r.abs}: Invalid argument (it is a ${r.node.kind === "dir" ? "directory" : "regular file"}, not a symbolic link; use realpath to canonicalise any path)`,
          "invalid_argument",
        );
      let resolved: string | null = null;
      try {
        const t = fs.walk(r.node.path, true);
        resolved = t.node ? t.path : null;
      } catch (e) {
        if (!(e instanceof ToolError)) throw e;
      }
      return { path: r.abs, target: r.node.target, resolved };
    },
  }),

  basename: read({
    description:
      "The last component of a path, optionally with a suffix removed (basename /a/report.md .md → report). Pure string operation: the path need not exist.",
    input: z.object({ path: z.string().describe("Any path"), suffix: z.string().max(255).optional().describe("Suffix to strip, e.g. '.md'") }).strict(),
    run: (_db, a) => {
      checkPathForm(a.path, "basename");
      const trimmed = a.path.replace(/\/+$/, "");
      if (trimmed === "") return { name: "/" };
      let name = trimmed.slice(trimmed.lastIndexOf("/") + 1);
      if (a.suffix && name !== a.suffix && name.endsWith(a.suffix)) name = name.slice(0, -a.suffix.length);
      return { name };
    },
  }),

  dirname: read({
    description: "The path with its last component removed (dirname /a/b/c.txt → /a/b; dirname c.txt → .). Pure string operation: the path need not exist.",
    input: z.object({ path: z.string().describe("Any path") }).strict(),
    run: (_db, a) => {
      checkPathForm(a.path, "dirname");
      const trimmed = a.path.replace(/\/+$/, "");
      if (trimmed === "") return { dirname: "/" };
      const i = trimmed.lastIndexOf("/");
      if (i < 0) return { dirname: "." };
      return { dirname: trimmed.slice(0, i).replace(/\/+$/, "") || "/" };
    },
  }),

  test_path: read({
    description:
      "Check a path without failing when it is missing (like test -e/-f/-d/-r/-w/-x): whether it exists, its type, whether it is a symbolic link, and whether the user may read, write and execute it.",
    input: z.object({ path: newPath("Path to check") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "test");
      let r;
      try {
        r = fs.resolve(a.path);
      } catch (e) {
        if (e instanceof ToolError && e.code !== "invalid_argument") return { path: fs.abs(a.path), exists: false, reason: e.message };
        throw e;
      }
      const link = fs.walk(r.abs, false).node;
      if (!r.node) return { path: r.abs, exists: false, is_symlink: link?.kind === "symlink" };
      return {
        path: r.abs,
        exists: true,
        type: TYPE_OF[r.node.kind],
        is_symlink: link?.kind === "symlink",
        readable: fs.can(r.node, "r"),
        writable: fs.can(r.node, "w"),
        executable: fs.can(r.node, "x"),
        owner: r.node.owner,
        empty: r.node.kind === "dir" ? fs.children(r.node.path).length === 0 : r.node.size === 0,
      };
    },
  }),

  find: read({
    description:
      "Search a directory tree (default the working directory) like find: by name glob ('*.md', case-insensitive with iname), whole-path glob, type (f file, d directory, l link), depth, size ('+10k', '-1M', '0c'), emptiness, owner, modification time, or being newer than another file. Unreadable directories are skipped and reported in errors. Paginated, in depth-first path order.",
    input: z
      .object({
        path: nodePath("Where to start; default the working directory").optional(),
        name: z.string().min(1).optional().describe("Glob on the entry's name: * any text, ? one character, [abc] a set (find -name)"),
        iname: z.string().min(1).optional().describe("Like name but case-insensitive (find -iname)"),
        path_pattern: z.string().min(1).optional().describe("Glob on the whole path, e.g. '*/tests/*' (find -path)"),
        type: z.enum(["f", "d", "l"]).optional().describe("f regular files, d directories, l symbolic links (find -type)"),
        min_depth: rangeStart("max_depth", z.number().int().min(0).max(64))
          .optional()
          .describe("Skip entries less deep than this; the start is depth 0 (find -mindepth)"),
        max_depth: z.number().int().min(0).max(64).optional().describe("Do not go deeper than this (find -maxdepth)"),
        size: z
          .string()
          .max(16)
          .optional()
          .describe("Size test: +N bigger, -N smaller, N exactly; units c bytes, k KiB, M MiB, G GiB, none = 512-byte blocks (find -size)"),
        empty: z.boolean().optional().describe("Only empty files and empty directories (find -empty)"),
        owner: z.string().max(64).optional().describe("Only entries owned by this user (find -user)"),
        newer: nodePath("Only entries modified after this file was (find -newer)").optional(),
        modified_after: rangeStart("modified_before", dateOrInstant("Only entries modified after this instant (a date means its midnight UTC)")).optional(),
        modified_before: dateOrInstant("Only entries modified before this instant (a date means its midnight UTC)").optional(),
        ...pageOf({ max: 500, default: 100, what: "paths" }),
      })
      .strict(),
    discovers: "node",
    run: (db, a, env) => {
      const fs = new Fs(db, env, "find");
      const r = fs.need(a.path ?? ".", (p) => `'${p}'`);
      const name = a.name ? compileGlob(a.name, { what: "find: -name pattern" }) : undefined;
      const iname = a.iname ? compileGlob(a.iname, { ignoreCase: true, what: "find: -iname pattern" }) : undefined;
      const whole = a.path_pattern ? compileGlob(a.path_pattern, { what: "find: -path pattern" }) : undefined;
      const size = a.size ? sizeTest(a.size) : undefined;
      const newer = a.newer ? fs.need(a.newer, (p) => `'${p}'`).node.modified_at : undefined;
      const after = a.modified_after ? time.toInstant(a.modified_after) : undefined;
      const before = a.modified_before ? time.toInstant(a.modified_before) : undefined;
      const { nodes, errors } = reachable(fs, r.node, a.max_depth === undefined ? {} : { maxDepth: a.max_depth });
      const parents = a.empty === undefined ? undefined : new Set(db.nodes.all().map((n) => parentOf(n.path)));
      const base = depthOf(r.node.path);
      const shownPath = (n: Node) => (r.abs === r.node.path ? n.path : r.abs + n.path.slice(r.node.path.length));
      const hits = [r.node, ...nodes].filter((n) => {
        const depth = depthOf(n.path) - base;
        const nm = n === r.node ? nameOf(r.abs) || "/" : nameOf(n.path);
        if (a.min_depth !== undefined && depth < a.min_depth) return false;
        if (a.max_depth !== undefined && depth > a.max_depth) return false;
        if (name && !name(nm)) return false;
        if (iname && !iname(nm)) return false;
        if (whole && !whole(shownPath(n))) return false;
        if (a.type && { f: "file", d: "dir", l: "symlink" }[a.type] !== n.kind) return false;
        if (size && !size(n.size)) return false;
        if (a.empty !== undefined && a.empty !== (n.kind === "dir" ? !parents?.has(n.path) : n.kind === "file" && n.size === 0)) return false;
        if (a.owner && n.owner !== a.owner) return false;
        if (newer && !(n.modified_at > newer)) return false;
        if (after && !(n.modified_at > after)) return false;
        if (before && !(n.modified_at < before)) return false;
        return true;
      });
      const items = hits.map((n) => ({ path: shownPath(n), type: TYPE_OF[n.kind], size: n.size, modified_at: n.modified_at }));
      return { ...paginate(items, a), ...(errors.length ? { errors } : {}) };
    },
  }),

  du: read({
    description:
      "Disk usage (apparent size in bytes; directories count 4096) of a directory and its subdirectories, like du --apparent-size: the total, and per subdirectory unless summarize is true; all: true lists files too. Biggest first, at most 200 entries.",
    input: z
      .object({
        path: nodePath("Directory or file to measure; default the working directory").optional(),
        summarize: z.boolean().default(false).describe("Only the total (du -s)"),
        max_depth: z.number().int().min(0).max(64).optional().describe("List subdirectories only down to this depth (du -d)"),
        all: z.boolean().default(false).describe("List files as well as directories (du -a)"),
        human_readable: z.boolean().default(false).describe("Add sizes like 4.0K, 1.2M (du -h)"),
      })
      .strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "du");
      const r = fs.need(a.path ?? ".", (p) => `cannot access '${p}'`);
      const { nodes, errors } = reachable(fs, r.node);
      const sizeOf = (n: Node) => (n.kind === "dir" ? 4096 : n.size);
      const totals = new Map<string, number>();
      for (const n of [r.node, ...nodes]) {
        for (let p = n.path; ; p = parentOf(p)) {
          totals.set(p, (totals.get(p) ?? 0) + sizeOf(n));
          if (p === r.node.path || p === "/") break;
        }
      }
      const total = totals.get(r.node.path) ?? 0;
      const fmt = (path: string, bytes: number) => ({ path, bytes, ...(a.human_readable ? { human: humanSize(bytes) } : {}) });
      const base = depthOf(r.node.path);
      const listed = a.summarize
        ? []
        : nodes
            .filter((n) => (a.all || n.kind === "dir") && (a.max_depth === undefined || depthOf(n.path) - base <= a.max_depth))
            .map((n) => fmt(n.path, totals.get(n.path) ?? 0))
            .sort((x, y) => y.bytes - x.bytes || comparePaths(x.path, y.path));
      return { ...fmt(r.abs, total), entries: listed.slice(0, DU_LIMIT), truncated: listed.length > DU_LIMIT, ...(errors.length ? { errors } : {}) };
    },
  }),

  df: read({
    description:
      "Free and used space of the virtual disk (256 MiB, 5,000 inodes), like df: size, used, available, use percent, and inode counts. Writes fail with 'No space left on device' past these limits.",
    input: z.object({ human_readable: z.boolean().default(false).describe("Add sizes like 12M (df -h)") }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "df");
      const u = fs.usage();
      const h = (n: number) => (a.human_readable ? { human: humanSize(n) } : {});
      return {
        filesystem: "/dev/vda1",
        mounted_on: "/",
        size: { bytes: DISK_BYTES, ...h(DISK_BYTES) },
        used: { bytes: u.bytes, ...h(u.bytes) },
        available: { bytes: DISK_BYTES - u.bytes, ...h(DISK_BYTES - u.bytes) },
        use_percent: Math.ceil((u.bytes / DISK_BYTES) * 100),
        inodes: MAX_INODES,
        inodes_used: u.inodes,
        inodes_free: MAX_INODES - u.inodes,
      };
    },
  }),
};
