/**
 * Issuing and looking up the card's 8-digit 核验码. Each QR window gets a random code
 * (it carries nothing about the member, so it needs no key), remembered with its window
 * in the member's CardShortCode document; staff look it up online. Guessing is held back
 * by the per-clerk limit on typed codes (see routes.ts) and by each code living a minute.
 */
import { randomInt } from 'node:crypto';
import { CARD_SHORT_CODE_LENGTH, CARD_TOKEN_CLOCK_SKEW_SECONDS } from '@union/shared';
import { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { CardShortCodeModel, type ShortCodeWindow } from './short-code.model';

/** Windows a member may hold at once: a few overlapping batches (two phones, a refill whose answer was lost). */
const MAX_WINDOWS_HELD = 40;
const CAS_ATTEMPTS = 5;
const SKEW_MS = CARD_TOKEN_CLOCK_SKEW_SECONDS * 1000;

interface Window {
  validFrom: Date;
  expiresAt: Date;
}

function randomCode(): string {
  return String(randomInt(0, 10 ** CARD_SHORT_CODE_LENGTH)).padStart(CARD_SHORT_CODE_LENGTH, '0');
}

/** Fresh codes, none equal to another in the batch or to a code some other member holds live now. */
async function unusedCodes(count: number, memberId: Types.ObjectId, now: Date): Promise<string[]> {
  const codes = new Set<string>();
  for (let round = 0; round < 5 && codes.size < count; round++) {
    const candidates = new Set<string>();
    while (candidates.size < count - codes.size) {
      const code = randomCode();
      if (!codes.has(code)) candidates.add(code);
    }
    const taken = await CardShortCodeModel.find(
      { 'windows.code': { $in: [...candidates] }, memberId: { $ne: memberId }, expiresAt: { $gt: now } },
      { windows: 1 },
    ).lean();
    const takenCodes = new Set(taken.flatMap((doc) => doc.windows.map((window) => window.code)));
    for (const code of candidates) if (!takenCodes.has(code)) codes.add(code);
  }
  // Five rounds of collisions would need a nearly full code space; lookups still refuse an ambiguous code.
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/**
 * Gives every window a code and remembers them beside the windows the member's other
 * batches still hold, so a phone showing an earlier batch keeps a working code.
 * Returns the codes in the order of `windows`.
 */
export async function issueShortCodes(memberId: string, windows: readonly Window[], now: Date): Promise<string[]> {
  const member = new Types.ObjectId(memberId);
  const codes = await unusedCodes(windows.length, member, now);
  // Only the stored fields (the windows given may carry more, e.g. the signed token): written as stored.
  const issued: ShortCodeWindow[] = windows.map(({ validFrom, expiresAt }, index) => ({
    code: codes[index]!,
    validFrom,
    expiresAt,
  }));
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const held = await CardShortCodeModel.findOne({ memberId: member }).lean();
    const kept = (held?.windows ?? [])
      .filter((window) => window.expiresAt.getTime() + SKEW_MS > now.getTime())
      .map(({ code, validFrom, expiresAt }) => ({ code, validFrom, expiresAt }));
    const all = [...kept, ...issued].slice(-MAX_WINDOWS_HELD);
    const change = {
      $set: {
        windows: all,
        version: (held?.version ?? 0) + 1,
        expiresAt: new Date(Math.max(...all.map((window) => window.expiresAt.getTime())) + SKEW_MS),
      },
    };
    // Written as stored: casting would build a document for each of up to 40 windows.
    const applied = held
      ? await updateIf(CardShortCodeModel, { key: { memberId: member }, when: { version: held.version } }, change, {
          asStored: true,
        })
      : await updateIf(
          CardShortCodeModel,
          { key: { memberId: member }, when: { version: { $exists: false } } },
          change,
          { upsert: true, asStored: true },
        );
    if (applied) return codes;
  }
  // Still contended after several rounds (many devices refilling at once): the newest batch wins.
  await CardShortCodeModel.updateOne(
    { memberId: member },
    {
      $set: { windows: issued, expiresAt: new Date(issued.at(-1)!.expiresAt.getTime() + SKEW_MS) },
      $inc: { version: 1 },
    },
    { upsert: true },
  );
  return codes;
}

export type ShortCodeLookup = { memberId: string } | { ambiguous: true } | null;

/** The member whose window for this code is open now (within the clock skew allowed for QR tokens). */
export async function findLiveShortCode(code: string, now: Date): Promise<ShortCodeLookup> {
  const held = await CardShortCodeModel.find(
    { 'windows.code': code, expiresAt: { $gt: new Date(now.getTime() - SKEW_MS) } },
    { memberId: 1, windows: 1 },
  ).lean();
  const live = (window: ShortCodeWindow) =>
    window.code === code &&
    window.validFrom.getTime() - SKEW_MS <= now.getTime() &&
    now.getTime() <= window.expiresAt.getTime() + SKEW_MS;
  const members = new Set(held.filter((doc) => doc.windows.some(live)).map((doc) => String(doc.memberId)));
  if (members.size === 0) return null;
  if (members.size > 1) return { ambiguous: true };
  return { memberId: [...members][0]! };
}
