export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `runs` times after `warmup` runs; returns median wall and CPU seconds, and the peak RSS growth (MiB). */
export async function measure(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const walls = [];
  const cpus = [];
  let peak = 0;
  const rss0 = process.memoryUsage().rss;
  let result;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    walls.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
    peak = Math.max(peak, process.memoryUsage().rss - rss0);
    result = undefined;
  }
  return { wall: median(walls), cpu: median(cpus), peakMiB: peak / 2 ** 20, runs };
}
