/**
 * Skill contest arithmetic, one copy for the BFF (closing rounds, publishing) and the mini-program
 * (a judge's running total). Declared rules:
 *
 * - A sheet's total: rubric Σ points × weight; plain and measure rounds the one value.
 * - Scores carry at most 2 decimals; round scores and weighted totals are rounded to 2 decimals
 *   before they are compared, so two scores shown equal are tied.
 * - A round score is the mean of the submitted sheets. Trimmed mean drops exactly one highest
 *   and one lowest sheet, and only when at least `trimWhenAtLeast` judges submitted. Missing
 *   sheets are not counted and mark the score incomplete; no sheet at all gives no score.
 * - Advancement: `all` (everyone with a score), `top_k` per group (entrants tied with the k-th
 *   advance too, so more than k may go on), `threshold` (at least the score; at most for a
 *   measure where lower is better). Absent entrants never advance.
 * - Ranking per group: entrants who reached a later round rank above those who did not; then by
 *   the basis (weighted total of round scores × weight%, or the last reached round's score);
 *   then the declared tie-breaks in order (an item's mean points, or a round's score, better
 *   first; missing counts worst); entrants still equal share the rank (1, 1, 3). An entrant
 *   without a score in the last round they reached (absent) is not ranked.
 * - Awards go by rank position: a tier of n places covers the next n positions, and an entrant
 *   gets the first tier whose positions reach its rank, so tied entrants share the better award
 *   (and use up the places after them). A share tier has ⌊ranked × share%⌋ places.
 */
import type { AwardTier, ContestSetupInput, RoundScoring, TieBreak } from './contract/contests';
import type { SheetScores } from './contract/contest-judging';

export interface FieldIssue {
  path: string;
  message: string;
}

export function roundTo2(value: number): number {
  return Math.round((value + Math.sign(value) * Number.EPSILON) * 100) / 100;
}

function hasAtMost2Decimals(value: number): boolean {
  const scaled = value * 100;
  return Math.abs(scaled - Math.round(scaled)) < 1e-7;
}

/** Whether a smaller number is the better result in this round. */
export function lowerIsBetter(scoring: RoundScoring): boolean {
  return scoring.kind === 'measure' && scoring.better === 'lower';
}

function duplicates(values: string[]): Set<number> {
  const seen = new Set<string>();
  const found = new Set<number>();
  values.forEach((value, index) => {
    if (seen.has(value)) found.add(index);
    seen.add(value);
  });
  return found;
}

/** Problems with a setup beyond its shape (the zod schema checks that), as field paths. */
export function validateContestSetup(setup: ContestSetupInput, groupIds: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const roundIds = setup.rounds.map((round) => round.id);
  for (const index of duplicates(roundIds)) issues.push({ path: `rounds.${index}.id`, message: '轮次编号不能重复' });

  setup.rounds.forEach((round, roundIndex) => {
    const at = `rounds.${roundIndex}`;
    if (round.scoring.kind === 'rubric') {
      const items = round.scoring.items;
      for (const index of duplicates(items.map((item) => item.id))) {
        issues.push({ path: `${at}.scoring.items.${index}.id`, message: '评分项编号不能重复' });
      }
      for (const index of duplicates(items.map((item) => item.name))) {
        issues.push({ path: `${at}.scoring.items.${index}.name`, message: '评分项名称不能重复' });
      }
      items.forEach((item, index) => {
        if (!(item.maxPoints > 0))
          issues.push({ path: `${at}.scoring.items.${index}.maxPoints`, message: '满分应大于0' });
        if (!(item.weight > 0)) issues.push({ path: `${at}.scoring.items.${index}.weight`, message: '权重应大于0' });
      });
    }
    if (round.aggregation.method === 'trimmed_mean' && round.aggregation.trimWhenAtLeast < 3) {
      issues.push({ path: `${at}.aggregation.trimWhenAtLeast`, message: '去掉最高最低分至少需要3位评委' });
    }
    if (setup.ranking.basis === 'weighted_total' && round.scoring.kind === 'measure') {
      issues.push({ path: `${at}.scoring`, message: '按加权总分排名时不能使用计时/计量评分，请改为按最后一轮排名' });
    }
    if (
      round.advancement.mode === 'threshold' &&
      round.scoring.kind !== 'measure' &&
      round.advancement.score > maxRoundScore(round.scoring)
    ) {
      issues.push({ path: `${at}.advancement.score`, message: '晋级分数线不能高于本轮满分' });
    }
  });

  if (setup.ranking.basis === 'weighted_total') {
    const sum = roundTo2(setup.rounds.reduce((total, round) => total + round.weight, 0));
    if (sum !== 100) issues.push({ path: 'rounds', message: `各轮权重之和应为100（现为${sum}）` });
  }

  setup.ranking.tieBreak.forEach((rule, index) => {
    const at = `ranking.tieBreak.${index}`;
    const round = setup.rounds.find((candidate) => candidate.id === rule.roundId);
    if (!round) {
      issues.push({ path: `${at}.roundId`, message: '没有这个轮次' });
      return;
    }
    if (rule.by === 'item') {
      const hasItem = round.scoring.kind === 'rubric' && round.scoring.items.some((item) => item.id === rule.itemId);
      if (!hasItem) issues.push({ path: `${at}.itemId`, message: '该轮没有这个评分项' });
    }
  });

  for (const index of duplicates(setup.awards.map((awards) => awards.groupId))) {
    issues.push({ path: `awards.${index}.groupId`, message: '同一组别的奖项只能设置一次' });
  }
  setup.awards.forEach((awards, index) => {
    const at = `awards.${index}`;
    if (!groupIds.includes(awards.groupId)) issues.push({ path: `${at}.groupId`, message: '没有这个组别' });
    for (const tierIndex of duplicates(awards.tiers.map((tier) => tier.name))) {
      issues.push({ path: `${at}.tiers.${tierIndex}.name`, message: '奖项名称不能重复' });
    }
    const shares = awards.tiers.reduce((total, tier) => total + ('sharePercent' in tier ? tier.sharePercent : 0), 0);
    if (roundTo2(shares) > 100) issues.push({ path: `${at}.tiers`, message: '各奖项比例之和不能超过100%' });
  });
  return issues;
}

/** The most a sheet can total in a rubric or plain round (a measure has no maximum). */
export function maxRoundScore(scoring: RoundScoring): number {
  if (scoring.kind === 'rubric')
    return roundTo2(scoring.items.reduce((sum, item) => sum + item.maxPoints * item.weight, 0));
  if (scoring.kind === 'plain') return scoring.maxPoints;
  return Number.POSITIVE_INFINITY;
}

/**
 * Problems with a score sheet. A draft (`complete` false) may leave blanks; a submitted sheet
 * must fill every item (rubric) or the value (plain, measure).
 */
export function validateSheet(scoring: RoundScoring, scores: SheetScores, complete: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const checkNumber = (path: string, value: number | null, max: number, positive: boolean) => {
    if (value === null) {
      if (complete) issues.push({ path, message: '请填写分数' });
      return;
    }
    if (!Number.isFinite(value)) issues.push({ path, message: '分数应为数字' });
    else if (positive ? value <= 0 : value < 0)
      issues.push({ path, message: positive ? '数值应大于0' : '分数不能为负' });
    else if (value > max) issues.push({ path, message: `分数不能超过满分${max}` });
    else if (!hasAtMost2Decimals(value)) issues.push({ path, message: '最多保留两位小数' });
  };
  if (scoring.kind === 'rubric') {
    const known = new Set(scoring.items.map((item) => item.id));
    for (const key of Object.keys(scores.items)) {
      if (!known.has(key)) issues.push({ path: `items.${key}`, message: '没有这个评分项' });
    }
    for (const item of scoring.items)
      checkNumber(`items.${item.id}`, scores.items[item.id] ?? null, item.maxPoints, false);
    return issues;
  }
  if (Object.keys(scores.items).length > 0) issues.push({ path: 'items', message: '本轮不按评分项打分，请填写 value' });
  if (scoring.kind === 'plain') checkNumber('value', scores.value, scoring.maxPoints, false);
  else checkNumber('value', scores.value, Number.MAX_SAFE_INTEGER, true);
  return issues;
}

/** A sheet's total, or null while any part is blank. */
export function sheetTotal(scoring: RoundScoring, scores: SheetScores): number | null {
  if (scoring.kind !== 'rubric') return scores.value;
  let total = 0;
  for (const item of scoring.items) {
    const points = scores.items[item.id];
    if (points === undefined || points === null) return null;
    total += points * item.weight;
  }
  return roundTo2(total);
}

export interface Aggregation {
  method: 'mean' | 'trimmed_mean';
  trimWhenAtLeast: number;
}

export interface RoundAggregate {
  score: number | null;
  counted: number;
  trimmed: boolean;
  incomplete: boolean;
}

/** One entrant's round score from its assigned judges' totals (null: that judge has not submitted). */
export function aggregateRound(totals: readonly (number | null)[], aggregation: Aggregation): RoundAggregate {
  const submitted = totals.filter((total): total is number => total !== null).sort((a, b) => a - b);
  const incomplete = submitted.length < totals.length;
  if (submitted.length === 0) return { score: null, counted: 0, trimmed: false, incomplete };
  const trimmed = aggregation.method === 'trimmed_mean' && submitted.length >= aggregation.trimWhenAtLeast;
  const counted = trimmed ? submitted.slice(1, -1) : submitted;
  const mean = counted.reduce((sum, total) => sum + total, 0) / counted.length;
  return { score: roundTo2(mean), counted: counted.length, trimmed, incomplete };
}

/** Each rubric item's mean points over the submitted sheets (for tie-breaks). */
export function itemMeans(scoring: RoundScoring, sheets: readonly SheetScores[]): Record<string, number | null> {
  if (scoring.kind !== 'rubric') return {};
  const means: Record<string, number | null> = {};
  for (const item of scoring.items) {
    const points = sheets
      .map((sheet) => sheet.items[item.id])
      .filter((value): value is number => typeof value === 'number');
    means[item.id] =
      points.length === 0 ? null : roundTo2(points.reduce((sum, value) => sum + value, 0) / points.length);
  }
  return means;
}

/** Sum of round score × weight% over the rounds given (missing scores count 0). */
export function weightedTotal(scores: readonly { score: number | null; weight: number }[]): number {
  return roundTo2(scores.reduce((sum, round) => sum + (round.score ?? 0) * (round.weight / 100), 0));
}

export interface Advancement {
  mode: 'all' | 'top_k' | 'threshold';
  k?: number;
  score?: number;
}

/** Who of one group goes on to the next round. */
export function advancingEntrants(
  scored: readonly { id: string; score: number | null }[],
  advancement: Advancement,
  lowerBetter: boolean,
): Set<string> {
  const withScore = scored.filter((entrant): entrant is { id: string; score: number } => entrant.score !== null);
  const better = (a: number, b: number) => (lowerBetter ? a < b : a > b);
  if (advancement.mode === 'all') return new Set(withScore.map((entrant) => entrant.id));
  if (advancement.mode === 'threshold') {
    const line = advancement.score ?? 0;
    return new Set(
      withScore.filter((entrant) => entrant.score === line || better(entrant.score, line)).map((entrant) => entrant.id),
    );
  }
  const k = advancement.k ?? 0;
  if (withScore.length <= k) return new Set(withScore.map((entrant) => entrant.id));
  const ordered = [...withScore].sort((a, b) => (lowerBetter ? a.score - b.score : b.score - a.score));
  const cut = ordered[k - 1]!.score;
  return new Set(
    withScore.filter((entrant) => entrant.score === cut || better(entrant.score, cut)).map((entrant) => entrant.id),
  );
}

/** Competition ranks (1, 1, 3) of already ordered keys; `equal` says two neighbours tie. */
function competitionRanks<T>(ordered: readonly T[], equal: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  ordered.forEach((item, index) => {
    ranks.push(index > 0 && equal(ordered[index - 1]!, item) ? ranks[index - 1]! : index + 1);
  });
  return ranks;
}

/** Places each tier covers, from the number of ranked entrants. */
export function tierPlaces(tiers: readonly AwardTier[], ranked: number): number[] {
  return tiers.map((tier) => ('count' in tier ? tier.count : Math.floor((ranked * tier.sharePercent) / 100 + 1e-9)));
}

/** The award for each rank (null: no award). */
export function awardsForRanks(ranks: readonly (number | null)[], tiers: readonly AwardTier[]): (string | null)[] {
  const ranked = ranks.filter((rank) => rank !== null).length;
  const places = tierPlaces(tiers, ranked);
  const ends: number[] = [];
  places.reduce((end, count) => {
    ends.push(end + count);
    return end + count;
  }, 0);
  return ranks.map((rank) => {
    if (rank === null) return null;
    const index = tiers.findIndex((_, tierIndex) => places[tierIndex]! > 0 && ends[tierIndex]! >= rank);
    return index === -1 ? null : tiers[index]!.name;
  });
}

export interface EntrantRoundResult {
  roundId: string;
  score: number | null;
  absent: boolean;
  itemMeans: Record<string, number | null>;
}

export interface EntrantStanding {
  entrantId: string;
  /** The rounds the entrant took part in, in setup order. */
  rounds: readonly EntrantRoundResult[];
}

export interface RankedEntrant {
  entrantId: string;
  rank: number | null;
  award: string | null;
  total: number | null;
  reachedRoundId: string;
}

type SortKey = number | null;

/** One group's ranking with awards, best first (unranked last). */
export function rankGroup(
  setup: ContestSetupInput,
  standings: readonly EntrantStanding[],
  tiers: readonly AwardTier[],
): RankedEntrant[] {
  const roundIndex = new Map(setup.rounds.map((round, index) => [round.id, index]));
  const orient = (roundId: string, score: number | null): SortKey => {
    const round = setup.rounds[roundIndex.get(roundId) ?? -1];
    if (score === null || !round) return score;
    return lowerIsBetter(round.scoring) ? -score : score;
  };
  const tieKey = (rule: TieBreak, standing: EntrantStanding): SortKey => {
    const result = standing.rounds.find((round) => round.roundId === rule.roundId);
    if (!result) return null;
    return rule.by === 'round' ? orient(rule.roundId, result.score) : (result.itemMeans[rule.itemId] ?? null);
  };

  const rows = standings.map((standing) => {
    const last = standing.rounds[standing.rounds.length - 1];
    const reached = last ? (roundIndex.get(last.roundId) ?? -1) : -1;
    let total: number | null = null;
    if (last && last.score !== null) {
      total =
        setup.ranking.basis === 'last_round'
          ? last.score
          : weightedTotal(
              standing.rounds.map((round) => ({ score: round.score, weight: setupWeight(setup, round.roundId) })),
            );
    }
    const basisKey = setup.ranking.basis === 'last_round' && last ? orient(last.roundId, total) : total;
    const keys: SortKey[] = [basisKey, ...setup.ranking.tieBreak.map((rule) => tieKey(rule, standing))];
    return { standing, reached, total, keys, reachedRoundId: last?.roundId ?? setup.rounds[0]?.id ?? '' };
  });

  const compareKeys = (a: SortKey[], b: SortKey[]) => {
    for (let index = 0; index < a.length; index += 1) {
      const left = a[index] ?? null;
      const right = b[index] ?? null;
      if (left === right) continue;
      if (left === null) return 1;
      if (right === null) return -1;
      return right - left;
    }
    return 0;
  };
  const rankedRows = rows.filter((row) => row.total !== null);
  rankedRows.sort(
    (a, b) =>
      b.reached - a.reached || compareKeys(a.keys, b.keys) || a.standing.entrantId.localeCompare(b.standing.entrantId),
  );
  const ranks = competitionRanks(rankedRows, (a, b) => a.reached === b.reached && compareKeys(a.keys, b.keys) === 0);
  const awards = awardsForRanks(ranks, tiers);
  const unranked = rows.filter((row) => row.total === null).sort((a, b) => b.reached - a.reached);
  return [
    ...rankedRows.map((row, index) => ({
      entrantId: row.standing.entrantId,
      rank: ranks[index]!,
      award: awards[index]!,
      total: row.total,
      reachedRoundId: row.reachedRoundId,
    })),
    ...unranked.map((row) => ({
      entrantId: row.standing.entrantId,
      rank: null,
      award: null,
      total: null,
      reachedRoundId: row.reachedRoundId,
    })),
  ];
}

function setupWeight(setup: ContestSetupInput, roundId: string): number {
  return setup.rounds.find((round) => round.id === roundId)?.weight ?? 0;
}
