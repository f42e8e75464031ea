/**
 * Preloaded (`node -r bench/peak-rss.cjs …`) by the benches that measure a whole process: at exit, the main thread
 * writes the process's peak resident set (getrusage maxRSS, in KiB; worker threads included, they share the process)
 * to the file named by SEGUR_BENCH_PEAK_FILE. Node only: no /usr/bin/time needed on a newcomer's machine.
 */
'use strict';
const out = process.env.SEGUR_BENCH_PEAK_FILE;
if (out && require('node:worker_threads').isMainThread) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      // the bench reports NaN
    }
  });
}
