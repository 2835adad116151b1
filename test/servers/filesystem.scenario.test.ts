/** Multi-step file-system tasks where every call uses an output of an earlier one. */
import { describe, expect, it } from "vitest";
import filesystem from "../../ts/servers/filesystem/index.ts";
import { worldFor } from "../../ts/servers/framework/index.ts";
import { openSession } from "../helpers/session.ts";

const SEED = 21;
const HOME = `/home/${worldFor(SEED).user.handle}`;

describe("filesystem scenarios", () => {
  it("archives the quarterly reports, removes the copies and restores them intact", () => {
    const s = openSession(filesystem, SEED);
    // 1. Discover the reports.
    const reports: string[] = s.ok("find", { path: "~/Documents/Reports", name: "Q*-report.md", type: "f" }).items.map((i: { path: string }) => i.path);
    expect(reports).toHaveLength(3);
    // 2. Make an archive folder; its path comes back in the result.
    const folder: string = s.ok("mkdir", { path: "~/Archive/quarterly", parents: true }).path;
    expect(folder).toBe(`${HOME}/Archive/quarterly`);
    // 3. Copy each report into it (the destination is the folder from step 2).
    const copies = reports.map((r) => s.ok("cp", { source: r, destination: folder }).path as string);
    expect(copies.map((c) => c.slice(folder.length + 1))).toEqual(reports.map((r) => r.split("/").pop()));
    // 4. Pack the folder into a tar next to it.
    const archive = s.ok("tar_create", { archive: `${folder}.tar`, paths: [folder], directory: `${HOME}/Archive` });
    expect(archive).toMatchObject({ path: `${folder}.tar`, members: 4, files: 3 });
    // 5. Remove the folder; only the archive is left.
    expect(s.ok("rm", { path: folder, recursive: true }).count).toBe(4);
    expect(s.ok("ls", { path: "~/Archive" }).items.map((e: { name: string }) => e.name)).toEqual(["quarterly.tar"]);
    // 6. Restore into /tmp and check every restored file equals its original.
    const restored = s.ok("tar_extract", { archive: archive.path, directory: "/tmp" });
    expect(restored.extracted).toBe(4);
    for (const original of reports) {
      const back = `/tmp/quarterly/${original.split("/").pop()}`;
      expect(restored.paths).toContain(back);
      expect(s.ok("diff", { left: original, right: back })).toMatchObject({ identical: true, diff: "" });
      expect(s.ok("sha256sum", { paths: [back] }).files[0].sha256).toBe(s.ok("sha256sum", { paths: [original] }).files[0].sha256);
    }
  });

  it("finds a TODO in the current project through its link, fixes it, and reviews the change as a diff", () => {
    const s = openSession(filesystem, SEED);
    // 1. Where does ~/current-project point?
    const project: string = s.ok("realpath", { path: "~/current-project" }).path;
    expect(project.startsWith(`${HOME}/Projects/`)).toBe(true);
    // 2. Search it for TODO markers.
    const hit = s.ok("grep", { pattern: "TODO\\(", path: project, recursive: true, include: "*.ts" }).items[0] as {
      path: string;
      line_number: number;
      line: string;
    };
    expect(hit.line).toContain("TODO(");
    // 3. Keep a backup of the file before editing it.
    const backup: string = s.ok("cp", { source: hit.path, destination: `${hit.path}.bak` }).path;
    // 4. Replace the TODO line found by grep.
    const fixed = hit.line.replace(/\/\/ TODO\(.*\): /, "// NOTE: ");
    expect(s.ok("replace_in_file", { path: hit.path, old_text: hit.line, new_text: fixed })).toMatchObject({ replacements: 1, lines: [hit.line_number] });
    // 5. Read back exactly that line.
    expect(s.ok("cat", { path: hit.path, offset: hit.line_number, limit: 1 }).content).toBe(`${fixed}\n`);
    // 6. The diff against the backup shows one line changed at that place.
    const d = s.ok("diff", { left: backup, right: hit.path, context: 0 });
    expect(d).toMatchObject({ identical: false, added: 1, removed: 1 });
    expect(d.diff).toContain(`@@ -${hit.line_number} +${hit.line_number} @@\n-${hit.line}\n+${fixed}\n`);
  });

  it("locks a private file down, proves it is unreadable to the group, then shares a copy with the team", () => {
    const s = openSession(filesystem, SEED);
    // 1. Write a draft.
    const draft = s.ok("write_file", { path: "~/notes/offsite-plan.md", content: "# Offsite\n- venue: TBD\n" });
    // 2. Make it private (owner read/write only) and read-only for a moment.
    expect(s.ok("chmod", { path: draft.path, mode: "400" }).permissions).toBe("-r--------");
    s.fails("append_file", { path: draft.path, content: "- budget: 4k\n" }, "permission_denied", /mode 400/);
    // 3. Allow writing again and finish it.
    s.ok("chmod", { path: draft.path, mode: "u+w" });
    const done = s.ok("append_file", { path: draft.path, content: "- budget: 4k\n" });
    expect(done.size).toBe(draft.size + 13);
    // 4. Share a copy in the team directory (group-writable, setgid) and give it the team group.
    const shared: string = s.ok("cp", { source: done.path, destination: "/srv/team/" }).path;
    expect(shared).toBe("/srv/team/offsite-plan.md");
    expect(s.ok("chown", { path: shared, group: "developers" }).group).toBe("developers");
    expect(s.ok("chmod", { path: shared, mode: "664" }).mode).toBe("664");
    expect(s.ok("cat", { path: shared }).content).toBe("# Offsite\n- venue: TBD\n- budget: 4k\n");
  });
});
