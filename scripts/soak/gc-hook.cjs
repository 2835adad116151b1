// Preloaded into the `prove serve` process of a soak (node --expose-gc --require): on SIGUSR2 it
// collects garbage twice and reports the process's memory on stderr, so that the soak compares
// memory after GC rather than whatever garbage happened to be waiting.
process.on("SIGUSR2", () => {
  global.gc();
  setTimeout(() => {
    global.gc();
    const m = process.memoryUsage();
    process.stderr.write(`soak-memory ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external })}\n`);
  }, 500);
});
