import { drawLottery, isWellFormedSeed, verifyCommitment, weightOf, type PublishedLotteryResult } from '@union/shared';

/**
 * Recomputes the published draw on the phone: the seed must hash to the commitment published
 * before sign-up closed, every entry's weight must be what its tags give by the published
 * weights, and drawing again from the seed must give every entry its published rank.
 */
export function verifyPublishedDraw(result: PublishedLotteryResult): boolean {
  const { seed, commitment } = result;
  if (!seed || !commitment || !isWellFormedSeed(seed) || !verifyCommitment(seed, commitment)) return false;
  if (!weightsFollowRules(result)) return false;
  return result.groups.every((group) => {
    const drawn = drawLottery({
      seed,
      entries: group.entries.map((entry) => ({ id: entry.id, weight: entry.weight })),
      places: group.places,
    });
    const rankOf = new Map(drawn.order.map((line) => [line.id, line.rank]));
    return group.entries.every((entry) => rankOf.get(entry.id) === entry.rank);
  });
}

function weightsFollowRules(result: PublishedLotteryResult): boolean {
  try {
    return result.groups.every((group) =>
      group.entries.every((entry) => weightOf(entry.tags, result.weightRules) === entry.weight),
    );
  } catch {
    // A published weight that is not a positive number: nothing a fair draw would publish.
    return false;
  }
}
