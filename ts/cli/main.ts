/** `prove <command>`: the project's command line. Each command lives in its own module. */
import { UsageError } from "./limits.ts";

/** A command's module: `run`, and `usage` when the command's --help is its usage text (train and eval print their own). */
type Command = { run(argv: string[]): Promise<number | void>; usage?: string };

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  servers: { summary: "list the domains with their tool counts (--json)", load: () => import("./servers.ts") },
  tour: { summary: "a scripted tour of a session: calls, errors, a fork, hashes, the journal", load: () => import("./tour.ts") },
  serve: { summary: "the gRPC service: Environment, Reward, Tasks (--host, --port, PROVE_TOKEN or --token-file, limits)", load: () => import("./serve.ts") },
  synth: { summary: "synthesize grounded tasks: --seed S --count N --out DIR [--teacher URL]", load: () => import("./synth.ts") },
  score: { summary: "score trajectories offline: --tasks tasks.jsonl --trajectories runs.jsonl [--preset verified]", load: () => import("./score.ts") },
  mcp: { summary: "serve a domain over MCP: `mcp <domain>` on stdio, `mcp --http [--port]` for all", load: () => import("./mcp.ts") },
  eval: {
    summary: "evaluate a policy: --tasks DIR or --bench bfcl-multi-turn, --policy P | --endpoint URL --model M; split, overlap, report, compare",
    load: () => import("./eval.ts"),
  },
  view: { summary: "browse tasks and trajectories in a local web page: view DIR (a dataset, an eval run or a training run)", load: () => import("./view.ts") },
  export: { summary: "merge a LoRA run into a Hugging Face checkpoint folder: export RUN_DIR --out DIR", load: () => import("./export.ts") },
  train: {
    summary: "GRPO training: --model stub|tiny-granite|tiny-qwen3|granite-4.1-8b|… [--steps N] [--run-dir DIR] (--help for all options)",
    load: () => import("./train.ts"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "usage: prove <command> [options]   (prove <command> --help: its options)",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

const [command, ...rest] = process.argv.slice(2);
if (!command || command === "--help" || command === "-h" || command === "help") {
  console.log(usage());
  process.exit(command ? 0 : 2);
}
const entry = COMMANDS[command];
if (!entry) {
  console.error(`prove: unknown command "${command}"\n\n${usage()}`);
  process.exit(2);
}
const mod = await entry.load();
const options = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : rest.length);
try {
  if (mod.usage && (options.includes("--help") || options.includes("-h"))) {
    console.log(mod.usage);
  } else {
    const code = await mod.run(rest);
    if (typeof code === "number") process.exitCode = code;
  }
} catch (err) {
  // A mistake on the command line: say what, show the usage, exit 2. Anything else: exit 1.
  const usageError = err instanceof UsageError || String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS");
  console.error(`prove ${command}: ${(err as Error).message}${usageError && mod.usage ? `\n\n${mod.usage}` : ""}`);
  process.exitCode = usageError ? 2 : 1;
}
