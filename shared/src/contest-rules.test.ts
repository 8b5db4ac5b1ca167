import { describe, expect, it } from 'vitest';
import {
  advancingEntrants,
  aggregateRound,
  awardsForRanks,
  itemMeans,
  rankGroup,
  sheetTotal,
  validateContestSetup,
  validateSheet,
  weightedTotal,
  type EntrantStanding,
} from './contest-rules';
import { ContestSetupInputSchema, type ContestSetupDraft, type RoundScoring } from './contract/contests';

const rubric: RoundScoring = {
  kind: 'rubric',
  items: [
    { id: 'norm', name: '操作规范', maxPoints: 30, weight: 1 },
    { id: 'quality', name: '完成质量', maxPoints: 40, weight: 1 },
    { id: 'time', name: '用时', maxPoints: 20, weight: 0.5 },
  ],
};

const setupOf = (draft: ContestSetupDraft) => ContestSetupInputSchema.parse(draft);
const baseSetup = (): ContestSetupDraft => ({
  rounds: [
    { id: 'theory', name: '理论', scoring: { kind: 'plain', maxPoints: 100 }, weight: 40 },
    {
      id: 'practice',
      name: '实操',
      scoring: rubric,
      weight: 60,
      aggregation: { method: 'trimmed_mean', trimWhenAtLeast: 3 },
    },
  ],
  ranking: { basis: 'weighted_total', tieBreak: [{ by: 'item', roundId: 'practice', itemId: 'quality' }] },
  awards: [
    {
      groupId: 'a',
      tiers: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', sharePercent: 50 },
      ],
    },
  ],
});
const paths = (draft: ContestSetupDraft, groups = ['a']) =>
  validateContestSetup(setupOf(draft), groups).map((issue) => issue.path);

describe('validateContestSetup', () => {
  it('accepts a sound setup', () => {
    expect(paths(baseSetup())).toEqual([]);
  });

  it('names duplicate round ids, item ids and item names', () => {
    const draft = baseSetup();
    draft.rounds[1]!.id = 'theory';
    draft.rounds[1]!.scoring = {
      kind: 'rubric',
      items: [
        { id: 'x', name: '甲', maxPoints: 1 },
        { id: 'x', name: '甲', maxPoints: 2 },
      ],
    };
    draft.ranking.tieBreak = [];
    expect(paths(draft)).toEqual(['rounds.1.id', 'rounds.1.scoring.items.1.id', 'rounds.1.scoring.items.1.name']);
  });

  it('wants round weights summing to exactly 100 for a weighted total, and says the sum', () => {
    const draft = baseSetup();
    draft.rounds[1]!.weight = 59.99;
    const issues = validateContestSetup(setupOf(draft), ['a']);
    expect(issues).toEqual([{ path: 'rounds', message: '各轮权重之和应为100（现为99.99）' }]);
    draft.ranking.basis = 'last_round';
    expect(paths(draft)).toEqual([]);
  });

  it('allows a measure round only when ranking by the last round', () => {
    const draft = baseSetup();
    draft.rounds[0]!.scoring = { kind: 'measure', unit: '秒', better: 'lower' };
    expect(paths(draft)).toEqual(['rounds.0.scoring']);
    draft.ranking.basis = 'last_round';
    expect(paths(draft)).toEqual([]);
  });

  it('refuses a trimmed mean for fewer than 3 judges at the schema, and accepts exactly 3', () => {
    const draft = baseSetup();
    draft.rounds[1]!.aggregation = { method: 'trimmed_mean', trimWhenAtLeast: 2 };
    expect(ContestSetupInputSchema.safeParse(draft).success).toBe(false);
    draft.rounds[1]!.aggregation = { method: 'trimmed_mean', trimWhenAtLeast: 3 };
    expect(paths(draft)).toEqual([]);
  });

  it('refuses zero or negative points and weights at the schema', () => {
    for (const item of [{ maxPoints: 0 }, { maxPoints: -1 }, { weight: 0 }]) {
      const draft = baseSetup();
      draft.rounds[1]!.scoring = { kind: 'rubric', items: [{ id: 'x', name: '甲', maxPoints: 10, ...item }] };
      expect(ContestSetupInputSchema.safeParse(draft).success, JSON.stringify(item)).toBe(false);
    }
  });

  it('names tie-breaks that point nowhere', () => {
    const draft = baseSetup();
    draft.ranking.tieBreak = [
      { by: 'round', roundId: 'final' },
      { by: 'item', roundId: 'theory', itemId: 'quality' },
      { by: 'item', roundId: 'practice', itemId: 'nope' },
    ];
    expect(paths(draft)).toEqual([
      'ranking.tieBreak.0.roundId',
      'ranking.tieBreak.1.itemId',
      'ranking.tieBreak.2.itemId',
    ]);
  });

  it('checks awards: known groups, one entry per group, unique names, shares within 100%', () => {
    const draft = baseSetup();
    draft.awards = [
      {
        groupId: 'a',
        tiers: [
          { name: '一等奖', sharePercent: 60 },
          { name: '一等奖', sharePercent: 41 },
        ],
      },
      { groupId: 'a', tiers: [] },
      { groupId: 'zz', tiers: [] },
    ];
    expect(paths(draft)).toEqual(['awards.1.groupId', 'awards.0.tiers.1.name', 'awards.0.tiers', 'awards.2.groupId']);
  });

  it('refuses a threshold above what the round can score', () => {
    const draft = baseSetup();
    draft.rounds[0]!.advancement = { mode: 'threshold', score: 100.01 };
    expect(paths(draft)).toEqual(['rounds.0.advancement.score']);
    draft.rounds[0]!.advancement = { mode: 'threshold', score: 100 };
    expect(paths(draft)).toEqual([]);
  });
});

describe('validateSheet and sheetTotal', () => {
  it('accepts 0 and the maximum, refuses just past either end', () => {
    const items = (norm: number | null) => ({ items: { norm, quality: 40, time: 0 }, value: null });
    expect(validateSheet(rubric, items(0), true)).toEqual([]);
    expect(validateSheet(rubric, items(30), true)).toEqual([]);
    expect(validateSheet(rubric, items(30.01), true)).toEqual([{ path: 'items.norm', message: '分数不能超过满分30' }]);
    expect(validateSheet(rubric, items(-0.01), true)).toEqual([{ path: 'items.norm', message: '分数不能为负' }]);
  });

  it('allows two decimals, not three', () => {
    expect(validateSheet({ kind: 'plain', maxPoints: 100 }, { items: {}, value: 88.25 }, true)).toEqual([]);
    // Binary noise (0.1 + 0.2 = 0.30000000000000004) is still a typed 0.3.
    expect(validateSheet({ kind: 'plain', maxPoints: 100 }, { items: {}, value: 0.1 + 0.2 }, true)).toEqual([]);
    expect(validateSheet({ kind: 'plain', maxPoints: 100 }, { items: {}, value: 88.125 }, true)).toEqual([
      { path: 'value', message: '最多保留两位小数' },
    ]);
  });

  it('lets a draft leave blanks but not a submitted sheet, and names unknown items', () => {
    const partial = { items: { norm: 20, extra: 3 }, value: null };
    expect(validateSheet(rubric, partial, false)).toEqual([{ path: 'items.extra', message: '没有这个评分项' }]);
    expect(validateSheet(rubric, partial, true).map((issue) => issue.path)).toEqual([
      'items.extra',
      'items.quality',
      'items.time',
    ]);
  });

  it('wants a measure above 0', () => {
    const measure: RoundScoring = { kind: 'measure', unit: '秒', better: 'lower' };
    expect(validateSheet(measure, { items: {}, value: 0 }, true)).toEqual([{ path: 'value', message: '数值应大于0' }]);
    expect(validateSheet(measure, { items: {}, value: 0.01 }, true)).toEqual([]);
  });

  it('totals a rubric as Σ points × weight, or null while anything is blank', () => {
    expect(sheetTotal(rubric, { items: { norm: 25.5, quality: 30, time: 15 }, value: null })).toBe(63);
    expect(sheetTotal(rubric, { items: { norm: 25.5, quality: 30 }, value: null })).toBeNull();
    expect(sheetTotal({ kind: 'plain', maxPoints: 10 }, { items: {}, value: 7.5 })).toBe(7.5);
  });
});

describe('aggregateRound', () => {
  const trimmed = { method: 'trimmed_mean' as const, trimWhenAtLeast: 5 };

  it('drops one highest and one lowest with exactly N judges', () => {
    expect(aggregateRound([90, 10, 80, 70, 60], trimmed)).toEqual({
      score: 70,
      counted: 3,
      trimmed: true,
      incomplete: false,
    });
  });

  it('keeps every score with N − 1 judges', () => {
    expect(aggregateRound([90, 10, 80, 70], trimmed)).toEqual({
      score: 62.5,
      counted: 4,
      trimmed: false,
      incomplete: false,
    });
  });

  it('drops only one of several equal highest scores', () => {
    expect(aggregateRound([90, 90, 90, 60, 60], trimmed).score).toBe(80);
  });

  it('does not count missing scores, flags the round incomplete, and trims only on the scores submitted', () => {
    expect(aggregateRound([90, null, 80, 70, 60], trimmed)).toEqual({
      score: 75,
      counted: 4,
      trimmed: false,
      incomplete: true,
    });
    expect(aggregateRound([null, null], { method: 'mean', trimWhenAtLeast: 5 })).toEqual({
      score: null,
      counted: 0,
      trimmed: false,
      incomplete: true,
    });
  });

  it('rounds the mean to two decimals', () => {
    expect(aggregateRound([80, 80, 81], { method: 'mean', trimWhenAtLeast: 5 }).score).toBe(80.33);
    expect(aggregateRound([80.005, 80.005], { method: 'mean', trimWhenAtLeast: 5 }).score).toBe(80.01);
  });

  it('averages item points over the sheets for tie-breaks', () => {
    expect(
      itemMeans(rubric, [
        { items: { quality: 35 }, value: null },
        { items: { quality: 30 }, value: null },
      ]),
    ).toEqual({
      norm: null,
      quality: 32.5,
      time: null,
    });
  });
});

describe('weightedTotal', () => {
  it('adds score × weight% and counts a missing score as 0', () => {
    expect(
      weightedTotal([
        { score: 89, weight: 40 },
        { score: 87, weight: 60 },
      ]),
    ).toBe(87.8);
    expect(
      weightedTotal([
        { score: 89, weight: 40 },
        { score: null, weight: 60 },
      ]),
    ).toBe(35.6);
  });
});

describe('advancingEntrants', () => {
  const scored = [
    { id: 'p', score: 90 },
    { id: 'q', score: 80 },
    { id: 'r', score: 80 },
    { id: 's', score: 70 },
    { id: 't', score: null },
  ];
  const ids = (set: Set<string>) => [...set].sort();

  it('takes the top k, and everyone tied with the k-th', () => {
    expect(ids(advancingEntrants(scored, { mode: 'top_k', k: 1 }, false))).toEqual(['p']);
    expect(ids(advancingEntrants(scored, { mode: 'top_k', k: 2 }, false))).toEqual(['p', 'q', 'r']);
    expect(ids(advancingEntrants(scored, { mode: 'top_k', k: 4 }, false))).toEqual(['p', 'q', 'r', 's']);
    expect(ids(advancingEntrants(scored, { mode: 'top_k', k: 10 }, false))).toEqual(['p', 'q', 'r', 's']);
  });

  it('orders a lower-is-better measure the other way', () => {
    expect(ids(advancingEntrants(scored, { mode: 'top_k', k: 1 }, true))).toEqual(['s']);
    expect(ids(advancingEntrants(scored, { mode: 'threshold', score: 80 }, true))).toEqual(['q', 'r', 's']);
  });

  it('takes a threshold inclusively, and never an entrant without a score', () => {
    expect(ids(advancingEntrants(scored, { mode: 'threshold', score: 80 }, false))).toEqual(['p', 'q', 'r']);
    expect(ids(advancingEntrants(scored, { mode: 'threshold', score: 80.01 }, false))).toEqual(['p']);
    expect(ids(advancingEntrants(scored, { mode: 'all' }, false))).toEqual(['p', 'q', 'r', 's']);
  });
});

describe('awardsForRanks', () => {
  const tiers = [
    { name: '一等奖', count: 1 },
    { name: '二等奖', count: 2 },
    { name: '三等奖', count: 3 },
  ];

  it('gives tied entrants the better award and lets them use up the places behind', () => {
    expect(awardsForRanks([1, 1, 3, 4, 4, 6, 7], tiers)).toEqual([
      '一等奖',
      '一等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '三等奖',
      null,
    ]);
    expect(awardsForRanks([1, 2, 2, 2, 5], tiers)).toEqual(['一等奖', '二等奖', '二等奖', '二等奖', '三等奖']);
  });

  it('sizes a share tier as ⌊ranked × share⌋ and gives none to the unranked', () => {
    const shares = [
      { name: '一等奖', sharePercent: 10 },
      { name: '二等奖', sharePercent: 20 },
      { name: '优秀奖', sharePercent: 30 },
    ];
    const ranks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null];
    expect(awardsForRanks(ranks, shares)).toEqual([
      '一等奖',
      '二等奖',
      '二等奖',
      '优秀奖',
      '优秀奖',
      '优秀奖',
      null,
      null,
      null,
      null,
      null,
    ]);
    // 9 ranked: 10% is 0 places, so no 一等奖; 20% is 1 place.
    expect(awardsForRanks([1, 2, 3, 4, 5, 6, 7, 8, 9], shares).slice(0, 3)).toEqual(['二等奖', '优秀奖', '优秀奖']);
  });
});

describe('rankGroup', () => {
  const setup = setupOf(baseSetup());
  const standing = (
    id: string,
    theory: number | null,
    practice?: number | null,
    quality?: number,
  ): EntrantStanding => ({
    entrantId: id,
    rounds: [
      { roundId: 'theory', score: theory, absent: theory === null, itemMeans: {} },
      ...(practice === undefined
        ? []
        : [
            {
              roundId: 'practice',
              score: practice,
              absent: practice === null,
              itemMeans: { quality: quality ?? null },
            },
          ]),
    ],
  });
  const tiers = [
    { name: '一等奖', count: 1 },
    { name: '二等奖', count: 1 },
  ];

  it('ranks later rounds first, then the weighted total, then the declared tie-break, then shares the rank', () => {
    const ranked = rankGroup(
      setup,
      [
        standing('out', 100),
        standing('p', 80, 85, 30),
        standing('q', 80, 85, 33),
        standing('r', 80, 85, 33),
        standing('s', 90, 90, 40),
      ],
      tiers,
    );
    expect(ranked.map((row) => [row.entrantId, row.rank, row.award, row.total])).toEqual([
      ['s', 1, '一等奖', 90],
      ['q', 2, '二等奖', 83],
      ['r', 2, '二等奖', 83],
      ['p', 4, null, 83],
      ['out', 5, null, 40],
    ]);
  });

  it('leaves an entrant absent in the last round they reached unranked', () => {
    const ranked = rankGroup(setup, [standing('p', 80, null), standing('q', 70, 60)], tiers);
    expect(ranked.map((row) => [row.entrantId, row.rank])).toEqual([
      ['q', 1],
      ['p', null],
    ]);
  });

  it('ranks a lower-is-better last round from the smallest time', () => {
    const timed = setupOf({
      rounds: [{ id: 'race', name: '计时赛', scoring: { kind: 'measure', unit: '秒', better: 'lower' } }],
      ranking: { basis: 'last_round', tieBreak: [] },
      awards: [],
    });
    const run = (id: string, seconds: number): EntrantStanding => ({
      entrantId: id,
      rounds: [{ roundId: 'race', score: seconds, absent: false, itemMeans: {} }],
    });
    expect(
      rankGroup(timed, [run('slow', 61.5), run('fast', 58.2), run('tie', 58.2)], []).map((row) => [
        row.entrantId,
        row.rank,
      ]),
    ).toEqual([
      ['fast', 1],
      ['tie', 1],
      ['slow', 3],
    ]);
  });
});
