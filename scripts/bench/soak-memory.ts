/**
 * The BFF's memory during the soak, as its own /metrics reports it (prom-client's process
 * figures of the server process itself: `process_resident_memory_bytes` is VmRSS from
 * /proc/self/status), and the bound the soak holds it to.
 */

export interface MemorySample {
  elapsedMs: number;
  rssMb: number;
  heapMb: number;
}

/**
 * After the warm-up (JIT, indexes, connection pools, caches filled), a server that does not
 * leak stays flat: the second half of the run may add at most 10% of the middle's RSS plus
 * 20 MB (GC timing and allocator noise). A leak proportional to traffic grows the second half
 * as much as the first and breaks it.
 */
export const RSS_BOUND = 'RSS at the end ≤ RSS at the middle × 1.10 + 20 MB';
const withinBound = (middle: number, end: number) => end <= middle * 1.1 + 20;

const gauge = (text: string, name: string) => {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Math.round(Number(match[1]) / 2 ** 20);
};

export async function bffMemory(url: string, elapsedMs: number): Promise<MemorySample> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`/metrics: ${response.status}`);
  const text = await response.text();
  return {
    elapsedMs,
    rssMb: gauge(text, 'process_resident_memory_bytes'),
    heapMb: gauge(text, 'nodejs_heap_size_used_bytes'),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** The median of the samples in the window ending at `atMs` (one sample is noise: a GC can land on it). */
function around(samples: MemorySample[], atMs: number, windowMs: number) {
  let inWindow = samples.filter((sample) => sample.elapsedMs <= atMs && sample.elapsedMs > atMs - windowMs);
  if (inWindow.length === 0) {
    const nearest = samples.reduce((best, sample) =>
      Math.abs(sample.elapsedMs - atMs) < Math.abs(best.elapsedMs - atMs) ? sample : best,
    );
    inWindow = [nearest];
  }
  return { rssMb: median(inWindow.map((s) => s.rssMb)), heapMb: median(inWindow.map((s) => s.heapMb)) };
}

export function rssVerdict(samples: MemorySample[], durationMs: number) {
  if (samples.length === 0) return { rows: [], ok: false, detail: 'no memory samples were read' };
  const warmUpMs = Math.min(120_000, durationMs / 10);
  const windowMs = Math.min(30_000, durationMs / 10);
  const points = [
    { point: `start (after ${Math.round(warmUpMs / 1000)} s warm-up)`, at: warmUpMs },
    { point: 'middle', at: durationMs / 2 },
    { point: 'end', at: durationMs },
  ].map(({ point, at }) => ({ point, minute: +(at / 60_000).toFixed(1), ...around(samples, at, windowMs) }));
  const rows = points.map(({ point, minute, rssMb, heapMb }) => ({
    point,
    minute,
    'BFF RSS MB': rssMb,
    'V8 heap used MB': heapMb,
  }));
  const [start, middle, end] = points as [(typeof points)[0], (typeof points)[0], (typeof points)[0]];
  const ok = withinBound(middle.rssMb, end.rssMb);
  const limit = Math.round(middle.rssMb * 1.1 + 20);
  const peak = Math.max(...samples.map((sample) => sample.rssMb));
  return {
    rows,
    ok,
    detail:
      `end ${end.rssMb} MB vs limit ${limit} MB (middle ${middle.rssMb} MB); ` +
      `start → end ${end.rssMb - start.rssMb >= 0 ? '+' : ''}${end.rssMb - start.rssMb} MB; ` +
      `peak ${peak} MB over ${samples.length} samples`,
  };
}
