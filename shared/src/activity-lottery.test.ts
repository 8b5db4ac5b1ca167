import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  commitmentOf,
  drawLottery,
  isWellFormedSeed,
  type LotteryEntry,
  verifyCommitment,
  weightOf,
} from './activity-lottery';
import { asciiBytes } from './card-token';

const SEED = '3f1c9a7e5b2d48f06a1e9c3b7d5f2a8e4c6b0d9f1a3e5c7b9d2f4a6c8e0b1d3f';
const OTHER_SEED = '3f1c9a7e5b2d48f06a1e9c3b7d5f2a8e4c6b0d9f1a3e5c7b9d2f4a6c8e0b1d3e';
const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `65a1b2c3d4e5f607${i.toString(16).padStart(8, '0')}`);
const SIX = ['01', '02', '03', '04', '05', '06'].map((tail) => `65a1b2c3d4e5f60718293a${tail}`);
const entriesOf = (entryIds: readonly string[]): LotteryEntry[] => entryIds.map((id) => ({ id }));
/** Deterministic, distinct seeds, so the statistical tests give the same counts on every run. */
const seedNumber = (i: number) => bytesToHex(sha256(asciiBytes(`lottery test seed ${i}`)));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('seed and commitment', () => {
  it('takes a seed of 64 lowercase hex digits only', () => {
    expect(isWellFormedSeed(SEED)).toBe(true);
    expect(isWellFormedSeed(SEED.toUpperCase())).toBe(false);
    expect(isWellFormedSeed(SEED.slice(1))).toBe(false);
    expect(isWellFormedSeed(`${SEED}0`)).toBe(false);
    expect(isWellFormedSeed(` ${SEED.slice(1)}`)).toBe(false);
  });

  it('commits to the SHA-256 of the seed bytes (`xxd -r -p | sha256sum` gives the same)', () => {
    expect(commitmentOf(SEED)).toBe('5c26af4e71ada1ab9412318040f6f0f31d3a24cab9a33656ee5ed6f4207eb16c');
  });

  it('verifies the revealed seed against its commitment, and a different seed not', () => {
    const commitment = commitmentOf(SEED);
    expect(verifyCommitment(SEED, commitment)).toBe(true);
    expect(verifyCommitment(OTHER_SEED, commitment)).toBe(false);
  });

  it('does not verify malformed seeds or commitments, without throwing', () => {
    expect(verifyCommitment(SEED.toUpperCase(), commitmentOf(SEED))).toBe(false);
    expect(verifyCommitment(SEED, commitmentOf(SEED).toUpperCase())).toBe(false);
    expect(verifyCommitment('', '')).toBe(false);
  });

  it('refuses to commit to a malformed seed', () => {
    expect(() => commitmentOf('not a seed')).toThrow(/seed/);
  });
});

describe('drawLottery', () => {
  it('gives the same result for the same inputs', () => {
    const input = { seed: SEED, entries: entriesOf(ids(50)), places: 10 };
    expect(drawLottery(input)).toEqual(drawLottery(input));
  });

  it('does not depend on the order the entries are listed in', () => {
    const entries = ids(50).map((id, i) => ({ id, weight: [1, 2, 0.5, 1.5][i % 4] }));
    const expected = drawLottery({ seed: SEED, entries, places: 10 });
    for (const order of [1, 2, 3]) {
      expect(drawLottery({ seed: SEED, entries: shuffled(entries, order), places: 10 })).toEqual(expected);
    }
    expect(drawLottery({ seed: SEED, entries: [...entries].reverse(), places: 10 })).toEqual(expected);
  });

  it('draws a different order from a different seed', () => {
    const entries = entriesOf(ids(50));
    expect(drawLottery({ seed: OTHER_SEED, entries, places: 10 }).winners).not.toEqual(
      drawLottery({ seed: SEED, entries, places: 10 }).winners,
    );
  });

  it('picks exactly `places` winners and waitlists the rest in draw order', () => {
    const result = drawLottery({ seed: SEED, entries: entriesOf(ids(30)), places: 12 });
    expect(result.winners).toHaveLength(12);
    expect(result.waitlist).toHaveLength(18);
    expect([...result.winners, ...result.waitlist]).toEqual(result.order.map((entry) => entry.id));
    expect(result.order.map((entry) => entry.rank)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set([...result.winners, ...result.waitlist]).size).toBe(30);
  });

  it('lets everyone win when there are fewer entries than places', () => {
    const result = drawLottery({ seed: SEED, entries: entriesOf(ids(3)), places: 10 });
    expect(result.winners).toHaveLength(3);
    expect(result.waitlist).toEqual([]);
  });

  it('draws nobody from no entries, and waitlists everyone for zero places', () => {
    expect(drawLottery({ seed: SEED, entries: [], places: 5 })).toEqual({ winners: [], waitlist: [], order: [] });
    expect(drawLottery({ seed: SEED, entries: entriesOf(ids(4)), places: 0 }).waitlist).toHaveLength(4);
  });

  it('orders by draw key, highest first, and the key is u^(1/weight)', () => {
    const entries = ids(40).map((id, i) => ({ id, weight: [1, 2, 0.5][i % 3] }));
    const { order } = drawLottery({ seed: SEED, entries, places: 5 });
    for (const entry of order) {
      expect(entry.u).toBe((parseInt(entry.ticket.slice(0, 13), 16) + 0.5) / 2 ** 52);
      expect(entry.key).toBe(Math.pow(entry.u, 1 / entry.weight));
    }
    for (let i = 1; i < order.length; i++) expect(order[i - 1]!.key).toBeGreaterThanOrEqual(order[i]!.key);
  });

  it('treats weight 1 the same as no weight', () => {
    const plain = drawLottery({ seed: SEED, entries: entriesOf(ids(20)), places: 5 });
    const weighed = drawLottery({ seed: SEED, entries: ids(20).map((id) => ({ id, weight: 1 })), places: 5 });
    expect(weighed).toEqual(plain);
  });

  it('keeps the published known-answer draw (a change to the algorithm must fail here)', () => {
    // Recomputed independently with Python's hmac and with
    // `printf %s <id> | openssl dgst -sha256 -mac HMAC -macopt hexkey:<seed>`.
    const result = drawLottery({ seed: SEED, entries: entriesOf(SIX), places: 2 });
    expect(result.winners).toEqual(['65a1b2c3d4e5f60718293a03', '65a1b2c3d4e5f60718293a01']);
    expect(result.waitlist).toEqual([
      '65a1b2c3d4e5f60718293a06',
      '65a1b2c3d4e5f60718293a05',
      '65a1b2c3d4e5f60718293a04',
      '65a1b2c3d4e5f60718293a02',
    ]);
    expect(result.order[1]).toEqual({
      id: '65a1b2c3d4e5f60718293a01',
      rank: 2,
      weight: 1,
      ticket: 'e47119ba578e792c8453fd502e731973112c9fc768806c7f077f8300598d4dd2',
      u: 0.8923507766663138,
      key: 0.8923507766663138,
    });
  });

  it('keeps the published known-answer weighted draw', () => {
    const weights = [2, 1, 1.5, 0.5, 1, 3];
    const entries = SIX.map((id, i) => ({ id, weight: weights[i] }));
    const result = drawLottery({ seed: SEED, entries, places: 2 });
    expect(result.order.map((entry) => [entry.id.slice(-2), entry.key])).toEqual([
      ['01', 0.9446432007198876],
      ['03', 0.9392556811238356],
      ['06', 0.9357590829691534],
      ['05', 0.36465850286124957],
      ['02', 0.09266747567030797],
      ['04', 0.04496469101699743],
    ]);
  });

  it('gives each of 10 equal entries about one win in ten over 2,000 seeds', () => {
    const entries = entriesOf(ids(10));
    const wins = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const [winner] = drawLottery({ seed: seedNumber(i), entries, places: 1 }).winners;
      wins.set(winner!, (wins.get(winner!) ?? 0) + 1);
    }
    expect(wins.size).toBe(10);
    for (const count of wins.values()) {
      expect(count).toBeGreaterThanOrEqual(140);
      expect(count).toBeLessThanOrEqual(260);
    }
  });

  it('lets weight 2 beat weight 1 about two times in three', () => {
    const [heavy, light] = ids(2) as [string, string];
    const entries = [
      { id: heavy, weight: 2 },
      { id: light, weight: 1 },
    ];
    let heavyWins = 0;
    for (let i = 0; i < 3_000; i++) {
      if (drawLottery({ seed: seedNumber(i), entries, places: 1 }).winners[0] === heavy) heavyWins++;
    }
    expect(heavyWins / 3_000).toBeGreaterThan(0.6);
    expect(heavyWins / 3_000).toBeLessThan(0.73);
  });

  it('draws 100,000 entries', () => {
    const result = drawLottery({ seed: SEED, entries: entriesOf(ids(100_000)), places: 100 });
    expect(result.winners).toHaveLength(100);
    expect(result.waitlist).toHaveLength(99_900);
    expect(result.order).toHaveLength(100_000);
  });

  describe('refuses programmer mistakes', () => {
    const entries = entriesOf(ids(3));

    it('a malformed seed', () => {
      expect(() => drawLottery({ seed: SEED.toUpperCase(), entries, places: 1 })).toThrow(/seed/);
    });

    it('places that are negative or not whole', () => {
      expect(() => drawLottery({ seed: SEED, entries, places: -1 })).toThrow(/places/);
      expect(() => drawLottery({ seed: SEED, entries, places: 1.5 })).toThrow(/places/);
      expect(() => drawLottery({ seed: SEED, entries, places: Number.NaN })).toThrow(/places/);
    });

    it('a weight that is not a positive finite number', () => {
      for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => drawLottery({ seed: SEED, entries: [{ id: 'a', weight }], places: 1 })).toThrow(/weight/);
      }
    });

    it('the same entry twice', () => {
      expect(() => drawLottery({ seed: SEED, entries: [{ id: 'a' }, { id: 'a' }], places: 1 })).toThrow(/twice/);
    });

    it('an empty or non-ASCII entry id', () => {
      expect(() => drawLottery({ seed: SEED, entries: [{ id: '' }], places: 1 })).toThrow(/id/);
      expect(() => drawLottery({ seed: SEED, entries: [{ id: '张三' }], places: 1 })).toThrow(/id/);
      expect(() => drawLottery({ seed: SEED, entries: [{ id: 'a b' }], places: 1 })).toThrow(/id/);
    });
  });
});

describe('weightOf', () => {
  const rules = { new_employment_form: 2, first_time: 1.5, repeated_no_show: 0.5 };

  it('is 1 for an entry with no priority tags', () => {
    expect(weightOf([], rules)).toBe(1);
  });

  it('multiplies the weights of the entry’s tags', () => {
    expect(weightOf(['new_employment_form'], rules)).toBe(2);
    expect(weightOf(['new_employment_form', 'first_time'], rules)).toBe(3);
    expect(weightOf(['new_employment_form', 'first_time', 'repeated_no_show'], rules)).toBe(1.5);
  });

  it('counts tags the table does not list as 1, and a repeated tag once', () => {
    expect(weightOf(['hardship_family'], rules)).toBe(1);
    expect(weightOf(['first_time', 'first_time'], rules)).toBe(1.5);
    expect(weightOf(['toString', 'constructor'], rules)).toBe(1);
  });

  it('refuses a table with a weight that is not a positive finite number', () => {
    expect(() => weightOf([], { first_time: 0 })).toThrow(/first_time/);
    expect(() => weightOf([], { first_time: Number.POSITIVE_INFINITY })).toThrow(/first_time/);
  });
});
