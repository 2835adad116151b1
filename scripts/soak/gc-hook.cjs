// Preloaded into the `prove serve` process of a soak (node --expose-gc --require): on SIGUSR2 it
// collects garbage twice and reports the process's memory on stderr, so that the soak compares
// memory after GC rather than whatever garbage happened to be waiting. It reports how late the
// event loop ran since the last report too: a call answered late was waiting for it.
const { monitorEventLoopDelay } = require("node:perf_hooks");

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on("SIGUSR2", () => {
  const loop = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  global.gc();
  setTimeout(() => {
    global.gc();
    const m = process.memoryUsage();
    process.stderr.write(`soak-memory ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, loop })}\n`);
    delay.reset();
  }, 500);
});
