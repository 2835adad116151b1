/**
 * Archives, like tar -cf / -tf / -xf. An archive is an ordinary file whose content is a
 * manifest of members (name, type, mode, time, content or link target) after a magic line, so
 * `file` recognises it and every other tool can move, copy and delete it.
 * Rules: member names are relative (a leading '/' is removed, as GNU tar does) and never
 * contain '..'; extraction does not overwrite existing files when keep_old_files is set; an
 * archive holds at most 1 MiB like any file.
 */
import { fail, pageOf, paginate, time, z } from "../../framework/index.ts";
import { comparePaths, isWithin, join, parentOf, relativeTo, splitPath } from "../paths.ts";
import { write, read, type Node } from "../state.ts";
import { TAR_MAGIC, utf8Length } from "../textutil.ts";
import { DIR_SIZE, Fs, MAX_INODES, meta, modeBits, modeString } from "../vfs.ts";
import { newPath, nodePath, nodePaths } from "./common.ts";

const Member = z.object({
  name: z.string().min(1).max(4096),
  type: z.enum(["file", "dir", "symlink"]),
  mode: z.string().regex(/^[0-7]{3,4}$/),
  modified_at: z.string().refine(time.isIsoInstant),
  content: z.string().optional(),
  target: z.string().optional(),
});
type Member = z.output<typeof Member>;
const Manifest = z.object({ members: z.array(Member).max(MAX_INODES) });

function loadArchive(fs: Fs, input: string): { abs: string; node: Node; members: Member[] } {
  const f = fs.readFile(input, (p) => p);
  const bad = () => fail(`tar: ${f.abs}: This does not look like a tar archive (create archives with tar_create; 'file' tells what this file is)`);
  if (!f.content.startsWith(TAR_MAGIC)) return bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(f.content.slice(TAR_MAGIC.length));
  } catch {
    return bad();
  }
  const m = Manifest.safeParse(parsed);
  if (!m.success) return bad();
  return { abs: f.abs, node: f.node, members: m.data.members };
}

/** A member name made safe: no leading '/', no '.', and never '..'. */
function memberPath(archive: string, name: string): string {
  const parts = splitPath(name).filter((p) => p !== ".");
  if (parts.length === 0) fail(`tar: ${archive}: member '${name}' has an empty name; the archive is damaged`);
  if (parts.includes("..")) fail(`tar: ${archive}: member '${name}' contains '..'; refusing to extract outside the target directory`, "permission_denied");
  return parts.join("/");
}

export const archiveTools = {
  tar_create: write({
    description:
      "Pack files and directories (recursively) into an archive file, like tar -cf archive.tar paths… Member names are relative to directory (default the working directory; tar -C), so extracting recreates the same layout. Existing archive files are replaced. Returns the archive's path, size and member count.",
    input: z
      .object({
        archive: newPath("Archive file to write, e.g. ~/backup.tar"),
        paths: nodePaths("Files and directories to pack (1-50)").min(1, "give at least one path to pack"),
        directory: nodePath("Directory member names are relative to (tar -C); default the working directory").optional(),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "tar");
      const base = fs.needDir(a.directory ?? ".", (p) => `cannot change to directory '${p}'`);
      const target = fs.writeTarget(a.archive, (p) => `${p}: Cannot open`);
      const members: Member[] = [];
      const seen = new Set<string>();
      for (const p of a.paths) {
        const r = fs.need(p, (x) => `${x}: Cannot stat`, false);
        const nodes = r.node.kind === "dir" ? [r.node, ...fs.descendants(r.node.path).sort((x, y) => comparePaths(x.path, y.path))] : [r.node];
        for (const n of nodes) {
          if (n.path === target.r.path || seen.has(n.path)) continue;
          if ((n.kind === "file" && !fs.can(n, "r")) || (n.kind === "dir" && (!fs.can(n, "r") || !fs.can(n, "x")))) {
            fs.require(n, fs.can(n, "r") ? "x" : "r", `${n.path}: Cannot open`, "archive it");
          }
          seen.add(n.path);
          const name = isWithin(n.path, base.node.path) && n.path !== base.node.path ? relativeTo(n.path, base.node.path) : n.path.slice(1) || ".";
          members.push({
            name,
            type: n.kind,
            mode: n.mode,
            modified_at: n.modified_at,
            ...(n.kind === "file" ? { content: n.content ?? "" } : {}),
            ...(n.kind === "symlink" ? { target: n.target ?? "" } : {}),
          });
        }
      }
      const body = TAR_MAGIC + JSON.stringify({ members });
      const node = fs.putFile(target.r.path, body, target.existing, `${target.r.abs}: Cannot write`);
      return { ...meta(node), members: members.length, files: members.filter((m) => m.type === "file").length };
    },
  }),

  tar_list: read({
    description: "List the members of an archive made with tar_create (tar -tf): name, type, size, mode and modification time. Paginated.",
    input: z.object({ archive: nodePath("The archive file"), ...pageOf({ max: 500, default: 100, what: "members" }) }).strict(),
    run: (db, a, env) => {
      const fs = new Fs(db, env, "tar");
      const t = loadArchive(fs, a.archive);
      const items = t.members.map((m) => ({
        name: m.name,
        type: m.type === "dir" ? "directory" : m.type,
        size: m.type === "file" ? utf8Length(m.content ?? "") : m.type === "dir" ? DIR_SIZE : utf8Length(m.target ?? ""),
        mode: m.mode,
        modified_at: m.modified_at,
        ...(m.type === "symlink" ? { target: m.target } : {}),
      }));
      return { archive: t.abs, ...paginate(items, a) };
    },
  }),

  tar_extract: write({
    description:
      "Unpack an archive made with tar_create into directory (default the working directory; it must exist), like tar -xf: recreates files, directories and links with their modes and times, owned by the user. Existing files are overwritten unless keep_old_files (tar -k). members limits extraction to those names (and what is below them). Returns how many entries were extracted.",
    input: z
      .object({
        archive: nodePath("The archive file"),
        directory: nodePath("Directory to extract into (tar -C); default the working directory").optional(),
        keep_old_files: z.boolean().default(false).describe("Fail instead of overwriting existing files (tar -k)"),
        members: z.array(z.string().min(1)).max(100).optional().describe("Only extract these member names (and their contents, for directories)"),
      })
      .strict(),
    produces: "node",
    destructive: true,
    run: (db, a, env) => {
      const fs = new Fs(db, env, "tar");
      // Like tar -C, the destination is entered before the archive is read.
      const dest = fs.needDir(a.directory ?? ".", (p) => `cannot change to directory '${p}'`);
      const t = loadArchive(fs, a.archive);
      const wanted = a.members?.map((m) => memberPath(t.abs, m));
      const chosen = t.members
        .map((m) => ({ m, rel: memberPath(t.abs, m.name) }))
        .filter(({ rel }) => !wanted || wanted.some((w) => rel === w || rel.startsWith(`${w}/`)));
      if (wanted) {
        const missing = wanted.filter((w) => !chosen.some(({ rel }) => rel === w || rel.startsWith(`${w}/`)));
        if (missing.length) fail(`tar: ${missing[0]}: Not found in archive ${t.abs} (list members with tar_list)`, "not_found");
      }
      // Shallow entries first, so directories exist before what they hold.
      chosen.sort((x, y) => comparePaths(x.rel, y.rel));
      const extracted: string[] = [];
      for (const { m, rel } of chosen) {
        const path = join(dest.node.path, ...rel.split("/"));
        const existing = fs.get(path);
        const parent = fs.get(parentOf(path));
        const subject = `${rel}: Cannot open`;
        if (!parent) {
          // The archive lacks the directory entries (e.g. members chosen below them): make them.
          const parts = rel.split("/").slice(0, -1);
          for (let k = 1; k <= parts.length; k++) {
            const dir = join(dest.node.path, ...parts.slice(0, k));
            const have = fs.get(dir);
            if (have && have.kind !== "dir") fail(`tar: ${subject}: Not a directory (${dir} is a ${have.kind === "file" ? "regular file" : "symbolic link"})`);
            if (have) continue;
            fs.require(fs.get(parentOf(dir)) as Node, "w", subject, `create entries in ${parentOf(dir)}`);
            fs.makeDir(dir);
          }
        } else if (parent.kind !== "dir")
          fail(`tar: ${subject}: Not a directory (${parent.path} is a ${parent.kind === "file" ? "regular file" : "symbolic link"})`);
        if (existing) {
          if (m.type === "dir" && existing.kind === "dir") continue;
          if (a.keep_old_files)
            fail(`tar: ${subject}: File exists (${path} is already there; extract elsewhere or drop keep_old_files to overwrite)`, "already_exists");
          if (existing.kind === "dir") fail(`tar: ${subject}: Cannot replace the directory ${path} with a ${m.type === "file" ? "file" : "link"}`);
          fs.requireUnlink(existing, subject);
          db.nodes.delete(path);
        } else fs.require(fs.get(parentOf(path)) as Node, "w", subject, `create entries in ${parentOf(path)}`);
        const mode = modeString(modeBits(m.mode) & 0o1777);
        const common = { path, mode, owner: fs.user, group: fs.sh.groups[0] as string, created_at: env.now, modified_at: m.modified_at };
        if (m.type === "dir") {
          db.nodes.put({ ...common, kind: "dir", size: DIR_SIZE });
        } else if (m.type === "symlink") {
          db.nodes.put({ ...common, kind: "symlink", target: m.target ?? "", size: utf8Length(m.target ?? ""), mode: "777" });
        } else {
          const c = m.content ?? "";
          db.nodes.put({ ...common, kind: "file", content: c, size: fs.checkFileSize(c, subject) });
        }
        fs.touchDir(parentOf(path));
        extracted.push(path);
      }
      fs.checkCapacity(`${t.abs}: Cannot extract`);
      return {
        path: dest.node.path,
        archive: t.abs,
        extracted: extracted.length,
        paths: extracted.slice(0, 50),
        ...(extracted.length > 50 ? { more: extracted.length - 50 } : {}),
      };
    },
  }),
};
