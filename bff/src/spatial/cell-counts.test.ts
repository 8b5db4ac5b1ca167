import { describe, expect, it } from 'vitest';
import { createRandom } from '../seeded-random';
import { CellCounts } from './cell-counts';

describe('cell counts', () => {
  it('add up per cell like a Map, for cells that collide, neighbour each other or were never added', () => {
    const random = createRandom(21);
    const counts = new CellCounts(3000);
    const reference = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      // Runs of neighbouring cells, as a grid row gives, and far-apart ones.
      const cell = random.chance(0.5) ? 18_000 * random.int(0, 9000) + random.int(0, 40) : random.int(0, 2 ** 31 - 2);
      if (!reference.has(cell) && reference.size >= 3000) continue;
      const count = random.int(1, 5);
      counts.add(cell, count);
      reference.set(cell, (reference.get(cell) ?? 0) + count);
    }
    for (const [cell, count] of reference) expect(counts.get(cell)).toBe(count);
    for (let i = 0; i < 1000; i++) {
      const cell = random.int(0, 2 ** 31 - 2);
      expect(counts.get(cell)).toBe(reference.get(cell) ?? 0);
    }
  });
});
