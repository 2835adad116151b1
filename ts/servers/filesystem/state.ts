/**
 * File-system state: one table of nodes (files, directories, symbolic links) keyed by their
 * absolute normalised path, and a one-row table for the shell (who the user is, where they are).
 * Shaped after POSIX `stat`: kind, size, octal mode, owner and group, creation and change times.
 */
import { table, toolkit, z } from "../framework/index.ts";

export const NODE_KINDS = ["file", "dir", "symlink"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const Node = z.object({
  /** Absolute normalised path, "/home/maya.okafor/notes/todo.md"; "/" is the root. */
  path: z.string().min(1).max(4096).startsWith("/"),
  kind: z.enum(NODE_KINDS),
  /** Files only: the text held (binary files hold a short placeholder). */
  content: z.string().optional(),
  /** Symbolic links only: the path the link points to, as written when it was made. */
  target: z.string().optional(),
  /** Bytes: UTF-8 length of the content (files) or of the target (links); 4096 for directories. */
  size: z.number().int().min(0),
  /** Octal permission bits, "644", "755"; a fourth leading digit holds setgid/sticky ("1777"). */
  mode: z.string().regex(/^[0-7]{3,4}$/),
  owner: z.string().min(1),
  group: z.string().min(1),
  created_at: z.string(),
  modified_at: z.string(),
});
export type Node = z.output<typeof Node>;

export const Shell = z.object({
  id: z.string(),
  /** The user every command runs as (world.user.handle). */
  user: z.string(),
  uid: z.number().int(),
  /** Primary group first. */
  groups: z.array(z.string()).min(1),
  home: z.string(),
  hostname: z.string(),
  /** Working directory, as `cd` left it (logical: symbolic links are kept as written). */
  cwd: z.string(),
  /** Where `cd -` goes back to. */
  previous_cwd: z.string().optional(),
});
export type Shell = z.output<typeof Shell>;

const KIND_WORD: Record<NodeKind, string> = { file: "file", dir: "directory", symlink: "symbolic link" };

export const tables = {
  nodes: table("node", Node, {
    key: "path",
    example: "/home/maya.okafor/notes/todo.md",
    describe: (n) => (n.kind === "symlink" ? `the symbolic link ${n.path} pointing to ${n.target}` : `the ${KIND_WORD[n.kind]} ${n.path}`),
  }),
  shells: table("shell", Shell, {
    example: "shell",
    describe: (s) => `the shell of ${s.user} on ${s.hostname}, working in ${s.cwd}`,
  }),
};

export const { read, write } = toolkit(tables);

export function kindWord(kind: NodeKind): string {
  return KIND_WORD[kind];
}
