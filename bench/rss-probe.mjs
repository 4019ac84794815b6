// Preloaded (`node --import bench/rss-probe.mjs …`) into a measured child: at exit it writes the
// process's peak resident set size in KiB to the file named by KTSTR_BENCH_RSS_FILE, so the floor
// and the gate's CLI are measured the same way without changing either.
import { writeFileSync } from 'node:fs'

const out = process.env.KTSTR_BENCH_RSS_FILE
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)))
