/** `prove train`: the GRPO training loop under the supervisor (ts/supervisor). */
import { parseTrainArgs, trainUsage } from "../supervisor/options.ts";
import { dryRun, runTraining } from "../supervisor/index.ts";

export async function run(argv: string[]): Promise<number> {
  const options = parseTrainArgs(argv);
  if (options.help) {
    console.log(trainUsage());
    return 0;
  }
  if (options.dryRun) {
    console.log(await dryRun(options));
    return 0;
  }
  const result = await runTraining(options);
  if (result.status === "failed" || result.status === "refused") return 1;
  // Stopped on request (Ctrl-C, SIGTERM): the conventional status of an interrupted command.
  return result.status === "stopped" ? 130 : 0;
}
