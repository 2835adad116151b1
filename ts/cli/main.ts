/** `prove <command>`: the project's command line. Each command lives in its own module. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number | void> }> }> = {
  servers: { summary: "list the domains with their tool counts (--json)", load: () => import("./servers.ts") },
  tour: { summary: "a scripted tour of a session: calls, errors, a fork, hashes, the journal", load: () => import("./tour.ts") },
  serve: { summary: "the gRPC service: Environment, Reward, Tasks (--host, --port, --token)", load: () => import("./serve.ts") },
  synth: { summary: "synthesize grounded tasks: --seed S --count N --out DIR [--teacher URL]", load: () => import("./synth.ts") },
  score: { summary: "score trajectories offline: --tasks tasks.jsonl --trajectories runs.jsonl [--preset verified]", load: () => import("./score.ts") },
  mcp: { summary: "serve a domain over MCP: `mcp <domain>` on stdio, `mcp --http [--port]` for all", load: () => import("./mcp.ts") },
  eval: { summary: "evaluate a policy: --tasks DIR or --bench bfcl-multi-turn, --policy P | --endpoint URL --model M; split, overlap, report, compare", load: () => import("./eval.ts") },
  view: { summary: "browse tasks and trajectories in a local web page: view DIR (a dataset, an eval run or a training run)", load: () => import("./view.ts") },
  export: { summary: "merge a LoRA run into a Hugging Face checkpoint folder: export RUN_DIR --out DIR", load: () => import("./export.ts") },
  train: { summary: "GRPO training: --model stub|tiny-granite|tiny-qwen3|granite-4.1-8b|… [--steps N] [--run-dir DIR] (--help for all options)", load: () => import("./train.ts") },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ["usage: prove <command> [options]", "", ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join("\n");
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
try {
  const code = await (await entry.load()).run(rest);
  if (typeof code === "number") process.exitCode = code;
} catch (err) {
  console.error(`prove ${command}: ${(err as Error).message}`);
  process.exitCode = 1;
}
