/**
 * The activity lottery's pure draw (shared drawLottery) over 100,000 entries with mixed
 * weights: the time the BFF spends computing a draw, and a phone spends re-checking it.
 */
import { drawLottery } from '@union/shared';

const ENTRIES = 100_000;
const RUNS = 5;

export async function lotteryBench() {
  const seed = 'a'.repeat(64);
  const weights = [1, 1, 1, 2, 1.5, 0.5, 3];
  const entries = Array.from({ length: ENTRIES }, (_, i) => ({
    id: i.toString(16).padStart(24, '0'),
    weight: weights[i % weights.length],
  }));
  drawLottery({ seed, entries: entries.slice(0, 1000), places: 100 }); // warm up
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    drawLottery({ seed, entries, places: 500 });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`\nActivity lottery (pure drawLottery, in-process, Node ${process.version})`);
  console.table([
    {
      operation: 'lottery draw, 100,000 entries',
      'median ms': +times[Math.floor(RUNS / 2)]!.toFixed(1),
      'min ms': +times[0]!.toFixed(1),
      runs: RUNS,
    },
  ]);
}
