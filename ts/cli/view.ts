/** `prove view DIR [--port N]`: browse a dataset, an evaluation run or a training run's rollouts in a local page (ts/view). */
import { parseArgs } from "node:util";
import { domains } from "../servers/index.ts";
import { startViewer } from "../view/server.ts";
import { openSource } from "../view/sources.ts";

export const usage = "usage: prove view DIR [--port N]   (DIR: a dataset with tasks.jsonl, an evaluation run of prove eval, or a training run of prove train)";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: "string", default: "0" } } });
  const [dir] = positionals;
  if (!dir || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`prove view: --port must be 0-65535, got ${values.port}`);
    return 2;
  }
  const source = openSource(dir, domains);
  const viewer = await startViewer(source, port);
  console.error(`prove view: ${source.title}\nprove view: open ${viewer.url} (loopback only; Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await viewer.close();
  return 0;
}
