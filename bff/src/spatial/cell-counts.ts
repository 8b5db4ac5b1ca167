/**
 * Whole numbers by cell number (a non-negative int32), in two typed arrays with open
 * addressing. A V8 Map of a few hundred thousand numbers takes ~15 MB and a chain of cache
 * misses per lookup; here a lookup is one or two neighbouring slots.
 */
export class CellCounts {
  private readonly cells: Int32Array;
  private readonly counts: Int32Array;
  private readonly shift: number;

  /** `capacity`: at most this many distinct cells will be added. */
  constructor(capacity: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(capacity * 2)));
    this.cells = new Int32Array(1 << bits).fill(EMPTY);
    this.counts = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  add(cell: number, count: number): void {
    const slot = this.slotOf(cell);
    this.cells[slot] = cell;
    this.counts[slot]! += count;
  }

  get(cell: number): number {
    return this.counts[this.slotOf(cell)]!;
  }

  /** The cell's slot, or the empty slot where it would go (linear probing; never full). */
  private slotOf(cell: number): number {
    const last = this.cells.length - 1;
    let slot = Math.imul(cell, FIBONACCI) >>> this.shift;
    while (this.cells[slot] !== cell && this.cells[slot] !== EMPTY) slot = (slot + 1) & last;
    return slot;
  }
}

const EMPTY = -1;
/** 2^32 / φ: spreads consecutive cells (a row of them) over the table. */
const FIBONACCI = 0x9e3779b1;
