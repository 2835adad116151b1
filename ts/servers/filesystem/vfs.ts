/**
 * The virtual file system's kernel: path resolution through symbolic links, POSIX permission
 * checks, the error messages of coreutils (plus what would be valid), and the primitive writes
 * every tool composes (create a file or directory, remove a tree, account for disk space).
 *
 * Rules enforced here, for every tool:
 * - permissions follow POSIX: the owner's, the group's or the others' bits apply, whichever
 *   class the user falls in; reading a file needs r, changing it w; listing a directory needs
 *   r, entering or passing through it x, creating or removing entries in it w (and x);
 * - in a sticky directory (/tmp) only an entry's owner or the directory's owner may remove or
 *   rename it;
 * - a file holds at most 1 MiB; the disk holds 256 MiB and 5,000 inodes (ENOSPC past them);
 * - symbolic links are followed at most 40 deep (ELOOP).
 */
import { editDistance, fail, type CallEnv, type Db } from "../framework/index.ts";
import { collapse, join, nameOf, normalize, parentOf, splitPath, isWithin } from "./paths.ts";
import { kindWord, type Node, type Shell, type tables } from "./state.ts";
import { humanSize, utf8Length } from "./textutil.ts";

export type FsDb = Db<typeof tables>;

export const SHELL_ID = "shell";
export const MAX_FILE_BYTES = 1_048_576;
export const DISK_BYTES = 256 * 1_048_576;
export const MAX_INODES = 5_000;
export const MAX_SYMLINK_HOPS = 40;
/** Size `ls -l` shows for a directory. */
export const DIR_SIZE = 4096;

export type Access = "r" | "w" | "x";
const BIT: Record<Access, number> = { r: 4, w: 2, x: 1 };

/** The 12 permission bits of a mode string ("644" → 0o644, "1777" → 0o1777). */
export function modeBits(mode: string): number {
  return parseInt(mode, 8);
}

/** Mode string from bits: three digits, or four when setuid/setgid/sticky is set. */
export function modeString(bits: number): string {
  const s = (bits & 0o7777).toString(8);
  return bits & 0o7000 ? s.padStart(4, "0") : s.padStart(3, "0");
}

/** "drwxr-xr-x", "-rw-r--r--", "drwxrwxrwt" as `ls -l` prints them. */
export function permString(kind: Node["kind"], mode: string): string {
  const b = modeBits(mode);
  const t = kind === "dir" ? "d" : kind === "symlink" ? "l" : "-";
  const triple = (shift: number, special: boolean, lower: string, upper: string) => {
    const v = (b >> shift) & 7;
    const x = v & 1 ? (special ? lower : "x") : special ? upper : "-";
    return `${v & 4 ? "r" : "-"}${v & 2 ? "w" : "-"}${x}`;
  };
  return t + triple(6, (b & 0o4000) !== 0, "s", "S") + triple(3, (b & 0o2000) !== 0, "s", "S") + triple(0, (b & 0o1000) !== 0, "t", "T");
}

/**
 * Applies a chmod mode: octal ("755", "0644", "1777") or symbolic ("u+x", "go-w", "a=r",
 * "u=rwx,g=rx,o="). Returns the new bits, or undefined when the spec is not a valid mode.
 */
export function applyModeSpec(current: number, spec: string, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let bits = current & 0o7777;
  for (const clause of spec.split(",")) {
    const m = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] || "a";
    let mask = 0;
    if (who.includes("u") || who.includes("a")) mask |= 0o4700;
    if (who.includes("g") || who.includes("a")) mask |= 0o2070;
    if (who.includes("o") || who.includes("a")) mask |= 0o1007;
    for (const op of (m[2] as string).match(/[-+=][rwxXst]*/g) ?? []) {
      let perm = 0;
      for (const p of op.slice(1)) {
        if (p === "r") perm |= 0o444;
        else if (p === "w") perm |= 0o222;
        else if (p === "x") perm |= 0o111;
        else if (p === "X") perm |= isDir || bits & 0o111 ? 0o111 : 0;
        else if (p === "s") perm |= 0o6000;
        else if (p === "t") perm |= 0o1000;
      }
      perm &= mask;
      if (op[0] === "+") bits |= perm;
      else if (op[0] === "-") bits &= ~perm;
      else bits = (bits & ~mask) | perm;
    }
  }
  return bits;
}

export interface Resolved {
  /** The operand as an absolute, lexically normalised path (what messages quote). */
  abs: string;
  /** Where the node is or would be, symbolic links followed. */
  path: string;
  node?: Node;
  /** When the node does not exist: the first path component that is missing. */
  missing?: string;
}

export type Found = Resolved & { node: Node };

/** One tool call's view of the file system: the shell, the clock and the rules. */
export class Fs {
  readonly sh: Shell;

  constructor(
    readonly db: FsDb,
    readonly env: CallEnv,
    readonly cmd: string,
  ) {
    const sh = db.shells.get(SHELL_ID);
    if (!sh) fail(`${cmd}: no shell session is set up`);
    this.sh = sh;
  }

  get user(): string {
    return this.sh.user;
  }

  get now(): string {
    return this.env.now;
  }

  private get isRoot(): boolean {
    return this.sh.user === "root";
  }

  /** The absolute, lexically normalised form of an operand. */
  abs(input: string): string {
    return normalize(input, this.sh.cwd, this.sh.home, this.cmd);
  }

  get(path: string): Node | undefined {
    return this.db.nodes.get(path);
  }

  // ------------------------------------------------------------------ permissions

  /** Which class of the mode applies to the user for this node. */
  classOf(node: Node): "owner" | "group" | "other" {
    if (node.owner === this.user) return "owner";
    return this.sh.groups.includes(node.group) ? "group" : "other";
  }

  can(node: Node, a: Access): boolean {
    if (this.isRoot) return true;
    const b = modeBits(node.mode);
    const shift = { owner: 6, group: 3, other: 0 }[this.classOf(node)];
    return ((b >> shift) & BIT[a]) !== 0;
  }

  /** What the user may do with a node, in words: "read and write it", "list and enter it", "not use it at all". */
  private rights(node: Node): string {
    // A directory's write right comes last so the sentence ends well: "enter and add or remove entries in it".
    const [order, words] =
      node.kind === "dir"
        ? [["r", "x", "w"] as const, { r: "list", w: "add or remove entries in", x: "enter" }]
        : [["r", "w", "x"] as const, { r: "read", w: "write", x: "execute" }];
    const ok = order.filter((a) => this.can(node, a)).map((a) => words[a]);
    if (ok.length === 0) return "not use it at all";
    return `only ${ok.length === 1 ? ok[0] : `${ok.slice(0, -1).join(", ")} and ${ok[ok.length - 1]}`} it`;
  }

  /** Throws EACCES naming the owner, the mode and what would be allowed. */
  denied(node: Node, a: Access, subject: string, purpose: string): never {
    const cls = this.classOf(node);
    const as = cls === "owner" ? "its owner" : cls === "group" ? `a member of group ${node.group}` : "neither its owner nor in its group";
    let advice: string;
    if (cls === "owner") advice = `run chmod with mode u+${a} on ${node.path} first if you mean to ${purpose}`;
    else if (a === "w") advice = `${this.user} can write under ${this.sh.home} and /tmp instead`;
    else advice = `only ${node.owner} can grant access`;
    fail(
      `${this.cmd}: ${subject}: Permission denied (${kindWord(node.kind)} ${node.path} is owned by ${node.owner}:${node.group} with mode ${node.mode} ` +
        `(${permString(node.kind, node.mode)}); ${this.user} is ${as} and may ${this.rights(node)}; ${advice})`,
      "permission_denied",
    );
  }

  require(node: Node, a: Access, subject: string, purpose: string): void {
    if (!this.can(node, a)) this.denied(node, a, subject, purpose);
  }

  /** Removing or renaming `node` needs w+x on its directory and, if that is sticky, ownership. */
  requireUnlink(node: Node, subject: string): void {
    const dir = this.get(parentOf(node.path));
    if (!dir) return;
    this.require(dir, "w", subject, `remove entries from ${dir.path}`);
    this.require(dir, "x", subject, `remove entries from ${dir.path}`);
    if (modeBits(dir.mode) & 0o1000 && !this.isRoot && node.owner !== this.user && dir.owner !== this.user) {
      fail(
        `${this.cmd}: ${subject}: Operation not permitted (${dir.path} is sticky (mode ${dir.mode}): only an entry's owner may remove or rename it, and ${node.path} belongs to ${node.owner}; ${this.user} may remove only their own files there)`,
        "permission_denied",
      );
    }
  }

  // ------------------------------------------------------------------ resolution

  resolve(input: string, follow = true): Resolved {
    return this.walk(this.abs(input), follow);
  }

  /** Follows `abs` from the root, component by component, through symbolic links. */
  walk(abs: string, follow: boolean): Resolved {
    let parts = splitPath(abs);
    let cur = "/";
    let i = 0;
    let hops = 0;
    while (i < parts.length) {
      const dir = this.get(cur);
      if (!dir) return { abs, path: join(cur, ...parts.slice(i)), missing: cur };
      if (!this.can(dir, "x")) this.denied(dir, "x", `cannot access '${abs}'`, "pass through it");
      const next = join(cur, parts[i] as string);
      const node = this.get(next);
      const last = i === parts.length - 1;
      if (!node) return { abs, path: join(next, ...parts.slice(i + 1)), missing: next };
      if (node.kind === "symlink" && (follow || !last)) {
        if (++hops > MAX_SYMLINK_HOPS) {
          fail(
            `${this.cmd}: cannot access '${abs}': Too many levels of symbolic links (${next} -> ${node.target} never reaches a file; inspect it with readlink)`,
          );
        }
        const target = node.target ?? "";
        parts = [...splitPath(collapse(target.startsWith("/") ? target : join(cur, target), this.cmd)), ...parts.slice(i + 1)];
        cur = "/";
        i = 0;
        continue;
      }
      if (!last && node.kind !== "dir") fail(`${this.cmd}: cannot access '${abs}': Not a directory (${next} is a ${kindWord(node.kind)})`);
      cur = next;
      i++;
    }
    const node = this.get(cur);
    return node ? { abs, path: cur, node } : { abs, path: cur, missing: cur };
  }

  /** Names in a directory, visible ones first, for hints. */
  private hintNames(dir: string): string[] {
    const names = this.children(dir).map((n) => nameOf(n.path));
    const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : 1);
    return [...names.filter((n) => !n.startsWith(".")).sort(byName), ...names.filter((n) => n.startsWith(".")).sort(byName)];
  }

  /** ENOENT, with the entries of the nearest existing directory and a close match if any. */
  noSuch(r: Resolved, subject: string): never {
    const missing = r.missing ?? r.path;
    const dir = parentOf(missing);
    const want = nameOf(missing).toLowerCase();
    const dirNode = this.get(dir);
    const notes: string[] = [];
    if (missing !== r.path) notes.push(`${missing} does not exist`);
    if (dirNode && dirNode.kind === "dir" && this.can(dirNode, "r")) {
      const names = this.hintNames(dir).filter((n) => want.startsWith(".") || !n.startsWith("."));
      const close =
        names.find((n) => n.toLowerCase() === want) ??
        names.find((n) => want.length > 2 && editDistance(n.toLowerCase(), want, 3) <= 2) ??
        names.find((n) => want.length > 1 && n.toLowerCase().startsWith(want)) ??
        names.find((n) => want.length > 2 && n.toLowerCase().startsWith(want.slice(0, 3)));
      if (close) notes.push(`did you mean ${join(dir, close)}?`);
      notes.push(names.length ? `in ${dir}: ${names.slice(0, 10).join(", ")}${names.length > 10 ? "…" : ""}` : `${dir} is empty`);
    }
    fail(`${this.cmd}: ${subject}: No such file or directory${notes.length ? ` (${notes.join("; ")})` : ""}`, "not_found");
  }

  /** The node an operand names; ENOENT otherwise. `follow: false` stats a link itself. */
  need(input: string, subject: (abs: string) => string, follow = true): Found {
    const r = this.resolve(input, follow);
    if (!r.node) this.noSuch(r, subject(r.abs));
    return r as Found;
  }

  needDir(input: string, subject: (abs: string) => string): Found {
    const r = this.need(input, subject);
    if (r.node.kind !== "dir") fail(`${this.cmd}: ${subject(r.abs)}: Not a directory (it is a ${kindWord(r.node.kind)})`);
    return r;
  }

  /** A regular file the user may read. Directories fail with EISDIR. */
  readFile(input: string, subject: (abs: string) => string = (p) => p): Found & { content: string } {
    const r = this.need(input, subject);
    if (r.node.kind === "dir") {
      fail(`${this.cmd}: ${subject(r.abs)}: Is a directory (use ls to list it, or name a file inside it)`);
    }
    this.require(r.node, "r", subject(r.abs), "read it");
    return { ...r, content: r.node.content ?? "" };
  }

  /**
   * The directory a new entry at `r` goes in: every component above it must exist, it must be
   * a directory and the user must be allowed to add entries to it.
   */
  parentFor(r: Resolved, subject: string): Node {
    if (r.missing !== undefined && r.missing !== r.path) this.noSuch({ ...r, path: r.path }, subject);
    const parent = this.get(parentOf(r.path));
    if (!parent) this.noSuch({ ...r, missing: parentOf(r.path) }, subject);
    if (parent.kind !== "dir") fail(`${this.cmd}: ${subject}: Not a directory (${parent.path} is a ${kindWord(parent.kind)})`);
    this.require(parent, "w", subject, `create entries in ${parent.path}`);
    return parent;
  }

  /** The file to write at an operand, following links; a directory is refused. */
  writeTarget(input: string, subject: (abs: string) => string): { r: Resolved; existing?: Node } {
    const r = this.resolve(input);
    if (r.node) {
      if (r.node.kind === "dir") fail(`${this.cmd}: ${subject(r.abs)}: Is a directory (name a file inside it, e.g. ${join(r.path, "notes.txt")})`);
      this.require(r.node, "w", subject(r.abs), "change it");
      return { r, existing: r.node };
    }
    this.parentFor(r, subject(r.abs));
    return { r };
  }

  // ------------------------------------------------------------------ listing

  children(dir: string): Node[] {
    return this.db.nodes.filter((n) => n.path !== "/" && parentOf(n.path) === dir);
  }

  /** Every node strictly below `dir`. */
  descendants(dir: string): Node[] {
    return this.db.nodes.filter((n) => n.path !== dir && isWithin(n.path, dir));
  }

  /** Bytes and inodes in use on the whole disk. */
  usage(): { bytes: number; inodes: number } {
    let bytes = 0;
    let inodes = 0;
    for (const n of this.db.nodes.all()) {
      inodes++;
      bytes += n.kind === "dir" ? DIR_SIZE : n.size;
    }
    return { bytes, inodes };
  }

  /** ENOSPC unless the disk can take `bytes` more bytes and `inodes` more entries. */
  ensureSpace(bytes: number, inodes: number, subject: string): void {
    if (bytes <= 0 && inodes <= 0) return;
    const u = this.usage();
    if (u.inodes + inodes > MAX_INODES) {
      fail(
        `${this.cmd}: ${subject}: No space left on device (all ${MAX_INODES} inodes would be used: ${u.inodes} in use, ${inodes} more needed; remove files you no longer need with rm)`,
        "limit_exceeded",
      );
    }
    if (u.bytes + bytes > DISK_BYTES) {
      fail(
        `${this.cmd}: ${subject}: No space left on device (the disk holds ${humanSize(u.bytes)} of ${humanSize(DISK_BYTES)}; this needs ${humanSize(bytes)} more; free space with rm or truncate)`,
        "limit_exceeded",
      );
    }
  }

  /** ENOSPC if what this call has written so far overfills the disk (the call is then undone). */
  checkCapacity(subject: string): void {
    const u = this.usage();
    if (u.inodes > MAX_INODES) {
      fail(
        `${this.cmd}: ${subject}: No space left on device (this would use ${u.inodes} of ${MAX_INODES} inodes; remove files you no longer need with rm)`,
        "limit_exceeded",
      );
    }
    if (u.bytes > DISK_BYTES) {
      fail(
        `${this.cmd}: ${subject}: No space left on device (this would fill ${humanSize(u.bytes)} of the ${humanSize(DISK_BYTES)} disk; free space with rm or truncate)`,
        "limit_exceeded",
      );
    }
  }

  // ------------------------------------------------------------------ writes

  /** Updates a directory's modification time (an entry was added or removed). */
  touchDir(path: string): void {
    const d = this.get(path);
    if (d && d.kind === "dir") this.db.nodes.put({ ...d, modified_at: this.now });
  }

  checkFileSize(content: string, subject: string): number {
    const size = utf8Length(content);
    if (size > MAX_FILE_BYTES) {
      fail(
        `${this.cmd}: ${subject}: File too large (the content would be ${humanSize(size)}; a file holds at most ${humanSize(MAX_FILE_BYTES)}; split it into several files)`,
        "limit_exceeded",
      );
    }
    return size;
  }

  /** Creates or replaces a regular file; a replaced file keeps its mode and owner. */
  putFile(path: string, content: string, existing: Node | undefined, subject: string, fields: Partial<Node> = {}): Node {
    const size = this.checkFileSize(content, subject);
    this.ensureSpace(size - (existing?.size ?? 0), existing ? 0 : 1, subject);
    const node: Node = existing
      ? { ...existing, content, size, modified_at: this.now, ...fields }
      : {
          path,
          kind: "file",
          content,
          size,
          mode: "644",
          owner: this.user,
          group: this.sh.groups[0] as string,
          created_at: this.now,
          modified_at: this.now,
          ...fields,
        };
    this.db.nodes.put(node);
    if (!existing) this.touchDir(parentOf(path));
    return node;
  }

  makeDir(path: string, mode = "755"): Node {
    const node: Node = {
      path,
      kind: "dir",
      size: DIR_SIZE,
      mode,
      owner: this.user,
      group: this.sh.groups[0] as string,
      created_at: this.now,
      modified_at: this.now,
    };
    this.db.nodes.put(node);
    this.touchDir(parentOf(path));
    return node;
  }

  /** Deletes a node and everything below it; returns how many nodes went. */
  removeTree(path: string): number {
    const below = this.descendants(path);
    for (const n of below) this.db.nodes.delete(n.path);
    this.db.nodes.delete(path);
    this.touchDir(parentOf(path));
    return below.length + 1;
  }
}

/** A node as list tools show it: everything but the content. */
export function meta(n: Node): Omit<Node, "content"> & { permissions: string } {
  const { content: _content, ...rest } = n;
  return { ...rest, permissions: permString(n.kind, n.mode) };
}
