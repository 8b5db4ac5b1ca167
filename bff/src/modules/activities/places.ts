/**
 * The places of a group, exactly right under concurrency. Taking a place is one conditional
 * `$inc` on the group's `free` count; a freed place is handed to the first waiting entry by a
 * conditional status change (waitlisted → offered), or returned to `free` when nobody waits.
 * Whoever wins the conditional change that frees a place passes it on, so each freed place is
 * offered exactly once however many cancellations race. `sweepPlaces` (background job) expires
 * missed offers and fills places a racing sign-up left free beside a waitlist. Once the first
 * session has started nothing is offered any more (a place offered then could not be used in
 * full); the waitlist stays until closing ends it (closing.ts).
 *
 * A member's sign-up takes its place as a hold keyed by its request (`holdPlace`, db/holds.ts):
 * the place and the note of which entry it is for change in one update, the entry is written
 * with that id, and then the hold is closed. Cut off between those writes, the sign-up's retry
 * adopts the hold and writes the same entry; a member who never retries has the place given
 * back by the sweep once the hold is older than `PLACE_HOLD_BOUND_MS`.
 */
import { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { releaseHold, releaseStaleHolds, settleHold, takeHold, type Counter, type Hold } from '../../db/holds';
import { ActivityModel } from './activity.model';
import { entriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { GroupPlacesModel } from './group-places.model';

const HOUR_MS = 3_600_000;
/**
 * A sign-up's hold older than this is decided by the sweep (entry written: closed; not: the place
 * given back). Far longer than a request can spend between taking the hold and writing its entry:
 * every database call gives up within MONGODB_TIMEOUT_MS (at most a minute).
 */
export const PLACE_HOLD_BOUND_MS = 5 * 60_000;
/** Entries and groups handled per sweep pass. */
const BATCH = 100;

export interface PlaceGroup {
  activityId: Types.ObjectId;
  groupId: string;
}

/** Takes one free place of the group, or resolves false when none is free. */
export function takePlace(group: PlaceGroup): Promise<boolean> {
  return updateIf(
    GroupPlacesModel,
    { key: { activityId: group.activityId, groupId: group.groupId }, when: { free: { $gte: 1 } } },
    { $inc: { free: -1 } },
  );
}

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

/** The entry a hold was for will not be written: its place goes to whoever is next, once. */
export async function giveBackHeldPlace(group: PlaceGroup, hold: Hold, offerHoldHours: number, now: Date) {
  if (await releaseHold(placesOf(group), hold.key, { owner: hold.owner })) {
    await fillFreePlaces(group, offerHoldHours, now);
  }
}

async function returnPlace(group: PlaceGroup): Promise<void> {
  await GroupPlacesModel.updateOne({ activityId: group.activityId, groupId: group.groupId }, { $inc: { free: 1 } });
}

/**
 * Waiting entries read per look at the waitlist. Parallel releases all read the same head of
 * the queue; trying the next ones of one read, instead of re-reading after every lost race,
 * keeps a burst of cancellations from re-sorting the waitlist once per loser.
 */
const CANDIDATES_PER_READ = 20;

/** The first entries of the group's waitlist, in queue order. */
function firstWaiting(group: PlaceGroup): Promise<EntryDoc[]> {
  return EntryModel.find({ activityId: group.activityId, groupId: group.groupId, status: 'waitlisted' }, { _id: 1 })
    .sort({ queueOrder: 1 })
    .limit(CANDIDATES_PER_READ)
    .lean<EntryDoc[]>();
}

/** Whether the activity's first session has started: from then on the waitlist gets no offers. */
async function sessionsStarted(group: PlaceGroup, now: Date): Promise<boolean> {
  return Boolean(await ActivityModel.exists({ _id: group.activityId, firstSessionStartsAt: { $lte: now } }));
}

/** Offers a place this caller holds to one waiting entry; false when nobody waits or it is too late. */
async function offerHeldPlace(group: PlaceGroup, offerHoldHours: number, now: Date): Promise<boolean> {
  if (await sessionsStarted(group, now)) return false;
  const offeredUntil = new Date(now.getTime() + offerHoldHours * HOUR_MS);
  for (;;) {
    const candidates = await firstWaiting(group);
    if (candidates.length === 0) return false;
    for (const next of candidates) {
      // A parallel release may have offered it first: then try the one after.
      const offered = await updateIf(
        EntryModel,
        { key: { _id: next._id }, when: { status: 'waitlisted' } },
        { $set: { status: 'offered', offeredUntil } },
      );
      if (offered) {
        // The member hears of the place and its deadline to confirm (待确认（截止…）).
        await entriesChanged([next._id], now);
        return true;
      }
    }
  }
}

/**
 * Passes on a place an entry just gave up (the caller won the change that freed it): to the
 * first waiting entry with a deadline to confirm, or back to the free places.
 */
export async function passPlaceOn(group: PlaceGroup, offerHoldHours: number, now: Date): Promise<void> {
  if (!(await offerHeldPlace(group, offerHoldHours, now))) await returnPlace(group);
}

/** Offers free places to waiting entries while both exist (after a capacity rise, or a race). */
export async function fillFreePlaces(group: PlaceGroup, offerHoldHours: number, now: Date): Promise<number> {
  let offered = 0;
  if (await sessionsStarted(group, now)) return offered;
  while (await EntryModel.exists({ activityId: group.activityId, groupId: group.groupId, status: 'waitlisted' })) {
    if (!(await takePlace(group))) break;
    if (!(await offerHeldPlace(group, offerHoldHours, now))) {
      await returnPlace(group);
      break;
    }
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
    { $set: { status: 'cancelled' }, $unset: { liveKey: 1 } },
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
}

/**
 * Expires offers past their deadline (each passes its place to the next waiting entry), ends
 * sign-ups' holds older than the bound (the place given back when no entry was written) and
 * fills free places beside a waitlist. Safe beside the routes and on several instances: every
 * step is a conditional change.
 */
export async function sweepPlaces(
  now: Date,
  holdHoursOf: (activityId: Types.ObjectId) => Promise<number>,
): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, filled: 0, givenBack: 0 };
  const missed = await EntryModel.find({ status: 'offered', offeredUntil: { $lte: now } })
    .limit(BATCH)
    .lean<EntryDoc[]>();
  for (const entry of missed) {
    if (await expireOffer(entry, await holdHoursOf(entry.activityId), now)) result.expired += 1;
  }
  const holds = await releaseStaleHolds(
    { model: GroupPlacesModel, field: 'free', step: -1 },
    new Date(now.getTime() - PLACE_HOLD_BOUND_MS),
    async (entryId) => Boolean(await EntryModel.exists({ _id: new Types.ObjectId(entryId) })),
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
