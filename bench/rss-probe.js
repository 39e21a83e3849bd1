// Preloaded into a benchmarked process (`node -r bench/rss-probe.js …`): on exit, writes the process's
// peak resident set size (kB, from getrusage) to the file named by BENCH_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE)
    fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
