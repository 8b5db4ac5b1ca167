/**
 * The places of a group, exactly right under concurrency and crashes. Taking a place is one
 * conditional `$inc` on the group's `free` count, noted as a hold (db/holds.ts) keyed by what
 * takes it; a freed place travels to the first waiting entry as a pass (place-pass.ts), or back
 * to `free` when nobody waits, exactly once however many cancellations race and wherever the
 * process dies. `sweepPlaces` (background job) expires missed offers, finishes what a dead
 * process left (holds, passes) and fills places a racing sign-up left free beside a waitlist.
 * Once the first session has started nothing is offered any more (a place offered then could
 * not be used in full); the waitlist stays until closing ends it (closing.ts).
 *
 * Every place taken is a hold: the place and the note of which entry it is for change in one
 * update, then the entry is written (a sign-up) or moved (an organiser's approval, a draw),
 * then the hold is closed. Cut off between those writes, a retry adopts the hold and writes the
 * same entry; otherwise the sweep decides it once it is older than `PLACE_HOLD_BOUND_MS`: kept
 * when its entry took the place (written; or, approved or drawn, storing the hold's ticket in
 * `placeHold`), given back when not.
 */
import { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { releaseHold, releaseStaleHolds, settleHold, takeHold, type Counter, type Hold } from '../../db/holds';
import { ActivityModel } from './activity.model';
import { entriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { GroupPlacesModel } from './group-places.model';
import { fillOnePlace, passPlaceOn, placePassOwed, sessionsStarted, sweepPasses, type PlaceGroup } from './place-pass';

export { passPlaceOn, placePassOwed, type PlaceGroup };

/**
 * A sign-up's hold older than this is decided by the sweep (entry written: closed; not: the place
 * given back). Far longer than a request can spend between taking the hold and writing its entry:
 * every database call gives up within MONGODB_TIMEOUT_MS (at most a minute).
 */
export const PLACE_HOLD_BOUND_MS = 5 * 60_000;
/** Entries and groups handled per sweep pass. */
const BATCH = 100;

/** Holds taken for an entry that exists already (approval, draw), keyed `<kind>:<entry id>`. */
const DECIDING_HOLD = /^(?:review|draw):([0-9a-f]{24})$/;
/** The hold an organiser's approval takes for the entry's place (the same for every reviewer, so a retry adopts it). */
export const approvalHoldKey = (entryId: Types.ObjectId) => `review:${entryId.toHexString()}`;
/** The hold a draw takes for a winner's place (the same for a resumed draw). */
export const drawHoldKey = (entryId: Types.ObjectId) => `draw:${entryId.toHexString()}`;

const placesOf = (group: PlaceGroup): Counter => ({
  model: GroupPlacesModel,
  target: { activityId: group.activityId, groupId: group.groupId },
  field: 'free',
  step: -1,
  when: { free: { $gte: 1 } },
});

/** A sign-up's hold on a place, with the id of the entry to write on it. */
export interface PlaceHold extends Hold {
  entryId: Types.ObjectId;
}

/**
 * Takes a place for the sign-up `requestKey`, to be used by the entry `entryId`; or, for a retry
 * of a sign-up cut off after taking one, adopts that hold: the entry to write is then the hold's
 * (`hold.entryId`). Null when no place is free.
 */
export async function holdPlace(
  group: PlaceGroup,
  requestKey: string,
  entryId: Types.ObjectId,
  now: Date,
): Promise<PlaceHold | null> {
  const hold = await takeHold(placesOf(group), requestKey, String(entryId), now);
  return hold && { ...hold, entryId: new Types.ObjectId(hold.record) };
}

/** The entry `entryId` is written: the hold it was written on (if still open) is closed. */
export function closePlaceHold(group: PlaceGroup, requestKey: string, entryId: Types.ObjectId): Promise<boolean> {
  return settleHold(placesOf(group), requestKey, { record: String(entryId) });
}

/**
 * Takes a place for an existing entry an approval or a draw is about to move (`key`: see
 * `approvalHoldKey`, `drawHoldKey`), or adopts the hold an earlier attempt left. Its record is a
 * fresh ticket, which the entry's moving update stores as `placeHold`: a later attempt that
 * takes a new unit for the same entry (after the first hold was closed) holds another ticket,
 * which shows its unit to be surplus. Null when no place is free.
 */
export async function holdPlaceForEntry(
  group: PlaceGroup,
  key: string,
  entryId: Types.ObjectId,
  now: Date,
): Promise<PlaceHold | null> {
  const hold = await takeHold(placesOf(group), key, new Types.ObjectId().toHexString(), now);
  return hold && { ...hold, entryId };
}

/**
 * Ends the hold an approval or a draw took, once the entry's moving update ran (or failed):
 * kept when the entry stores its ticket (this attempt's update, or that of the earlier attempt
 * this one adopted), else the place is given back; `refill` then offers it to the waitlist.
 */
export async function finishDecidingHold(
  group: PlaceGroup,
  hold: PlaceHold,
  refill?: { offerHoldHours: number; now: Date },
): Promise<void> {
  if (await EntryModel.exists({ _id: hold.entryId, placeHold: hold.record })) {
    await settleHold(placesOf(group), hold.key, { record: hold.record });
  } else if ((await releaseHold(placesOf(group), hold.key, { owner: hold.owner })) && refill) {
    await fillFreePlaces(group, refill.offerHoldHours, refill.now);
  }
}

/** The entry a hold was for will not be written: its place goes to whoever is next, once. */
export async function giveBackHeldPlace(group: PlaceGroup, hold: Hold, offerHoldHours: number, now: Date) {
  if (await releaseHold(placesOf(group), hold.key, { owner: hold.owner })) {
    await fillFreePlaces(group, offerHoldHours, now);
  }
}

/** Offers free places to waiting entries while both exist (after a capacity rise, or a race). */
export async function fillFreePlaces(group: PlaceGroup, offerHoldHours: number, now: Date): Promise<number> {
  let offered = 0;
  if (await sessionsStarted(group, now)) return offered;
  while (await EntryModel.exists({ activityId: group.activityId, groupId: group.groupId, status: 'waitlisted' })) {
    if ((await fillOnePlace(group, offerHoldHours, now)) !== 'offered') break;
    offered += 1;
  }
  return offered;
}

/**
 * Ends an offer whose deadline has passed and passes its place to the next waiting entry;
 * false when it was confirmed, cancelled or expired by someone else first.
 */
export async function expireOffer(
  entry: Pick<EntryDoc, '_id' | 'activityId' | 'groupId'>,
  offerHoldHours: number,
  now: Date,
): Promise<boolean> {
  const expired = await updateIf(
    EntryModel,
    { key: { _id: entry._id }, when: { status: 'offered', offeredUntil: { $lte: now } } },
    { $set: { status: 'cancelled', ...placePassOwed(now) }, $unset: { liveKey: 1 } },
  );
  if (expired) {
    await entriesChanged([entry._id], now, '未在截止时间前确认，名额已让给下一位');
    await passPlaceOn(entry, offerHoldHours, now);
  }
  return expired;
}

export interface SweepResult {
  expired: number;
  filled: number;
  /** Places of sign-ups cut off before writing their entry, given back. */
  givenBack: number;
  /** Freed places a dead process left in transit (place-pass.ts), handed on. */
  resumed: number;
}

/**
 * Expires offers past their deadline (each passes its place to the next waiting entry), hands
 * on freed places a dead process left in transit, ends holds older than the bound (the place
 * given back when its entry did not take it) and fills free places beside a waitlist. Safe beside the routes and on several instances: every
 * step is a conditional change.
 */
export async function sweepPlaces(
  now: Date,
  holdHoursOf: (activityId: Types.ObjectId) => Promise<number>,
): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, filled: 0, givenBack: 0, resumed: 0 };
  const missed = await EntryModel.find({ status: 'offered', offeredUntil: { $lte: now } })
    .limit(BATCH)
    .lean<EntryDoc[]>();
  for (const entry of missed) {
    if (await expireOffer(entry, await holdHoursOf(entry.activityId), now)) result.expired += 1;
  }
  result.resumed = (await sweepPasses(now, holdHoursOf)).resumed;
  const holds = await releaseStaleHolds(
    { model: GroupPlacesModel, field: 'free', step: -1 },
    new Date(now.getTime() - PLACE_HOLD_BOUND_MS),
    async (record, hold) => {
      const decidingFor = DECIDING_HOLD.exec(hold.key)?.[1];
      const used = decidingFor
        ? { _id: new Types.ObjectId(decidingFor), placeHold: record }
        : { _id: new Types.ObjectId(record) };
      return Boolean(await EntryModel.exists(used));
    },
  );
  result.givenBack = holds.released;
  // Places given back go to a waitlist below, like any free place.
  // Groups of activities whose first session has started are left out: they offer nothing any more.
  const started = await ActivityModel.find({ firstSessionStartsAt: { $lte: now }, closedAt: null }, { _id: 1 }).lean();
  const withFree = await GroupPlacesModel.find(
    { free: { $gte: 1 }, activityId: { $nin: started.map((activity) => activity._id) } },
    { activityId: 1, groupId: 1 },
  )
    .limit(BATCH * 10)
    .lean();
  for (const group of withFree) {
    if (!(await EntryModel.exists({ activityId: group.activityId, groupId: group.groupId, status: 'waitlisted' }))) {
      continue;
    }
    result.filled += await fillFreePlaces(group, await holdHoursOf(group.activityId), now);
  }
  return result;
}

/**
 * Where a first-come entry made now waits (its `queueOrder`): the moment, to the millisecond,
 * then its id. The id alone orders only by the second across instances (the bytes after an
 * ObjectId's timestamp are random per process), so in a sign-up rush every entry one instance
 * made in a second would wait ahead of those another made in it, whoever came first. The `m`
 * sorts these after the bare ids (hex) of entries made before this order was used.
 */
export function arrivalOrder(id: Types.ObjectId, at = Date.now()): string {
  return `m${String(at).padStart(15, '0')}${id.toHexString()}`;
}

/** 1-based place in the waitlist: the entries still waiting ahead of it, plus one. */
export async function waitlistPosition(entry: Pick<EntryDoc, 'activityId' | 'groupId' | 'queueOrder'>) {
  const ahead = await EntryModel.countDocuments({
    activityId: entry.activityId,
    groupId: entry.groupId,
    status: 'waitlisted',
    queueOrder: { $lt: entry.queueOrder },
  });
  return ahead + 1;
}
