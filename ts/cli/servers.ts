/** `prove servers [--json]`: each domain with its tool count and read/write split. */
import { parseArgs } from "node:util";
import { domains } from "../servers/index.ts";

export const usage = `usage: prove servers [--json]
Each domain with its tool count, read/write split and entity kinds (--json: as JSON).`;

export function serverSummaries() {
  return domains.map((d) => ({
    name: d.name,
    title: d.title,
    tools: d.tools.length,
    read: d.tools.filter((t) => t.readOnly).length,
    write: d.tools.filter((t) => !t.readOnly).length,
    kinds: [...d.kinds.keys()],
  }));
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false } } });
  const rows = serverSummaries();
  const total = rows.reduce((n, r) => n + r.tools, 0);
  if (values.json) {
    console.log(JSON.stringify({ servers: rows, total_tools: total }, null, 2));
    return;
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"domain".padEnd(w)}  tools  read  write  entities`);
  for (const r of rows)
    console.log(`${r.name.padEnd(w)}  ${String(r.tools).padStart(5)}  ${String(r.read).padStart(4)}  ${String(r.write).padStart(5)}  ${r.kinds.join(", ")}`);
  console.log(`${rows.length} servers, ${total} tools`);
}
