import { drawLottery, isWellFormedSeed, verifyCommitment, type PublishedLotteryResult } from '@union/shared';

/**
 * Recomputes the published draw on the phone: the seed must hash to the commitment published
 * before sign-up closed, and drawing again from it must give every entry its published rank.
 */
export function verifyPublishedDraw(result: PublishedLotteryResult): boolean {
  const { seed, commitment } = result;
  if (!seed || !commitment || !isWellFormedSeed(seed) || !verifyCommitment(seed, commitment)) return false;
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
