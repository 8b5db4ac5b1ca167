import { describe, expect, it } from 'vitest';
import { RevisionWatermark } from './revision-watermark';

describe('the revision watermark of the station index poller', () => {
  it('reads on from the highest revision when every revision has shown up', () => {
    const watermark = new RevisionWatermark(60_000, () => 0);
    watermark.observe([1, 2, 3]);
    expect(watermark.floor()).toBe(3);
    watermark.observe([4, 5]);
    expect(watermark.floor()).toBe(5);
  });

  it('keeps re-reading from below a revision that was taken but has not landed yet', () => {
    const watermark = new RevisionWatermark(60_000, () => 0);
    watermark.observe([1, 2]);
    // Revision 3 is held by a slow writer; 4 and 5 landed first.
    watermark.observe([4, 5]);
    expect(watermark.floor()).toBe(2);
    // The next read (revision > 2) returns the late write with the others.
    watermark.observe([3, 4, 5]);
    expect(watermark.floor()).toBe(5);
  });

  it('gives up on a revision that never shows up once the grace period has passed', () => {
    let now = 0;
    const watermark = new RevisionWatermark(60_000, () => now);
    watermark.observe([1, 2, 5]);
    expect(watermark.floor()).toBe(2);
    expect(watermark.openGaps).toBe(2);
    now = 59_000;
    expect(watermark.floor()).toBe(2);
    now = 61_000;
    expect(watermark.floor()).toBe(5);
    expect(watermark.openGaps).toBe(0);
  });

  it('at start-up only treats recent holes as writes in flight', () => {
    const watermark = new RevisionWatermark(60_000, () => 0);
    // Only the 100 numbers below the newest are watched: 4902…5001 except 5000.
    watermark.observe([10, 5000, 5002], 100);
    expect(watermark.floor()).toBe(4901);
    expect(watermark.openGaps).toBe(99);
  });
});
