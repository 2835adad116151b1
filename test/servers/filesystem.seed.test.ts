/** The file system's seed, checked against the rules of a real Linux laptop. */
import { expect } from "vitest";
import filesystem from "../../ts/servers/filesystem/index.ts";
import type { Node, Shell } from "../../ts/servers/filesystem/state.ts";
import { RULE_SEEDS, seedRules } from "../helpers/seed-rules.ts";

const parent = (p: string) => (p.lastIndexOf("/") === 0 ? "/" : p.slice(0, p.lastIndexOf("/")));
/** The absolute path a link's target names, resolved from the link's directory (one level: enough for the seed's links). */
const targetOf = (link: Node) => {
  const t = link.target!;
  const parts = (t.startsWith("/") ? t : `${parent(link.path)}/${t}`).split("/");
  const out: string[] = [];
  for (const x of parts)
    if (x === "..") out.pop();
    else if (x && x !== ".") out.push(x);
  return `/${out.join("/")}`;
};
const lines = (n: Node) => (n.content ?? "").split("\n").filter(Boolean);
const file = (nodes: Node[], path: string) => nodes.find((n) => n.path === path)!;

seedRules(
  filesystem,
  {
    "the tree is whole: every entry's parent exists and is a directory": (s) => {
      const nodes = new Map(s.rows<Node>("nodes").map((n) => [n.path, n]));
      expect(nodes.get("/")?.kind).toBe("dir");
      for (const n of nodes.values()) if (n.path !== "/") expect(nodes.get(parent(n.path))?.kind, n.path).toBe("dir");
    },
    "times make sense: created before modified, both before now, and a directory is as old as its oldest entry": (s) => {
      const nodes = s.rows<Node>("nodes");
      const byPath = new Map(nodes.map((n) => [n.path, n]));
      for (const n of nodes) {
        expect(n.created_at <= n.modified_at && n.modified_at <= s.world.now, n.path).toBe(true);
        if (n.path !== "/") expect(byPath.get(parent(n.path))!.created_at <= n.created_at, n.path).toBe(true);
      }
    },
    "sizes are what ls would show: a file's UTF-8 bytes, a link's target length, 4096 for a directory": (s) => {
      for (const n of s.rows<Node>("nodes")) {
        const expected = n.kind === "dir" ? 4096 : Buffer.byteLength(n.kind === "file" ? (n.content ?? "") : (n.target ?? ""));
        expect(n.size, n.path).toBe(expected);
      }
    },
    "every owner is a user of /etc/passwd and every group one of /etc/group": (s) => {
      const nodes = s.rows<Node>("nodes");
      const users = new Set(lines(file(nodes, "/etc/passwd")).map((l) => l.split(":")[0]));
      const groups = new Set(lines(file(nodes, "/etc/group")).map((l) => l.split(":")[0]));
      for (const n of nodes) expect([users.has(n.owner), groups.has(n.group)], `${n.path} ${n.owner}:${n.group}`).toEqual([true, true]);
    },
    "the shell runs as the user (uid 1000, in sudo and developers) in their own home": (s) => {
      const [sh] = s.rows<Shell>("shells");
      const nodes = s.rows<Node>("nodes");
      expect(sh!.user).toBe(s.world.user.handle);
      expect([sh!.uid, sh!.cwd, sh!.home]).toEqual([1000, `/home/${sh!.user}`, `/home/${sh!.user}`]);
      expect(lines(file(nodes, "/etc/passwd"))).toContain(`${sh!.user}:x:1000:1000:${s.world.user.full_name},,,:${sh!.home}:/bin/bash`);
      for (const g of ["sudo", "developers"]) expect(sh!.groups).toContain(g);
    },
    "homes are private: the user's and colleagues' are 750 and their own, /root is 700; /tmp is sticky and open to all": (s) => {
      const nodes = s.rows<Node>("nodes");
      for (const n of nodes.filter((x) => /^\/home\/[^/]+$/.test(x.path))) expect([n.mode, n.owner], n.path).toEqual(["750", n.path.slice(6)]);
      expect(file(nodes, "/root").mode).toBe("700");
      expect(file(nodes, "/tmp").mode).toBe("1777");
    },
    "secrets are readable by their owner only: ssh private keys, .env files, /etc/shadow": (s) => {
      const nodes = s.rows<Node>("nodes");
      for (const n of nodes.filter((x) => /\/id_ed25519$|\/\.env$/.test(x.path))) expect(n.mode, n.path).toBe("600");
      expect(file(nodes, "/etc/shadow").mode).toBe("640");
      expect(file(nodes, "/etc/shadow").group).toBe("shadow");
    },
    "signed documents are read-only: contracts, tax forms and last year's final review": (s) => {
      const signed = s.rows<Node>("nodes").filter((n) => n.kind === "file" && /\/Contracts\/.*\.pdf$|\/Taxes\/.*\.pdf$|-FINAL\.md$/.test(n.path));
      expect(signed.length).toBeGreaterThanOrEqual(4);
      for (const n of signed) expect(n.mode, n.path).toBe("444");
    },
    "no link dangles: every symbolic link points at something that exists": (s) => {
      const nodes = s.rows<Node>("nodes");
      const paths = new Set(nodes.map((n) => n.path));
      for (const l of nodes.filter((n) => n.kind === "symlink")) expect(paths.has(targetOf(l)), `${l.path} -> ${l.target}`).toBe(true);
    },
    "log files run in time order and end before now": (s) => {
      const nodes = s.rows<Node>("nodes");
      const iso = (l: string) => /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})/.exec(l);
      for (const path of ["/var/log/dpkg.log"]) {
        const stamps = lines(file(nodes, path)).map((l) => `${iso(l)![1]}T${iso(l)![2]}Z`);
        expect([...stamps].sort()).toEqual(stamps);
        expect(stamps.at(-1)! <= s.world.now).toBe(true);
      }
    },
    "the user's world shows through: the home is named after them, git knows their name and email": (s) => {
      const nodes = s.rows<Node>("nodes");
      const git = file(nodes, `/home/${s.world.user.handle}/.gitconfig`).content!;
      expect(git).toContain(`name = ${s.world.user.full_name}`);
      expect(git).toContain(`email = ${s.world.user.email}`);
    },
  },
  [...RULE_SEEDS, { seed: 1, scale: 10 }],
);
