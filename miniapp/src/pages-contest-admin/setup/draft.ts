/**
 * The contest setup form as the organiser types it (text numbers, one tier list per group) and
 * its reading into the shared ContestSetupInput, checked by the same schema and rules as the BFF.
 * Error keys are the contract's field paths (`rounds.0.scoring.items.1.maxPoints`).
 */
import {
  ContestSetupInputSchema,
  validateContestSetup,
  type ContestSetupDraft,
  type ContestSetupInput,
  type ContestSetupView,
} from '@union/shared';

export type ScoringKind = 'rubric' | 'plain' | 'measure';
export type AdvancementMode = 'all' | 'top_k' | 'threshold';

export interface ItemDraft {
  id: string;
  name: string;
  maxPoints: string;
  weight: string;
}

export interface RoundDraft {
  id: string;
  name: string;
  scoring: ScoringKind;
  items: ItemDraft[];
  maxPoints: string;
  unit: string;
  better: 'lower' | 'higher';
  method: 'mean' | 'trimmed_mean';
  trimWhenAtLeast: string;
  weight: string;
  advancement: AdvancementMode;
  k: string;
  threshold: string;
}

export interface TieBreakDraft {
  by: 'item' | 'round';
  roundId: string;
  itemId: string;
}

export interface TierDraft {
  name: string;
  mode: 'count' | 'share';
  amount: string;
}

export interface SetupDraft {
  rounds: RoundDraft[];
  basis: 'weighted_total' | 'last_round';
  tieBreak: TieBreakDraft[];
  /** Per group id, best tier first. */
  awards: Record<string, TierDraft[]>;
}

export type SetupErrors = Record<string, string>;

/** A key not yet used in the list: r1, r2 … or i1, i2 … (the contract's keys are lowercase). */
export function freshKey(prefix: string, used: readonly string[]): string {
  for (let n = 1; ; n += 1) if (!used.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function emptyItem(used: readonly string[]): ItemDraft {
  return { id: freshKey('i', used), name: '', maxPoints: '', weight: '1' };
}

export function emptyRound(used: readonly string[]): RoundDraft {
  return {
    id: freshKey('r', used),
    name: '',
    scoring: 'rubric',
    items: [emptyItem([])],
    maxPoints: '100',
    unit: '秒',
    better: 'lower',
    method: 'mean',
    trimWhenAtLeast: '5',
    weight: '',
    advancement: 'all',
    k: '',
    threshold: '',
  };
}

const DEFAULT_TIERS: TierDraft[] = [
  { name: '一等奖', mode: 'count', amount: '1' },
  { name: '二等奖', mode: 'count', amount: '2' },
  { name: '三等奖', mode: 'count', amount: '3' },
];

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

export function draftFromView(view: ContestSetupView): SetupDraft {
  const setup = view.setup;
  const awards = Object.fromEntries(
    view.groups.map((group) => {
      const tiers = setup?.awards.find((a) => a.groupId === group.id)?.tiers;
      const drafts: TierDraft[] = tiers
        ? tiers.map((tier) =>
            'count' in tier
              ? { name: tier.name, mode: 'count', amount: text(tier.count) }
              : { name: tier.name, mode: 'share', amount: text(tier.sharePercent) },
          )
        : DEFAULT_TIERS.map((tier) => ({ ...tier }));
      return [group.id, drafts];
    }),
  );
  if (!setup) return { rounds: [{ ...emptyRound([]), weight: '100' }], basis: 'weighted_total', tieBreak: [], awards };
  return {
    rounds: setup.rounds.map((round) => ({
      ...emptyRound([]),
      id: round.id,
      name: round.name,
      scoring: round.scoring.kind,
      items:
        round.scoring.kind === 'rubric'
          ? round.scoring.items.map((item) => ({
              id: item.id,
              name: item.name,
              maxPoints: text(item.maxPoints),
              weight: text(item.weight),
            }))
          : [emptyItem([])],
      maxPoints: round.scoring.kind === 'plain' ? text(round.scoring.maxPoints) : '100',
      unit: round.scoring.kind === 'measure' ? round.scoring.unit : '秒',
      better: round.scoring.kind === 'measure' ? round.scoring.better : 'lower',
      method: round.aggregation.method,
      trimWhenAtLeast: text(round.aggregation.trimWhenAtLeast),
      weight: text(round.weight),
      advancement: round.advancement.mode,
      k: round.advancement.mode === 'top_k' ? text(round.advancement.k) : '',
      threshold: round.advancement.mode === 'threshold' ? text(round.advancement.score) : '',
    })),
    basis: setup.ranking.basis,
    tieBreak: setup.ranking.tieBreak.map((rule) => ({
      by: rule.by,
      roundId: rule.roundId,
      itemId: rule.by === 'item' ? rule.itemId : '',
    })),
    awards,
  };
}

/** A typed number, or undefined for a blank so the schema's "请填写…" message applies. */
const num = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value.trim()));

function scoringInput(round: RoundDraft) {
  if (round.scoring === 'plain') return { kind: 'plain' as const, maxPoints: num(round.maxPoints) };
  if (round.scoring === 'measure') return { kind: 'measure' as const, unit: round.unit, better: round.better };
  return {
    kind: 'rubric' as const,
    items: round.items.map((item) => ({
      id: item.id,
      name: item.name,
      maxPoints: num(item.maxPoints),
      weight: num(item.weight) ?? 1,
    })),
  };
}

function advancementInput(round: RoundDraft) {
  if (round.advancement === 'top_k') return { mode: 'top_k' as const, k: num(round.k) };
  if (round.advancement === 'threshold') return { mode: 'threshold' as const, score: num(round.threshold) };
  return { mode: 'all' as const };
}

export function draftToInput(draft: SetupDraft, groupIds: readonly string[]): ContestSetupDraft {
  return {
    rounds: draft.rounds.map((round, index) => ({
      id: round.id,
      name: round.name,
      scoring: scoringInput(round),
      aggregation: { method: round.method, trimWhenAtLeast: num(round.trimWhenAtLeast) ?? 5 },
      weight: draft.basis === 'weighted_total' ? num(round.weight) : 0,
      // Nobody advances from the last round: whatever was chosen there before it became last is dropped.
      advancement: index === draft.rounds.length - 1 ? { mode: 'all' as const } : advancementInput(round),
    })),
    ranking: {
      basis: draft.basis,
      tieBreak: draft.tieBreak.map((rule) =>
        rule.by === 'item'
          ? { by: 'item' as const, roundId: rule.roundId, itemId: rule.itemId }
          : { by: 'round' as const, roundId: rule.roundId },
      ),
    },
    awards: groupIds.map((groupId) => ({
      groupId,
      tiers: (draft.awards[groupId] ?? []).map((tier) =>
        tier.mode === 'count'
          ? { name: tier.name, count: num(tier.amount) }
          : { name: tier.name, sharePercent: num(tier.amount) },
      ),
    })),
  } as ContestSetupDraft;
}

/** The setup to send, or the messages per field path (the schema's, then the shared rules'). */
export function validateSetupDraft(
  draft: SetupDraft,
  groupIds: readonly string[],
): { input: ContestSetupInput | null; errors: SetupErrors } {
  const parsed = ContestSetupInputSchema.safeParse(draftToInput(draft, groupIds));
  const errors: SetupErrors = {};
  const add = (path: string, message: string) => {
    if (!errors[path]) errors[path] = message;
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path.map(String).join('.'), issue.message);
    return { input: null, errors };
  }
  for (const issue of validateContestSetup(parsed.data, groupIds)) add(issue.path, issue.message);
  return { input: Object.keys(errors).length ? null : parsed.data, errors };
}

/** The BFF's 422 details (`body.rounds.0.name`) keyed like validateSetupDraft's. */
export function errorsFromDetails(details: readonly { path: string; message: string }[]): SetupErrors {
  const errors: SetupErrors = {};
  for (const { path, message } of details) {
    const key = path.replace(/^body\.?/, '');
    if (!errors[key]) errors[key] = message;
  }
  return errors;
}
