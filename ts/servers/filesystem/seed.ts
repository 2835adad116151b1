/**
 * A believable Linux laptop for the world's user: a home directory with documents (reports,
 * meeting notes, a budget, a resume draft, read-only contracts), two code projects, downloads,
 * pictures and notes; system areas owned by root (/etc, /usr, /var/log, /root); a shared team
 * directory; a colleague's private home; and a sticky /tmp. Text mentions the world's people,
 * companies and cities, and every name, number and count varies with the seed.
 */
import { time, type City, type Company, type Person, type Rng, type SeedContext, type World } from "../framework/index.ts";
import { comparePaths, depthOf, parentOf } from "./paths.ts";
import type { Node, Shell } from "./state.ts";
import { utf8Length } from "./textutil.ts";
import { DIR_SIZE, SHELL_ID } from "./vfs.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** "Mar 14 08:12:01", as syslog stamps lines. */
function logStamp(iso: string): string {
  const m = Number(iso.slice(5, 7));
  return `${MONTHS[m - 1]} ${String(Number(iso.slice(8, 10))).padStart(2, " ")} ${iso.slice(11, 19)}`;
}

interface Opts {
  owner?: string;
  group?: string;
  mode?: string;
  created?: string;
  modified?: string;
}

/** Collects nodes; parents get created before their children, times stay consistent. */
class Tree {
  readonly nodes = new Map<string, Node>();

  constructor(
    private readonly rng: Rng,
    private readonly now: string,
    private readonly defaults: { owner: string; group: string },
  ) {}

  /** An instant between `minDays` and `maxDays` before now, at a working-hours minute. */
  ago(minDays: number, maxDays: number): string {
    const day = time.addDays(this.now.slice(0, 10), -this.rng.int(minDays, maxDays));
    return `${day}T${pad(this.rng.int(7, 21))}:${pad(this.rng.int(0, 59))}:${pad(this.rng.int(0, 59))}Z`;
  }

  private times(o: Opts): { created_at: string; modified_at: string } {
    let created = o.created ?? this.ago(20, 240);
    if (created > this.now) created = this.now;
    let modified = o.modified ?? (this.rng.bool(0.5) ? created : this.ago(0, Math.max(0, time.daysBetween(created, this.now))));
    if (modified < created) modified = created;
    if (modified > this.now) modified = this.now;
    return { created_at: created, modified_at: modified };
  }

  dir(path: string, o: Opts = {}): string {
    this.ensureParent(path, o);
    if (!this.nodes.has(path)) {
      this.nodes.set(path, {
        path,
        kind: "dir",
        size: DIR_SIZE,
        mode: o.mode ?? "755",
        owner: o.owner ?? this.defaults.owner,
        group: o.group ?? o.owner ?? this.defaults.group,
        ...this.times(o),
      });
    }
    return path;
  }

  file(path: string, content: string, o: Opts = {}): string {
    this.ensureParent(path, o);
    this.nodes.set(path, {
      path,
      kind: "file",
      content,
      size: utf8Length(content),
      mode: o.mode ?? "644",
      owner: o.owner ?? this.defaults.owner,
      group: o.group ?? o.owner ?? this.defaults.group,
      ...this.times(o),
    });
    return path;
  }

  link(path: string, target: string, o: Opts = {}): string {
    this.ensureParent(path, o);
    this.nodes.set(path, {
      path,
      kind: "symlink",
      target,
      size: utf8Length(target),
      mode: "777",
      owner: o.owner ?? this.defaults.owner,
      group: o.group ?? o.owner ?? this.defaults.group,
      ...this.times(o),
    });
    return path;
  }

  /** Copies what existed under `from` at instant `at` to `to`, times kept as a backup keeps them. */
  copy(from: string, to: string, at: string): void {
    for (const n of [...this.nodes.values()]) {
      if (n.created_at > at || (n.path !== from && !n.path.startsWith(`${from}/`))) continue;
      const path = to + n.path.slice(from.length);
      this.ensureParent(path, { created: n.created_at });
      this.nodes.set(path, { ...n, path, modified_at: n.modified_at > at ? at : n.modified_at });
    }
  }

  private ensureParent(path: string, o: Opts): void {
    const parent = parentOf(path);
    if (path !== "/" && !this.nodes.has(parent)) this.dir(parent, { owner: o.owner, group: o.group });
  }

  /** Parents older than their entries, directories modified when their last entry appeared; root first. */
  finish(): Node[] {
    const all = [...this.nodes.values()].sort((a, b) => depthOf(b.path) - depthOf(a.path));
    for (const stale of all) {
      if (stale.path === "/") continue;
      const n = this.nodes.get(stale.path) as Node;
      const p = this.nodes.get(parentOf(n.path)) as Node;
      const created = p.created_at < n.created_at ? p.created_at : n.created_at;
      const modified = p.modified_at > n.created_at ? p.modified_at : n.created_at;
      this.nodes.set(p.path, { ...p, created_at: created, modified_at: modified < created ? created : modified });
    }
    return [...this.nodes.values()].sort((a, b) => comparePaths(a.path, b.path));
  }
}

const ELF = "\u007fELF\u0002\u0001\u0001\u0000";
const PNG = "\u0089PNG\r\n\u001a\n";
const JPEG = "\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000";
const ZIP = "PK\u0003\u0004";

const pdf = (title: string) => `%PDF-1.7\n% placeholder document: ${title}\n%%EOF\n`;
const jpeg = (what: string) => `${JPEG}[placeholder JPEG image data: ${what}]`;
const png = (what: string) => `${PNG}[placeholder PNG image data: ${what}]`;
const zip = (what: string) => `${ZIP}[placeholder zip archive: ${what}]`;

const PROJECT_ENTITIES: ReadonlyArray<readonly [string, string, string]> = [
  ["invoice-tracker", "Invoice", "Track invoices sent to customers, flag overdue ones and total what is outstanding."],
  ["expense-api", "Expense", "A small REST API for submitting and approving team expenses."],
  ["order-sync", "Order", "Synchronises web-shop orders with the warehouse system every night."],
  ["ticket-triage", "Ticket", "Scores incoming support tickets and routes them to the right queue."],
  ["shipment-board", "Shipment", "A dashboard of inbound shipments with delay alerts."],
];

const PY_PROJECTS: ReadonlyArray<readonly [string, string, string]> = [
  ["log-analyzer", "log_analyzer", "Summarise web-server access logs: top paths, status codes and slow requests."],
  ["csv-cleaner", "csv_cleaner", "Normalise messy CSV exports: trim cells, fix dates, drop duplicate rows."],
  ["receipt-parser", "receipt_parser", "Extract merchant, date and total from scanned receipt text."],
  ["weather-report", "weather_report", "Fetch daily forecasts for a list of cities and write a short report."],
];

const BUDGET_CATEGORIES: ReadonlyArray<readonly [string, number]> = [
  ["Rent", 2150],
  ["Groceries", 520],
  ["Utilities", 210],
  ["Transport", 160],
  ["Dining", 240],
  ["Subscriptions", 65],
  ["Health", 90],
  ["Travel", 300],
  ["Savings", 600],
];

const BOOKS = [
  "Designing Data-Intensive Applications — Martin Kleppmann",
  "The Pragmatic Programmer — Hunt & Thomas",
  "Thinking in Systems — Donella Meadows",
  "Deep Work — Cal Newport",
  "The Manager's Path — Camille Fournier",
  "An Elegant Puzzle — Will Larson",
  "Project Hail Mary — Andy Weir",
  "The Design of Everyday Things — Don Norman",
  "Four Thousand Weeks — Oliver Burkeman",
  "Range — David Epstein",
  "Atomic Habits — James Clear",
  "The Left Hand of Darkness — Ursula K. Le Guin",
];

const MEETING_TOPICS = [
  "Weekly standup",
  "Q2 planning",
  "Budget review",
  "Customer escalation retro",
  "Hiring sync",
  "Roadmap review",
  "Vendor evaluation",
  "Launch readiness",
  "One-on-one",
  "Incident postmortem",
  "Design review",
  "Quarterly business review",
];

const MERCHANTS = [
  "Whole Foods Market",
  "Trader Joe's",
  "Blue Bottle Coffee",
  "Shell",
  "Uber",
  "Netflix",
  "Spotify",
  "PG&E",
  "Amazon",
  "Target",
  "CVS Pharmacy",
  "Delta Air Lines",
  "Chipotle",
  "REI",
];

/** Who and where: what every part of the laptop is built from. */
interface Laptop {
  rng: Rng;
  world: World;
  t: Tree;
  u: Person;
  /** The user's login name. */
  me: string;
  home: string;
  now: string;
  today: string;
  year: number;
  host: string;
  employer: Company;
  others: Company[];
  mate1: Person;
  mate2: Person;
  team: Person[];
  root: { owner: string; group: string };
  past: (days: number) => string;
  /** The office network's /24 prefix, "10.42.3". */
  officeNet: string;
  docs: string;
}

export function seedFilesystem({ rng, world, scale }: SeedContext) {
  const l = laptop(rng, world);
  systemTree(l);
  etc(l);
  varLog(l);
  tmp(l);
  otherHomes(l);
  teamShare(l);
  homeDotfiles(l);
  const quarters = reports(l);
  meetingNotes(l);
  budget(l);
  personalDocuments(l);
  const repo = tsProject(l);
  pyProject(l, repo);
  const tripCity = downloads(l, quarters);
  pictures(l, tripCity);
  notes(l, repo, tripCity);
  backups(l, scale);
  const shell: Shell = { id: SHELL_ID, user: l.me, uid: 1000, groups: [l.me, "sudo", "developers"], home: l.home, hostname: l.host, cwd: l.home };
  return { nodes: l.t.finish(), shells: [shell] };
}

function laptop(rng: Rng, world: World): Laptop {
  const u = world.user;
  const me = u.handle;
  const home = `/home/${me}`;
  const now = world.now;
  const employer: Company = world.companies.find((c) => c.name === u.company) ?? (world.companies[0] as Company);
  const colleagues = world.people.filter((p) => p.company === employer.name);
  const [mate1, mate2] = rng.sample(colleagues.length >= 2 ? colleagues : world.people, 2) as [Person, Person];
  return {
    rng,
    world,
    t: new Tree(rng, now, { owner: me, group: me }),
    u,
    me,
    home,
    now,
    today: world.today,
    year: Number(world.today.slice(0, 4)),
    host: `${u.first_name.toLowerCase()}-${rng.pick(["thinkpad", "laptop", "xps", "framework"])}`,
    employer,
    others: world.companies.filter((c) => c.name !== employer.name),
    mate1,
    mate2,
    team: rng.sample(world.people, 12),
    root: { owner: "root", group: "root" },
    past: (days: number) => time.addDays(now, -days),
    officeNet: `10.${rng.int(10, 60)}.${rng.int(0, 9)}`,
    docs: `${home}/Documents`,
  };
}

/** The system tree owned by root: /usr with its programs, /bin as a link, the top-level directories. */
function systemTree(l: Laptop): void {
  const { rng, t, me, home, host, employer, past, root } = l;
  t.dir("/", { ...root, created: past(900), modified: past(900) });
  for (const d of ["/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/share", "/etc", "/var", "/var/log", "/opt", "/mnt", "/srv"])
    t.dir(d, { ...root, created: past(900) });
  t.link("/bin", "usr/bin", { ...root, created: past(900) });
  for (const prog of ["bash", "ls", "cat", "grep", "sed", "tar", "git", "ssh", "vim", "python3", "node", "curl"]) {
    t.file(`/usr/bin/${prog}`, `${ELF}[placeholder executable: ${prog}]`, { ...root, mode: "755", created: past(rng.int(60, 400)) });
  }
  t.link("/usr/bin/python", "python3", { ...root, created: past(300) });
  t.file(
    "/usr/local/bin/backup-home.sh",
    `#!/bin/bash\n# Nightly backup of ${home} to the NAS (installed by IT).\nset -euo pipefail\nrsync -a --delete --exclude node_modules "${home}/" "backup@nas.${employer.domain}:/backups/${me}/"\nlogger "backup-home: finished for ${me}"\n`,
    { ...root, mode: "755", created: past(200) },
  );
  t.file("/usr/share/motd", `Welcome to ${host} (Ubuntu 24.04.2 LTS)\n\n * Managed by ${employer.name} IT — helpdesk: it@${employer.domain}\n`, {
    ...root,
    created: past(400),
  });
}

/** /etc/passwd, /etc/group and /etc/shadow: the system accounts, the user and two colleagues. */
function etcAccounts(l: Laptop): void {
  const { t, u, me, home, mate1, mate2, root, past } = l;
  const users: Array<[string, number, string, string]> = [
    [me, 1000, u.full_name, home],
    [mate1.handle, 1001, mate1.full_name, `/home/${mate1.handle}`],
    [mate2.handle, 1002, mate2.full_name, `/home/${mate2.handle}`],
  ];
  t.file(
    "/etc/passwd",
    [
      "root:x:0:0:root:/root:/bin/bash",
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
      "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
      "sys:x:3:3:sys:/dev:/usr/sbin/nologin",
      "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin",
      "syslog:x:104:110::/home/syslog:/usr/sbin/nologin",
      "sshd:x:105:65534::/run/sshd:/usr/sbin/nologin",
      ...users.map(([h, uid, name, dir]) => `${h}:x:${uid}:${uid}:${name},,,:${dir}:/bin/bash`),
    ].join("\n") + "\n",
    { ...root, created: past(900), modified: past(120) },
  );
  t.file(
    "/etc/group",
    [
      "root:x:0:",
      "adm:x:4:syslog",
      "sudo:x:27:" + me,
      "www-data:x:33:",
      "shadow:x:42:",
      ...users.map(([h, uid]) => `${h}:x:${uid}:`),
      `developers:x:1100:${me},${mate1.handle},${mate2.handle}`,
    ].join("\n") + "\n",
    { ...root, created: past(900), modified: past(120) },
  );
  t.file("/etc/shadow", `root:*:19800:0:99999:7:::\n${users.map(([h]) => `${h}:$y$j9T$placeholder-hash:19980:0:99999:7:::`).join("\n")}\n`, {
    owner: "root",
    group: "shadow",
    mode: "640",
    created: past(900),
  });
}

/** /etc: the users and groups of the laptop, its host name and network, ssh, cron and nginx configuration. */
function etc(l: Laptop): void {
  etcAccounts(l);
  const { rng, world, t, me, host, employer, root, past, officeNet } = l;
  t.file("/etc/hostname", `${host}\n`, { ...root, created: past(900) });
  t.file(
    "/etc/hosts",
    `127.0.0.1\tlocalhost\n127.0.1.1\t${host}\n\n# ${employer.name} intranet\n${officeNet}.12\tgit.${employer.domain}\n${officeNet}.20\twiki.${employer.domain}\n${officeNet}.31\tnas.${employer.domain}\n${officeNet}.45\tprinter-3f.${employer.domain}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    { ...root, created: past(900), modified: past(rng.int(10, 90)) },
  );
  t.file(
    "/etc/os-release",
    `PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nID=ubuntu\nHOME_URL="https://www.ubuntu.com/"\n`,
    { ...root, created: past(400) },
  );
  t.file("/etc/resolv.conf", `# Generated by NetworkManager\nsearch ${employer.domain}\nnameserver ${officeNet}.2\nnameserver 1.1.1.1\n`, {
    ...root,
    created: past(30),
  });
  t.file("/etc/timezone", `${rng.pick(world.cities.slice(0, 10)).timezone}\n`, { ...root, created: past(900) });
  t.file(
    "/etc/fstab",
    `# <file system> <mount point> <type> <options> <dump> <pass>\nUUID=${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)} /    ext4 errors=remount-ro 0 1\nUUID=${rng.hex(4).toUpperCase()}-${rng.hex(4).toUpperCase()} /boot/efi vfat umask=0077 0 1\n/swapfile none swap sw 0 0\n`,
    { ...root, created: past(900) },
  );
  t.file(
    "/etc/crontab",
    `SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n\n# m h dom mon dow user  command\n17 *    * * *   root    cd / && run-parts --report /etc/cron.hourly\n25 6    * * *   root    test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily\n30 2    * * *   ${me}   /usr/local/bin/backup-home.sh\n`,
    { ...root, created: past(200) },
  );
  t.file("/etc/environment", `PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nLANG="en_US.UTF-8"\n`, { ...root, created: past(900) });
  t.file(
    "/etc/ssh/sshd_config",
    `# ${employer.name} hardened sshd configuration\nPort 22\nPermitRootLogin no\nPasswordAuthentication no\nPubkeyAuthentication yes\nAllowGroups developers sudo\nX11Forwarding no\nClientAliveInterval 300\n`,
    { ...root, created: past(300) },
  );
  t.file(
    "/etc/nginx/nginx.conf",
    `user www-data;\nworker_processes auto;\npid /run/nginx.pid;\n\nevents {\n    worker_connections 768;\n}\n\nhttp {\n    sendfile on;\n    access_log /var/log/nginx/access.log;\n    error_log /var/log/nginx/error.log;\n    include /etc/nginx/sites-enabled/*;\n}\n`,
    { ...root, created: past(150) },
  );
  t.file(
    "/etc/nginx/sites-available/default",
    `server {\n    listen 80 default_server;\n    root /var/www/html;\n    index index.html;\n    server_name ${host}.local;\n\n    location /api/ {\n        proxy_pass http://127.0.0.1:3000/;\n    }\n}\n`,
    { ...root, created: past(150) },
  );
  t.link("/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default", { ...root, created: past(150) });
}

/** /var/log: a few days of believable lines, and the web root nginx serves. */
function varLog(l: Laptop): void {
  systemLogs(l);
  webServer(l);
}

/** n log lines at random times of the last three days, in time order. */
function logLines(l: Laptop, n: number, make: (at: string, k: number) => string): string {
  const stamps = Array.from({ length: n }, () => time.addMinutes(l.now, -l.rng.int(5, 3 * 24 * 60))).sort();
  return stamps.map((at, k) => make(at, k)).join("\n") + "\n";
}

/** syslog, auth, kernel and package logs. */
function systemLogs(l: Laptop): void {
  const { rng, t, me, home, host, root, past, officeNet } = l;
  const services = [
    "systemd[1]: Started Daily apt download activities.",
    "systemd[1]: Starting Cleanup of Temporary Directories...",
    "NetworkManager[812]: <info>  [wlp2s0] connected to 'Office-5G'",
    "kernel: [UFW BLOCK] IN=wlp2s0 OUT= SRC=203.0.113.7 PROTO=TCP DPT=22",
    "cron[1022]: (root) CMD (cd / && run-parts --report /etc/cron.hourly)",
    "systemd[1]: Started Session of User " + me + ".",
    "snapd[934]: autorefresh.go:551: auto-refresh: all snaps are up-to-date",
    'dockerd[1201]: time="level=info msg=\\"Container health status changed: healthy\\""',
    `backup-home: finished for ${me}`,
    "systemd-resolved[640]: Clock change detected. Flushing caches.",
  ];
  t.file(
    "/var/log/syslog",
    logLines(l, rng.int(40, 70), (at) => `${logStamp(at)} ${host} ${rng.pick(services)}`),
    { owner: "syslog", group: "adm", mode: "644", created: past(7), modified: past(0) },
  );
  t.file(
    "/var/log/auth.log",
    logLines(
      l,
      rng.int(15, 30),
      (at) =>
        `${logStamp(at)} ${host} ${rng.pick([`sshd[${rng.int(2000, 9000)}]: Accepted publickey for ${me} from ${officeNet}.${rng.int(50, 90)} port ${rng.int(40000, 60000)} ssh2`, `sudo: ${me} : TTY=pts/0 ; PWD=${home} ; USER=root ; COMMAND=/usr/bin/apt upgrade`, `sshd[${rng.int(2000, 9000)}]: Invalid user admin from 198.51.100.${rng.int(2, 250)} port ${rng.int(40000, 60000)}`, `systemd-logind[701]: New session ${rng.int(2, 90)} of user ${me}.`])}`,
    ),
    { owner: "syslog", group: "adm", mode: "640", created: past(7), modified: past(0) },
  );
  t.file(
    "/var/log/kern.log",
    logLines(
      l,
      rng.int(10, 20),
      (at) =>
        `${logStamp(at)} ${host} kernel: [${rng.int(1, 90000)}.${rng.digits(6)}] ${rng.pick(["wlp2s0: associated", "usb 3-2: new high-speed USB device number 4 using xhci_hcd", "EXT4-fs (nvme0n1p2): re-mounted. Quota mode: none.", "thermal thermal_zone5: failed to read out thermal zone (-61)", 'audit: type=1400 apparmor="STATUS" operation="profile_load"'])}`,
    ),
    { owner: "syslog", group: "adm", mode: "644", created: past(7), modified: past(0) },
  );
  t.file(
    "/var/log/dpkg.log",
    logLines(
      l,
      rng.int(8, 16),
      (at) =>
        `${at.slice(0, 10)} ${at.slice(11, 19)} ${rng.pick(["status installed", "upgrade", "configure"])} ${rng.pick(["python3.12:amd64 3.12.3-1ubuntu0.5", "nodejs:amd64 20.18.1-1nodesource1", "git:amd64 1:2.43.0-1ubuntu7.2", "nginx:amd64 1.24.0-2ubuntu7.1", "openssl:amd64 3.0.13-0ubuntu3.4", "curl:amd64 8.5.0-2ubuntu10.6"])}`,
    ),
    { ...root, created: past(60), modified: past(rng.int(0, 10)) },
  );
  t.file(
    "/var/log/apt/history.log",
    `Start-Date: ${past(rng.int(2, 9)).slice(0, 10)}  06:25:11\nCommandline: apt upgrade -y\nRequested-By: ${me} (1000)\nUpgrade: openssl:amd64 (3.0.13-0ubuntu3.3, 3.0.13-0ubuntu3.4), curl:amd64 (8.5.0-2ubuntu10.5, 8.5.0-2ubuntu10.6)\nEnd-Date: ${past(rng.int(2, 9)).slice(0, 10)}  06:26:02\n`,
    { ...root, created: past(60) },
  );
}

/** The local nginx: its access and error logs and the page it serves. */
function webServer(l: Laptop): void {
  const { rng, t, u, host, employer, root, past, officeNet } = l;
  const paths = [
    "/",
    "/api/orders",
    "/api/orders?status=open",
    "/api/health",
    "/login",
    "/static/app.js",
    "/static/style.css",
    "/favicon.ico",
    "/api/reports/q1",
    "/wp-login.php",
  ];
  const agents = [
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    "curl/8.5.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "python-requests/2.32.3",
  ];
  t.dir("/var/log/nginx", { owner: "root", group: "adm", created: past(150) });
  t.file(
    "/var/log/nginx/access.log",
    logLines(l, rng.int(30, 60), (at) => {
      const path = rng.pick(paths);
      const status =
        path === "/wp-login.php"
          ? 404
          : rng.weighted([
              [200, 8],
              [304, 2],
              [401, 1],
              [500, 1],
            ] as const);
      const ip = rng.bool(0.7) ? `${officeNet}.${rng.int(50, 90)}` : `198.51.100.${rng.int(2, 250)}`;
      return `${ip} - - [${at.slice(8, 10)}/${MONTHS[Number(at.slice(5, 7)) - 1]}/${at.slice(0, 4)}:${at.slice(11, 19)} +0000] "GET ${path} HTTP/1.1" ${status} ${rng.int(120, 48000)} "-" "${rng.pick(agents)}"`;
    }),
    { owner: "www-data", group: "adm", mode: "644", created: past(14), modified: past(0) },
  );
  t.file(
    "/var/log/nginx/error.log",
    logLines(
      l,
      rng.int(3, 8),
      (at) =>
        `${at.slice(0, 10).replace(/-/g, "/")} ${at.slice(11, 19)} [error] 1342#1342: *${rng.int(10, 999)} connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://127.0.0.1:3000/"`,
    ),
    { owner: "www-data", group: "adm", mode: "644", created: past(14), modified: past(1) },
  );
  t.dir("/var/www", { ...root, created: past(150) });
  t.file(
    "/var/www/html/index.html",
    `<!DOCTYPE html>\n<html>\n<head><title>${host}</title></head>\n<body>\n<h1>${employer.name} — local dev server</h1>\n<p>Maintained by ${u.full_name}.</p>\n</body>\n</html>\n`,
    { owner: "www-data", group: "www-data", created: past(150) },
  );
  t.dir("/var/tmp", { ...root, mode: "1777", created: past(900) });
}

/** /tmp: sticky, with files of several owners. */
function tmp(l: Laptop): void {
  const { rng, t, others, mate1, team, past, root } = l;
  t.dir("/tmp", { ...root, mode: "1777", created: past(2), modified: past(0) });
  t.dir("/tmp/.X11-unix", { ...root, mode: "1777", created: past(2) });
  t.file(`/tmp/tmp.${rng.hex(10)}`, "", { ...root, mode: "600", created: past(1) });
  t.file(`/tmp/build-${rng.hex(6)}.log`, `[build] ${mate1.full_name} started a build of order-service\n[build] 312 tests passed, 0 failed\n`, {
    owner: mate1.handle,
    group: mate1.handle,
    created: past(1),
  });
  t.file("/tmp/scratch.txt", `quick notes — call ${rng.pick(team).full_name} back about the ${rng.pick(others).name} contract\n`, { created: past(0) });
}

/** /root and the colleagues' homes: private to their owners. */
function otherHomes(l: Laptop): void {
  const { t, mate1, mate2, root, past } = l;
  t.dir("/root", { ...root, mode: "700", created: past(900) });
  t.file("/root/.bashrc", "# root's bashrc\nexport PS1='\\u@\\h:\\w# '\n", { ...root, mode: "644", created: past(900) });
  t.dir("/home", { ...root, created: past(900) });
  t.dir(`/home/${mate1.handle}`, { owner: mate1.handle, mode: "750", created: past(600) });
  t.file(`/home/${mate1.handle}/notes.txt`, `Private notes of ${mate1.full_name}.\n`, { owner: mate1.handle, mode: "600", created: past(100) });
  t.dir(`/home/${mate2.handle}`, { owner: mate2.handle, mode: "750", created: past(400) });
  t.file(`/home/${mate2.handle}/.bashrc`, "# ~/.bashrc\nexport EDITOR=nano\n", { owner: mate2.handle, created: past(400) });
}

/** /srv/team: shared with the developers group (setgid, group-writable). */
function teamShare(l: Laptop): void {
  const { rng, t, u, today, employer, mate1, mate2, team, past } = l;
  const team_ = { owner: "root", group: "developers" };
  t.dir("/srv/team", { ...team_, mode: "2775", created: past(500) });
  t.file(
    "/srv/team/onboarding.md",
    `# Onboarding at ${employer.name}\n\n1. Ask ${mate1.full_name} for access to git.${employer.domain}.\n2. Add your SSH key to the wiki page "Access".\n3. Join the #dev and #oncall channels.\n4. Read release-checklist.md before your first deploy.\n`,
    { owner: mate1.handle, group: "developers", mode: "664", created: past(300) },
  );
  t.file(
    "/srv/team/release-checklist.md",
    `# Release checklist\n\n- [ ] All CI checks green on main\n- [ ] CHANGELOG.md updated\n- [ ] Database migrations reviewed by ${mate2.full_name}\n- [ ] Staging smoke test passed\n- [ ] Announce in #releases with the version number\n`,
    { owner: mate2.handle, group: "developers", mode: "664", created: past(250) },
  );
  const oncall = rng.shuffle([u, mate1, mate2, ...team.slice(0, 3)]);
  t.file(
    "/srv/team/oncall-schedule.txt",
    `On-call rotation (week starting Monday)\n${oncall.map((p, k) => `${time.addDays(today, 7 * (k - 2))}\t${p.full_name}\t${p.phone}`).join("\n")}\n`,
    { owner: mate2.handle, group: "developers", mode: "644", created: past(40) },
  );
  t.file(
    "/srv/team/shared-budget.csv",
    `item,owner,amount_usd,status\nTeam offsite venue,${mate1.full_name},${rng.int(1800, 4200)},approved\nConference tickets,${u.full_name},${rng.int(900, 2400)},pending\nNew monitors,${mate2.full_name},${rng.int(600, 1500)},approved\nTraining budget,${team[0]?.full_name},${rng.int(500, 1200)},requested\n`,
    { owner: mate1.handle, group: "developers", mode: "664", created: past(60) },
  );
}

/** The user's home and its dotfiles: shell, git, ssh keys, editor settings. */
function homeDotfiles(l: Laptop): void {
  const { rng, t, u, me, home, host, employer, past } = l;
  t.dir(home, { mode: "750", created: past(rng.int(500, 800)) });
  t.file(
    `${home}/.bashrc`,
    `# ~/.bashrc\ncase $- in *i*) ;; *) return;; esac\n\nHISTSIZE=5000\nexport EDITOR=vim\nexport PATH="$HOME/.local/bin:$PATH"\n\nalias ll='ls -alF'\nalias gs='git status'\nalias proj='cd ~/Projects'\n\nPS1='\\u@\\h:\\w\\$ '\n`,
    { created: past(500), modified: past(rng.int(10, 90)) },
  );
  t.file(
    `${home}/.profile`,
    `# ~/.profile: executed by the login shell\nif [ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ]; then\n    . "$HOME/.bashrc"\nfi\n`,
    { created: past(500) },
  );
  t.file(
    `${home}/.gitconfig`,
    `[user]\n\tname = ${u.full_name}\n\temail = ${u.email}\n[core]\n\teditor = vim\n[init]\n\tdefaultBranch = main\n[alias]\n\tco = checkout\n\tlg = log --oneline --graph --decorate\n`,
    { created: past(480) },
  );
  t.dir(`${home}/.ssh`, { mode: "700", created: past(480) });
  t.file(
    `${home}/.ssh/config`,
    `Host git\n    HostName git.${employer.domain}\n    User git\n    IdentityFile ~/.ssh/id_ed25519\n\nHost nas\n    HostName nas.${employer.domain}\n    User backup\n`,
    { mode: "600", created: past(470) },
  );
  t.file(`${home}/.ssh/id_ed25519`, "-----BEGIN OPENSSH PRIVATE KEY-----\n[placeholder key material: not a real key]\n-----END OPENSSH PRIVATE KEY-----\n", {
    mode: "600",
    created: past(480),
  });
  t.file(`${home}/.ssh/id_ed25519.pub`, `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.hex(40)} ${me}@${host}\n`, { created: past(480) });
  t.file(
    `${home}/.ssh/known_hosts`,
    `git.${employer.domain} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.hex(40)}\nnas.${employer.domain} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.hex(40)}\n`,
    { created: past(470), modified: past(rng.int(5, 60)) },
  );
  t.file(
    `${home}/.config/Code/User/settings.json`,
    `{\n  "editor.fontSize": ${rng.pick([13, 14, 15])},\n  "editor.formatOnSave": true,\n  "files.trimTrailingWhitespace": true,\n  "workbench.colorTheme": "${rng.pick(["Default Dark Modern", "Solarized Light", "One Dark Pro"])}"\n}\n`,
    { created: past(300) },
  );
}

/** Documents/Reports: the last three quarterly reports, weekly status notes and last year's signed-off review (read-only). Returns the quarters. */
function reports(l: Laptop): Array<[number, number]> {
  const { rng, world, t, u, now, today, year, employer, others, mate1, team, past, docs } = l;
  t.dir(docs, { created: past(480) });
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const quarters: Array<[number, number]> = [];
  for (let k = 1; k <= 3; k++) {
    let q = quarter - k;
    let y = year;
    while (q <= 0) {
      q += 4;
      y--;
    }
    quarters.push([q, y]);
  }
  const reportTopic = rng.pick(["operations", "sales", "customer-success", "engineering"]);
  for (const [q, y] of quarters) {
    const revenue = rng.int(800, 2600) * 1000;
    const growth = rng.int(-4, 18);
    const owner = rng.pick(team);
    const endMonth = q * 3;
    const created = `${y}-${pad(Math.min(12, endMonth + 1 > 12 ? 12 : endMonth + 1))}-${pad(rng.int(3, 20))}T${pad(rng.int(9, 17))}:${pad(rng.int(0, 59))}:00Z`;
    const at = created < now ? created : past(rng.int(20, 60));
    t.file(
      `${docs}/Reports/Q${q}-${y}-${reportTopic}-report.md`,
      `# Q${q} ${y} ${reportTopic.replace(/-/g, " ")} report — ${employer.name}\n\nPrepared by ${u.full_name} (${u.job_title}) with input from ${owner.full_name}.\n\n## Summary\n\n- Revenue: $${revenue.toLocaleString("en-US")} (${growth >= 0 ? "+" : ""}${growth}% quarter over quarter)\n- New customers: ${rng.int(8, 60)}, including ${rng.pick(others).name} and ${rng.pick(others).name}\n- Churned accounts: ${rng.int(0, 6)}\n- Net promoter score: ${rng.int(28, 64)}\n\n## Highlights\n\n- Opened a partnership with ${rng.pick(others).name} in ${rng.pick(world.cities).name}.\n- Reduced average ticket resolution time from ${rng.int(20, 40)}h to ${rng.int(8, 19)}h.\n\n## Risks\n\n- Hiring for two open roles is behind plan.\n- ${rng.pick(others).name} renewal is still unsigned.\n\n## Next quarter\n\n- Ship the self-service onboarding flow.\n- Review vendor contracts with ${rng.pick(team).full_name}.\n`,
      { created: at, modified: at },
    );
  }
  for (let k = 0, n = rng.int(3, 5); k < n; k++) {
    const day = time.addDays(today, -7 * (k + 1) + (k % 2));
    t.file(
      `${docs}/Reports/weekly-status-${day}.md`,
      `# Weekly status — week of ${day}\n\nDone:\n- ${rng.pick(["Closed the", "Reviewed the", "Drafted the"])} ${rng.pick(others).name} proposal\n- ${rng.int(3, 12)} support escalations resolved\n\nNext:\n- Follow up with ${rng.pick(team).full_name} on the budget\n- Prepare slides for the ${rng.pick(MEETING_TOPICS).toLowerCase()}\n\nBlockers: ${rng.pick(["none", "waiting on legal review", "staging environment is down", "vendor API rate limits"])}\n`,
      { created: `${day}T16:${pad(rng.int(0, 59))}:00Z`, modified: `${day}T17:${pad(rng.int(0, 59))}:00Z` },
    );
  }
  const final = `${docs}/Reports/annual-review-${year - 1}-FINAL.md`;
  const reviewDay = `${year}-01-${pad(rng.int(10, 28))}T15:00:00Z`;
  t.file(
    final,
    `# Annual review ${year - 1} — FINAL (signed off, do not edit)\n\nEmployee: ${u.full_name}\nManager: ${mate1.full_name}\nRating: ${rng.pick(["Exceeds expectations", "Strong performer", "Meets expectations"])}\n\nStrengths: ownership, clear writing, calm under pressure.\nGrowth areas: delegate more; plan quarterly goals earlier.\n`,
    { mode: "444", created: reviewDay < now ? reviewDay : past(30) },
  );
  return quarters;
}

/** Documents/Meeting Notes (a folder name with a space, as real ones have). */
function meetingNotes(l: Laptop): void {
  const { rng, world, t, u, today, others, team, docs } = l;
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const topics = rng.sample(MEETING_TOPICS, rng.int(5, 9));
  topics.forEach((topic, k) => {
    const day = time.addDays(today, -rng.int(1, 70));
    const attendees = [u, ...rng.sample(team, rng.int(2, 5))];
    const actions = rng
      .sample(attendees, 3)
      .map(
        (p, j) =>
          `- [${rng.bool(0.4) ? "x" : " "}] ${p.full_name}: ${["send the revised forecast", "book the room for the follow-up", `call ${rng.pick(others).name} about pricing`, "update the roadmap doc", "review the draft contract", "share the customer list"][(k + j) % 6]} by ${time.addDays(day, rng.int(2, 10))}`,
      );
    t.file(
      `${docs}/Meeting Notes/${day}-${slug(topic)}.md`,
      `# ${topic} — ${day}\n\nAttendees: ${attendees.map((p) => p.full_name).join(", ")}\nLocation: ${rng.pick(["Room 4B", "Zoom", "Main office", `${rng.pick(world.cities).name} office`])}\n\n## Notes\n\n- ${rng.pick(others).name} asked for a ${rng.int(5, 20)}% discount on the annual plan.\n- Budget for Q${quarter} is ${rng.pick(["on track", "8% over", "under by $12k"])}.\n- ${rng.pick(attendees).full_name} raised concerns about the launch date.\n\n## Decisions\n\n- ${rng.pick(["Go ahead with the pilot", "Postpone the launch by two weeks", "Hire one contractor", "Switch vendors"])}.\n\n## Action items\n\n${actions.join("\n")}\n`,
      { created: `${day}T${pad(rng.int(9, 16))}:${pad(rng.int(0, 59))}:00Z` },
    );
  });
}

/** Documents/Budget: this year's plan against actuals, three months of expenses, savings goals. */
function budget(l: Laptop): void {
  const { rng, world, t, now, today, year, past, docs } = l;
  const months = Number(today.slice(5, 7));
  const budgetRows: string[] = ["month,category,planned,actual"];
  for (let m = 1; m <= months; m++) {
    for (const [cat, planned] of BUDGET_CATEGORIES) {
      const actual = m === months ? Math.round(planned * rng.float(0.2, 0.7)) : Math.round(planned * rng.float(0.8, 1.25));
      budgetRows.push(`${year}-${pad(m)},${cat},${planned},${cat === "Rent" || cat === "Savings" ? planned : actual}`);
    }
  }
  t.file(`${docs}/Budget/budget-${year}.csv`, budgetRows.join("\n") + "\n", {
    created: `${year}-01-02T10:00:00Z` < now ? `${year}-01-02T10:00:00Z` : past(3),
    modified: past(rng.int(0, 4)),
  });
  for (let k = 1; k <= 3; k++) {
    const month = time.monthOf(time.addDays(`${today.slice(0, 7)}-01`, -28 * k + 5));
    const rows = ["date,merchant,category,amount"];
    const n = rng.int(8, 16);
    for (let j = 0; j < n; j++)
      rows.push(`${month}-${pad(rng.int(1, 28))},${rng.pick(MERCHANTS)},${rng.pick(BUDGET_CATEGORIES)[0]},${rng.money(4, 240).toFixed(2)}`);
    t.file(`${docs}/Budget/expenses-${month}.csv`, [rows[0], ...rows.slice(1).sort()].join("\n") + "\n", {
      created: time.addDays(`${month}-01`, 31) < today ? `${time.addDays(`${month}-01`, 31)}T19:00:00Z` : past(1),
    });
  }
  t.file(
    `${docs}/Budget/savings-goals.md`,
    `# Savings goals ${year}\n\n| Goal | Target | Saved |\n|---|---|---|\n| Emergency fund | $${rng.int(10, 20)},000 | $${rng.int(3, 9)},${rng.digits(3)} |\n| Trip to ${rng.pick(world.cities).name} | $${rng.int(2, 6)},000 | $${rng.int(200, 1900)} |\n| New laptop | $2,400 | $${rng.int(300, 2000)} |\n`,
    {},
  );
}

/** Documents: resume, cover letter, read-only contracts and last year's taxes. */
function personalDocuments(l: Laptop): void {
  const { rng, t, u, year, employer, others, team, past, docs } = l;
  const prev = rng.sample(others, 2) as [Company, Company];
  const startYear = year - rng.int(2, 5);
  t.file(
    `${docs}/resume-draft.md`,
    `# ${u.full_name}\n${u.email} · ${u.phone} · ${u.address.city}, ${u.address.region}\n\n## Experience\n\n**${u.job_title}, ${employer.name}** — ${startYear}–present\n- Led a team of ${rng.int(3, 9)} across ${rng.int(2, 4)} time zones.\n- Cut reporting time by ${rng.int(20, 60)}% by automating the monthly close.\n\n**${rng.pick(["Senior Analyst", "Associate", "Coordinator", "Engineer"])}, ${prev[0].name}** — ${startYear - rng.int(2, 4)}–${startYear}\n- Managed relationships with ${rng.int(10, 40)} enterprise accounts.\n\n**Intern, ${prev[1].name}** — summer ${startYear - rng.int(5, 7)}\n\n## Education\n\nB.Sc., ${rng.pick(["Economics", "Computer Science", "Business Administration", "Mathematics"])} — ${rng.pick(["University of Michigan", "UC San Diego", "Boston University", "University of Toronto"])}\n\n## Skills\n\nSQL, Python, stakeholder management, forecasting\n\nTODO: add references (${rng.pick(team).full_name}?)\n`,
    { created: past(rng.int(20, 60)), modified: past(rng.int(0, 5)) },
  );
  const target = rng.pick(others);
  t.file(
    `${docs}/cover-letter-${slug(target.name)}.md`,
    `Dear ${target.name} hiring team,\n\nI am applying for the ${u.job_title} role in ${target.address.city}. At ${employer.name} I ...\n\n[draft — finish the middle paragraph]\n\nBest regards,\n${u.full_name}\n`,
    { created: past(rng.int(3, 15)) },
  );
  const ndaWith = rng.pick(others);
  t.file(
    `${docs}/Contracts/nda-${slug(ndaWith.name)}.txt`,
    `MUTUAL NON-DISCLOSURE AGREEMENT\n\nBetween ${employer.name}, ${employer.address.street}, ${employer.address.city}\nand ${ndaWith.name}, ${ndaWith.address.street}, ${ndaWith.address.city}.\n\nEffective date: ${past(rng.int(100, 300)).slice(0, 10)}\nTerm: ${rng.pick([2, 3, 5])} years.\n\nSigned: ${u.full_name} (${employer.name})\n`,
    { mode: "444", created: past(rng.int(100, 300)) },
  );
  t.file(`${docs}/Contracts/offer-letter-${slug(employer.name)}.pdf`, pdf(`Offer letter from ${employer.name} to ${u.full_name}`), {
    mode: "444",
    created: past(rng.int(400, 700)),
  });
  t.file(`${docs}/Contracts/lease-agreement-${year - 1}.pdf`, pdf(`Residential lease, ${u.address.street}, ${u.address.city}`), {
    mode: "444",
    created: `${year - 1}-0${rng.int(1, 9)}-${pad(rng.int(1, 28))}T12:00:00Z`,
  });
  t.file(`${docs}/Taxes/${year - 1}/w2-${slug(employer.name)}.pdf`, pdf(`Form W-2 ${year - 1}, ${employer.name}`), {
    mode: "444",
    created: past(rng.int(25, 60)),
  });
  t.file(
    `${docs}/Taxes/${year - 1}/deductions.csv`,
    `item,amount,receipt\nCharitable donation,${rng.int(100, 900)},yes\nHome office equipment,${rng.int(200, 1400)},yes\nProfessional membership,${rng.int(80, 300)},no\n`,
    { created: past(rng.int(10, 40)) },
  );
}

/** Projects: a TypeScript service with tests, docs and a git checkout. Returns its name. */
function tsProject(l: Laptop): string {
  const { rng, t, u, home, year, employer, mate1, past } = l;
  const proj = `${home}/Projects`;
  const [repo, Entity, blurb] = rng.pick(PROJECT_ENTITIES);
  const entity = Entity.toLowerCase();
  const R = `${proj}/${repo}`;
  const repoCreated = past(rng.int(90, 300));
  t.dir(R, { created: repoCreated });
  t.file(
    `${R}/README.md`,
    `# ${repo}\n\n${blurb}\n\n## Setup\n\n\`\`\`sh\nnpm install\nnpm test\nnpm run dev   # http://localhost:3000\n\`\`\`\n\n## Layout\n\n- \`src/index.ts\` — HTTP entry point\n- \`src/${entity}s.ts\` — the ${entity} model and rules\n- \`src/utils/format.ts\` — money and date formatting\n- \`tests/\` — vitest suites\n\nMaintainers: ${u.full_name} <${u.email}>, ${mate1.full_name} <${mate1.email}>\n`,
    { created: repoCreated, modified: past(rng.int(1, 20)) },
  );
  t.file(
    `${R}/package.json`,
    JSON.stringify(
      {
        name: repo,
        version: `0.${rng.int(2, 9)}.${rng.int(0, 12)}`,
        private: true,
        type: "module",
        scripts: { dev: "tsx watch src/index.ts", test: "vitest run", build: "tsc -p ." },
        dependencies: { express: "^4.21.2", zod: "^3.24.1" },
        devDependencies: { typescript: "^5.7.2", vitest: "^2.1.8", tsx: "^4.19.2" },
      },
      null,
      2,
    ) + "\n",
    { created: repoCreated, modified: past(rng.int(1, 30)) },
  );
  t.file(
    `${R}/tsconfig.json`,
    `{\n  "compilerOptions": {\n    "target": "ES2022",\n    "module": "NodeNext",\n    "strict": true,\n    "outDir": "dist"\n  },\n  "include": ["src"]\n}\n`,
    { created: repoCreated },
  );
  t.file(`${R}/.gitignore`, "node_modules/\ndist/\n.env\ncoverage/\n*.log\n", { created: repoCreated });
  t.file(`${R}/.env.example`, `PORT=3000\nDATABASE_URL=postgres://localhost:5432/${repo.replace(/-/g, "_")}\nAPI_TOKEN=changeme\n`, { created: repoCreated });
  t.file(`${R}/.env`, `PORT=3000\nDATABASE_URL=postgres://localhost:5432/${repo.replace(/-/g, "_")}\nAPI_TOKEN=${rng.hex(32)}\n`, {
    mode: "600",
    created: past(rng.int(10, 80)),
  });
  t.file(
    `${R}/LICENSE`,
    `MIT License\n\nCopyright (c) ${year} ${employer.name}\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software...\n`,
    { created: repoCreated },
  );
  projectCode(l, { R, repo, Entity, entity, repoCreated });
  return repo;
}

/** The project's code, tests, changelog and git metadata. */
function projectCode(l: Laptop, p: { R: string; repo: string; Entity: string; entity: string; repoCreated: string }): void {
  const { rng, t, u, me, today, employer, mate1, team, past } = l;
  const { R, repo, Entity, entity, repoCreated } = p;
  t.file(
    `${R}/src/${entity}s.ts`,
    `export type Status = "draft" | "open" | "done" | "overdue";\n\nexport interface ${Entity} {\n  id: string;\n  owner: string;\n  amount: number;\n  dueDate: string; // YYYY-MM-DD\n  status: Status;\n}\n\n/** Total amount of ${entity}s that are not done yet. */\nexport function totalOutstanding(items: ${Entity}[]): number {\n  return items.filter((i) => i.status !== "done").reduce((sum, i) => sum + i.amount, 0);\n}\n\n/** ${Entity}s past their due date that are still open. */\nexport function overdue(items: ${Entity}[], today: string): ${Entity}[] {\n  // TODO(${me}): treat "draft" as not yet due\n  return items.filter((i) => i.status === "open" && i.dueDate < today);\n}\n\nexport function byOwner(items: ${Entity}[]): Map<string, ${Entity}[]> {\n  const out = new Map<string, ${Entity}[]>();\n  for (const i of items) out.set(i.owner, [...(out.get(i.owner) ?? []), i]);\n  return out;\n}\n`,
    { created: repoCreated, modified: past(rng.int(1, 40)) },
  );
  t.file(
    `${R}/src/index.ts`,
    `import express from "express";\nimport { overdue, totalOutstanding } from "./${entity}s.js";\nimport { formatMoney } from "./utils/format.js";\nimport { load${Entity}s } from "./store.js";\n\nconst app = express();\nconst port = Number(process.env.PORT ?? 3000);\n\napp.get("/api/${entity}s/summary", async (_req, res) => {\n  const items = await load${Entity}s();\n  const today = new Date().toISOString().slice(0, 10);\n  res.json({ outstanding: formatMoney(totalOutstanding(items)), overdue: overdue(items, today).length });\n});\n\napp.get("/api/health", (_req, res) => res.json({ ok: true }));\n\napp.listen(port, () => console.log(\`${repo} listening on :\${port}\`));\n`,
    { created: repoCreated, modified: past(rng.int(1, 40)) },
  );
  t.file(
    `${R}/src/store.ts`,
    `import type { ${Entity} } from "./${entity}s.js";\n\n// FIXME: replace the in-memory fixture with the Postgres repository\nconst fixture: ${Entity}[] = [\n${rng
      .sample(team, 3)
      .map(
        (p, k) =>
          `  { id: "${Entity.slice(0, 3).toUpperCase()}-${100 + k}", owner: "${p.full_name}", amount: ${rng.int(120, 9000)}, dueDate: "${time.addDays(today, rng.int(-30, 30))}", status: "${rng.pick(["open", "done", "draft"])}" },`,
      )
      .join("\n")}\n];\n\nexport async function load${Entity}s(): Promise<${Entity}[]> {\n  return fixture;\n}\n`,
    { created: repoCreated, modified: past(rng.int(1, 40)) },
  );
  t.file(
    `${R}/src/utils/format.ts`,
    `export function formatMoney(amount: number, currency = "USD"): string {\n  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);\n}\n\nexport function formatDate(iso: string): string {\n  return iso.slice(0, 10);\n}\n`,
    { created: repoCreated },
  );
  t.file(
    `${R}/tests/${entity}s.test.ts`,
    `import { describe, expect, it } from "vitest";\nimport { overdue, totalOutstanding, type ${Entity} } from "../src/${entity}s.js";\n\nconst items: ${Entity}[] = [\n  { id: "a", owner: "${mate1.full_name}", amount: 100, dueDate: "2026-01-10", status: "open" },\n  { id: "b", owner: "${u.full_name}", amount: 250, dueDate: "2026-02-01", status: "done" },\n];\n\ndescribe("${entity}s", () => {\n  it("totals what is outstanding", () => {\n    expect(totalOutstanding(items)).toBe(100);\n  });\n  it("finds overdue ${entity}s", () => {\n    expect(overdue(items, "2026-01-15").map((i) => i.id)).toEqual(["a"]);\n  });\n});\n`,
    { created: repoCreated, modified: past(rng.int(1, 40)) },
  );
  t.file(
    `${R}/tests/format.test.ts`,
    `import { expect, it } from "vitest";\nimport { formatMoney } from "../src/utils/format.js";\n\nit("formats dollars", () => {\n  expect(formatMoney(1234.5)).toBe("$1,234.50");\n});\n`,
    { created: repoCreated },
  );
  const versions = Array.from({ length: rng.int(3, 5) }, (_, k) => k);
  t.file(
    `${R}/docs/CHANGELOG.md`,
    `# Changelog\n\n${versions
      .reverse()
      .map(
        (k) =>
          `## 0.${k + 1}.0 — ${time.addDays(repoCreated.slice(0, 10), 20 * (k + 1))}\n\n- ${["Initial release", "Add overdue detection", "Summary endpoint", "Owner grouping", "Switch to zod validation"][k]}\n`,
      )
      .join("\n")}`,
    { created: repoCreated, modified: past(rng.int(1, 30)) },
  );
  t.file(`${R}/.git/HEAD`, "ref: refs/heads/main\n", { created: repoCreated });
  t.file(
    `${R}/.git/config`,
    `[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n\turl = git@git.${employer.domain}:team/${repo}.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n`,
    { created: repoCreated },
  );
  t.file(`${R}/.git/refs/heads/main`, `${rng.hex(40)}\n`, { created: repoCreated, modified: past(rng.int(0, 10)) });
}

/** Projects: a Python command-line tool, and scratch files. */
function pyProject(l: Laptop, repo: string): void {
  const { rng, t, u, home, today, others, team, past } = l;
  const proj = `${home}/Projects`;
  const [pyRepo, pkg, pyBlurb] = rng.pick(PY_PROJECTS);
  const P = `${proj}/${pyRepo}`;
  const pyCreated = past(rng.int(60, 400));
  t.dir(P, { created: pyCreated });
  t.file(
    `${P}/README.md`,
    `# ${pyRepo}\n\n${pyBlurb}\n\n## Usage\n\n\`\`\`sh\npython -m venv .venv && . .venv/bin/activate\npip install -r requirements.txt\npython -m ${pkg}.cli data/sample.csv\n\`\`\`\n\nRun the tests with \`pytest -q\`.\n`,
    { created: pyCreated, modified: past(rng.int(2, 50)) },
  );
  t.file(`${P}/requirements.txt`, "pandas==2.2.3\nrequests==2.32.3\npytest==8.3.4\n", { created: pyCreated });
  t.file(
    `${P}/pyproject.toml`,
    `[project]\nname = "${pyRepo}"\nversion = "0.${rng.int(1, 6)}.0"\nrequires-python = ">=3.11"\nauthors = [{ name = "${u.full_name}", email = "${u.email}" }]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n`,
    { created: pyCreated },
  );
  t.file(`${P}/.gitignore`, "__pycache__/\n*.pyc\n.venv/\n.pytest_cache/\ndata/private/\n", { created: pyCreated });
  t.file(`${P}/src/${pkg}/__init__.py`, `"""${pyBlurb}"""\n__version__ = "0.1.0"\n`, { created: pyCreated });
  t.file(
    `${P}/src/${pkg}/core.py`,
    `import csv\nfrom collections import Counter\nfrom pathlib import Path\n\n\ndef read_rows(path: Path) -> list[dict[str, str]]:\n    """Read a CSV file into a list of dicts, trimming whitespace."""\n    with path.open(newline="") as f:\n        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]\n\n\ndef top_values(rows: list[dict[str, str]], column: str, n: int = 5) -> list[tuple[str, int]]:\n    """The n most common values of a column."""\n    return Counter(r[column] for r in rows if r.get(column)).most_common(n)\n\n\ndef dedupe(rows: list[dict[str, str]]) -> list[dict[str, str]]:\n    seen = set()\n    out = []\n    for r in rows:\n        key = tuple(sorted(r.items()))\n        if key not in seen:\n            seen.add(key)\n            out.append(r)\n    return out\n`,
    { created: pyCreated, modified: past(rng.int(2, 50)) },
  );
  t.file(
    `${P}/src/${pkg}/cli.py`,
    `#!/usr/bin/env python3\nimport argparse\nfrom pathlib import Path\n\nfrom .core import dedupe, read_rows, top_values\n\n\ndef main() -> None:\n    parser = argparse.ArgumentParser(description="${pyBlurb}")\n    parser.add_argument("csv", type=Path)\n    parser.add_argument("--column", default="category")\n    args = parser.parse_args()\n    rows = dedupe(read_rows(args.csv))\n    for value, count in top_values(rows, args.column):\n        print(f"{count:5d}  {value}")\n\n\nif __name__ == "__main__":\n    main()\n`,
    { mode: "755", created: pyCreated, modified: past(rng.int(2, 50)) },
  );
  t.file(
    `${P}/tests/test_core.py`,
    `from ${pkg}.core import dedupe, top_values\n\n\ndef test_dedupe_keeps_first():\n    rows = [{"a": "1"}, {"a": "1"}, {"a": "2"}]\n    assert dedupe(rows) == [{"a": "1"}, {"a": "2"}]\n\n\ndef test_top_values():\n    rows = [{"c": "x"}, {"c": "y"}, {"c": "x"}]\n    assert top_values(rows, "c", 1) == [("x", 2)]\n`,
    { created: pyCreated },
  );
  t.file(
    `${P}/data/sample.csv`,
    `date,merchant,category,amount\n${Array.from({ length: rng.int(6, 12) }, () => `${time.addDays(today, -rng.int(1, 60))},${rng.pick(MERCHANTS)},${rng.pick(BUDGET_CATEGORIES)[0]},${rng.money(3, 180).toFixed(2)}`).join("\n")}\n`,
    { created: pyCreated },
  );
  t.file(`${P}/scripts/run.sh`, `#!/bin/bash\nset -e\ncd "$(dirname "$0")/.."\npython -m ${pkg}.cli data/sample.csv "$@"\n`, {
    mode: "755",
    created: pyCreated,
  });
  t.file(
    `${proj}/scratch/ideas.txt`,
    `- CLI to rename photos by date taken\n- Script that checks /var/log/nginx/access.log for 5xx spikes\n- Ask ${rng.pick(team).full_name} about the ${rng.pick(others).name} API\n`,
    { created: past(rng.int(5, 50)) },
  );
  t.file(
    `${proj}/scratch/experiment.py`,
    `# quick experiment — safe to delete\nprices = [${Array.from({ length: 5 }, () => rng.money(5, 90)).join(", ")}]\nprint(sum(prices) / len(prices))\n`,
    { created: past(rng.int(5, 50)) },
  );
  t.link(`${home}/current-project`, `Projects/${repo}`, { created: past(rng.int(5, 30)) });
}

/** Downloads: invoices, a statement, a travel guide and archives. Returns the city of the trip it prepares. */
function downloads(l: Laptop, quarters: ReadonlyArray<readonly [number, number]>): City {
  const { rng, world, t, u, home, today, employer, others, past } = l;
  const dl = `${home}/Downloads`;
  t.dir(dl, { created: past(480) });
  for (const c of rng.sample(others, rng.int(2, 4))) {
    t.file(
      `${dl}/invoice-${slug(c.name)}-${rng.int(1000, 9999)}.pdf`,
      pdf(`Invoice from ${c.name} to ${employer.name}, total $${rng.money(150, 6000).toFixed(2)}`),
      { created: past(rng.int(1, 90)) },
    );
  }
  const stmtMonth = time.monthOf(time.addDays(today, -rng.int(20, 40)));
  t.file(`${dl}/bank-statement-${stmtMonth}.pdf`, pdf(`Bank statement ${stmtMonth} for ${u.full_name}`), { created: past(rng.int(3, 20)) });
  t.file(`${dl}/report (1).pdf`, pdf(`Q${quarters[0]?.[0]} report draft`), { created: past(rng.int(3, 40)) });
  const tripCity = rng.pick(world.cities.filter((c) => c.name !== u.address.city));
  t.file(`${dl}/${slug(tripCity.name)}-travel-guide.pdf`, pdf(`Travel guide to ${tripCity.name}`), { created: past(rng.int(10, 120)) });
  t.file(
    `${dl}/transactions-export-${today}.csv`,
    `date,description,amount\n${Array.from(
      { length: rng.int(6, 14) },
      () => `${time.addDays(today, -rng.int(1, 30))},${rng.pick(MERCHANTS)},-${rng.money(3, 240).toFixed(2)}`,
    )
      .sort()
      .join("\n")}\n`,
    { created: past(0) },
  );
  t.file(`${dl}/photos-${slug(tripCity.name)}.zip`, zip(`${rng.int(40, 300)} photos from ${tripCity.name}`), { created: past(rng.int(10, 120)) });
  t.file(`${dl}/slides-${slug(rng.pick(MEETING_TOPICS))}.pptx`, zip("PowerPoint presentation"), { created: past(rng.int(1, 60)) });
  t.file(`${dl}/node-v20.18.1-linux-x64.tar.xz`, "\u00fd7zXZ\u0000\u0000[placeholder xz data]", { created: past(rng.int(30, 200)) });
  return tripCity;
}

/** Pictures: an album from a past trip, screenshots, a profile photo and wallpapers. */
function pictures(l: Laptop, tripCity: City): void {
  const { rng, t, u, home, now, year, past } = l;
  const pics = `${home}/Pictures`;
  t.dir(pics, { created: past(480) });
  const tripYear = rng.pick([year - 1, year - 2]);
  const album = `${pics}/${tripCity.name} ${tripYear}`;
  const tripDay = `${tripYear}-${pad(rng.int(4, 10))}-${pad(rng.int(1, 20))}`;
  for (let k = 0, n = rng.int(6, 14), first = rng.int(1000, 8000); k < n; k++) {
    t.file(`${album}/IMG_${first + k * rng.int(1, 4)}.jpg`, jpeg(`${tripCity.name}, ${time.addDays(tripDay, Math.floor(k / 4))}`), {
      created: `${time.addDays(tripDay, Math.floor(k / 4))}T${pad(10 + (k % 9))}:${pad(rng.int(0, 59))}:00Z`,
    });
  }
  for (let k = 0, n = rng.int(3, 6); k < n; k++) {
    const at = time.addMinutes(now, -rng.int(60, 60 * 24 * 60));
    t.file(
      `${pics}/Screenshots/Screenshot ${at.slice(0, 10)} at ${at.slice(11, 13)}.${at.slice(14, 16)}.${at.slice(17, 19)}.png`,
      png(`screenshot of ${rng.pick(["the sales dashboard", "a calendar invite", "an error message", "the budget sheet", "a chat thread"])}`),
      { created: at, modified: at },
    );
  }
  t.file(`${pics}/profile.jpg`, jpeg(`portrait of ${u.full_name}`), { created: past(rng.int(100, 400)) });
  for (const w of rng.sample(["mountains.jpg", "ocean.jpg", "forest.jpg", "city-night.jpg"], 2))
    t.file(`${pics}/Wallpapers/${w}`, jpeg(w), { created: past(rng.int(100, 400)) });
}

/**
 * ~/Backups/<day>: weekly copies of Documents and Projects as they were that night (rsnapshot
 * keeps them so), added until the tree holds `scale` times its entries (the seed scale past 1:
 * a large home directory, for benchmarks).
 */
function backups(l: Laptop, scale: number): void {
  const target = l.t.nodes.size * scale;
  for (let week = 1; l.t.nodes.size < target; week++) {
    const before = l.t.nodes.size;
    const night = `${time.addDays(l.today, -7 * week)}T23:00:00Z`;
    for (const dir of ["Documents", "Projects"]) l.t.copy(`${l.home}/${dir}`, `${l.home}/Backups/${night.slice(0, 10)}/${dir}`, night);
    if (l.t.nodes.size === before) return; // nothing of that week's home left to back up
  }
}

/** notes and Desktop: todo lists, ideas, reading list, contacts, a journal, and the shell history. */
function notes(l: Laptop, repo: string, tripCity: City): void {
  const { rng, world, t, home, today, year, others, team, past } = l;
  const notes = `${home}/notes`;
  const todo = rng.sample(team, 4);
  t.file(
    `${notes}/todo.md`,
    `# TODO\n\n- [ ] Email ${todo[0]?.full_name} the ${rng.pick(others).name} numbers\n- [ ] Finish resume-draft.md before ${time.addDays(today, rng.int(3, 14))}\n- [x] Renew passport\n- [ ] Book flights to ${tripCity.name}\n- [ ] Review ${todo[1]?.first_name}'s pull request in ${repo}\n- [ ] Pay ${rng.pick(others).name} invoice\n- [ ] Call ${todo[2]?.full_name} (${todo[2]?.phone})\n`,
    { created: past(rng.int(10, 60)), modified: past(0) },
  );
  t.file(
    `${notes}/ideas.md`,
    `# Ideas\n\n- Automate the weekly status report from the issue tracker\n- A shared team calendar for on-call swaps\n- Move ${repo} to the new CI runners\n- Lunch-and-learn on ${rng.pick(["SQL window functions", "TypeScript generics", "negotiation", "public speaking"])}\n`,
    { created: past(rng.int(20, 120)) },
  );
  t.file(
    `${notes}/reading-list.md`,
    `# Reading list\n\n${rng
      .sample(BOOKS, rng.int(5, 8))
      .map((b, k) => `${k + 1}. ${b}${rng.bool(0.3) ? " (finished)" : ""}`)
      .join("\n")}\n`,
    { created: past(rng.int(20, 200)) },
  );
  t.file(
    `${notes}/contacts.csv`,
    `name,email,phone,company,title\n${rng
      .sample(world.people, rng.int(8, 14))
      .map((p) => `${p.full_name},${p.email},${p.phone},${p.company},${p.job_title}`)
      .join("\n")}\n`,
    { created: past(rng.int(20, 200)), modified: past(rng.int(0, 20)) },
  );
  t.file(
    `${notes}/groceries.txt`,
    `${rng.sample(["oat milk", "eggs", "spinach", "coffee beans", "rice", "tomatoes", "olive oil", "bread", "apples", "yogurt", "chicken thighs", "lentils"], rng.int(5, 9)).join("\n")}\n`,
    { created: past(rng.int(0, 5)) },
  );
  for (let k = 0, n = rng.int(3, 6); k < n; k++) {
    const day = time.addDays(today, -rng.int(1, 40));
    t.file(
      `${notes}/journal/${day}.md`,
      `# ${day}\n\n${rng.pick(["Long day.", "Good focus today.", "Too many meetings.", "Shipped something small but useful."])} ${rng.pick([`Lunch with ${rng.pick(team).full_name}.`, `Call with ${rng.pick(others).name}.`, `Worked on ${repo}.`, "Gym in the evening."])}\n`,
      { created: `${day}T21:${pad(rng.int(0, 59))}:00Z` },
    );
  }
  t.file(
    `${home}/Desktop/todo-today.txt`,
    `1. standup at 9:30\n2. ${rng.pick(MEETING_TOPICS)} at ${rng.int(11, 16)}:00\n3. send expenses for ${MONTH_NAMES[Number(today.slice(5, 7)) - 1]}\n`,
    { created: past(0) },
  );
  t.file(
    `${home}/.bash_history`,
    `cd ~/Projects/${repo}\nnpm test\ngit status\ngit pull --rebase\nls -la ~/Downloads\ngrep -rn TODO src\ntail -f /var/log/nginx/error.log\ncd ~/Documents/Budget\nwc -l budget-${year}.csv\n`,
    { mode: "600", created: past(400), modified: past(0) },
  );
}
