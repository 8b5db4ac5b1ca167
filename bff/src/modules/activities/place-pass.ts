/**
 * A freed place handed on exactly once, whichever step the process dies at. Handing a place
 * on touches two documents (the group's places, the waiting entry), so it cannot be one
 * update; instead the place travels as a *pass*, stored in the group's own document
 * (`passes.<key>`), whose state says where the place is:
 * - `open`: freed, nobody chosen yet;
 * - an entry's id: chosen, to be offered (waitlisted → offered, the entry noting `offeredFor`
 *   the pass), then `done`;
 * - `free`: nobody waits (or the sessions have started): back in `free`, in the same update.
 * Every move is a compare-and-set on the pass's state, and an entry is offered only while it is
 * the pass's choice and still waitlisted, so twin runs (the request and the sweep) hand each
 * place to one entry and never also return it. An entry never goes back to the waitlist, so a
 * choice that could not be offered once never can be.
 *
 * Two kinds of pass:
 * - a release: an entry holding a place ended (cancelled, removed, expired). The update that
 *   ends it also sets its `placePassOwedAt`; the pass is keyed by that entry's id and opened
 *   next, and the mark is cleared once the pass is settled. The sweep takes up marks older than
 *   a minute, so a crash between the two writes loses no place;
 * - a fill: a free place offered to the waitlist (capacity raised, a race). Taking it from
 *   `free` and opening its pass is one update; the sweep resumes a fill pass left open.
 * Settled passes are forgotten after an hour (a run that outlives that cannot exist: every
 * database call gives up within MONGODB_TIMEOUT_MS).
 */
import { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { ActivityModel } from './activity.model';
import { entriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { GroupPlacesModel } from './group-places.model';

const HOUR_MS = 3_600_000;
/** A pass (or owed mark) this old is the sweep's: the request that started it has ended. */
export const PASS_RESUME_BOUND_MS = 60_000;
/** Settled passes kept this long, so a late twin run finds them settled rather than absent. */
const PASS_KEEP_MS = HOUR_MS;
/** Waiting entries read per look at the waitlist; parallel passes try the next ones of one read. */
const CANDIDATES_PER_READ = 20;
/** Looks at the waitlist per pass before leaving it to the sweep (only endless contention needs more). */
const ROUNDS = 10;
const BATCH = 100;

const OPEN = 'open';
const FREE = 'free';

export interface PlaceGroup {
  activityId: Types.ObjectId;
  groupId: string;
}

/** One pass as stored. */
interface PassState {
  /** `open`, `free` or the hex id of the entry chosen. */
  to: string;
  at: Date;
  /** The chosen entry has been offered the place and told. */
  done?: boolean;
  /** Keyed by the ended entry that freed the place (else a fill). */
  release?: boolean;
}

export type PassOutcome = 'offered' | 'free' | 'unsettled';

/** Set in the same update that ends an entry holding a place: the place is owed to the next. */
export const placePassOwed = (now: Date) => ({ placePassOwedAt: now });

const groupKey = (group: PlaceGroup) => ({ activityId: group.activityId, groupId: group.groupId });
const pathOf = (key: string) => `passes.${key}`;

/** Whether the activity's first session has started: from then on the waitlist gets no offers. */
export async function sessionsStarted(group: PlaceGroup, now: Date): Promise<boolean> {
  return Boolean(await ActivityModel.exists({ _id: group.activityId, firstSessionStartsAt: { $lte: now } }));
}

/** The first entries of the group's waitlist, in queue order. */
export function firstWaiting(group: PlaceGroup): Promise<Pick<EntryDoc, '_id'>[]> {
  return EntryModel.find({ ...groupKey(group), status: 'waitlisted' }, { _id: 1 })
    .sort({ queueOrder: 1 })
    .limit(CANDIDATES_PER_READ)
    .lean<Pick<EntryDoc, '_id'>[]>()
    .exec();
}

async function readPass(group: PlaceGroup, key: string): Promise<PassState | null> {
  const path = pathOf(key);
  const stored = await GroupPlacesModel.findOne({ ...groupKey(group), [path]: { $exists: true } }, { [path]: 1 })
    .lean<{ passes?: Record<string, PassState> }>()
    .exec();
  return stored?.passes?.[key] ?? null;
}

/** Moves the pass from the state `from` (as read) to a chosen entry; false when someone moved it first. */
function choose(group: PlaceGroup, key: string, from: string, entryHex: string): Promise<boolean> {
  const path = pathOf(key);
  return updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { [`${path}.to`]: from, [`${path}.done`]: { $exists: false } } },
    { $set: { [`${path}.to`]: entryHex } },
  );
}

/** Nobody to offer it to: the place goes back to `free`, in the update that settles the pass. */
function giveBack(group: PlaceGroup, key: string, from: string): Promise<boolean> {
  const path = pathOf(key);
  return updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { [`${path}.to`]: from, [`${path}.done`]: { $exists: false } } },
    { $set: { [`${path}.to`]: FREE, [`${path}.done`]: true }, $inc: { free: 1 } },
  );
}

/**
 * Offers the place to the pass's chosen entry: 'now' when this call did, 'before' when a twin
 * run did, 'no' when the entry left the waitlist otherwise (the pass must choose again).
 */
async function offer(
  group: PlaceGroup,
  key: string,
  entryId: Types.ObjectId,
  offerHoldHours: number,
  now: Date,
): Promise<'now' | 'before' | 'no'> {
  const offeredUntil = new Date(now.getTime() + offerHoldHours * HOUR_MS);
  const offered = await updateIf(
    EntryModel,
    { key: { _id: entryId }, when: { ...groupKey(group), status: 'waitlisted' } },
    { $set: { status: 'offered', offeredUntil, offeredFor: key } },
  );
  if (offered) return 'now';
  return (await EntryModel.exists({ _id: entryId, offeredFor: key })) ? 'before' : 'no';
}

/** The chosen entry holds the offer: its member hears of it (待确认（截止…）), then the pass is settled. */
async function settle(group: PlaceGroup, key: string, entryId: Types.ObjectId, tell: boolean, now: Date) {
  if (tell) await entriesChanged([entryId], now);
  const path = pathOf(key);
  await updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { [`${path}.to`]: entryId.toHexString() } },
    { $set: { [`${path}.done`]: true } },
  );
  return 'offered' as const;
}

/**
 * Carries the pass `key` to its end: offered to the first waiting entry, or back in `free`.
 * `resumed`: a sweep taking up a pass a run left unsettled, which may have offered the place
 * without telling the member (told again rather than never).
 */
async function resolvePass(
  group: PlaceGroup,
  key: string,
  offerHoldHours: number,
  now: Date,
  resumed: boolean,
): Promise<PassOutcome> {
  rounds: for (let round = 0; round < ROUNDS; round++) {
    const pass = await readPass(group, key);
    if (!pass) return 'unsettled';
    if (pass.to === FREE) return 'free';
    if (pass.done) return 'offered';
    let from = pass.to;
    if (from !== OPEN) {
      const chosen = new Types.ObjectId(from);
      const offered = await offer(group, key, chosen, offerHoldHours, now);
      if (offered !== 'no') return settle(group, key, chosen, offered === 'now' || resumed, now);
    }
    const candidates = (await sessionsStarted(group, now)) ? [] : await firstWaiting(group);
    if (candidates.length === 0) {
      if (await giveBack(group, key, from)) return 'free';
      continue;
    }
    for (const candidate of candidates) {
      const hex = candidate._id.toHexString();
      // Lost: a twin run moved the pass first; follow what it chose.
      if (!(await choose(group, key, from, hex))) continue rounds;
      from = hex;
      const offered = await offer(group, key, candidate._id, offerHoldHours, now);
      if (offered !== 'no') return settle(group, key, candidate._id, offered === 'now' || resumed, now);
      // Offered by another pass, or cancelled, meanwhile: choose the one after.
    }
  }
  return 'unsettled';
}

/**
 * Passes on the place the entry `ended` just gave up (the caller won the change that ended it,
 * which also set `placePassOwed`): to the first waiting entry with a deadline to confirm, or
 * back to the free places. Safe to repeat: the place moves once.
 */
export async function passPlaceOn(
  ended: Pick<EntryDoc, '_id' | 'activityId' | 'groupId'>,
  offerHoldHours: number,
  now: Date,
  options: { resumed?: boolean } = {},
): Promise<PassOutcome> {
  const group = { activityId: ended.activityId, groupId: ended.groupId };
  const key = ended._id.toHexString();
  const path = pathOf(key);
  // Opened once; a repeat finds it open (or settled) and carries on from there.
  await updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { [path]: { $exists: false } } },
    { $set: { [path]: { to: OPEN, at: now, release: true } }, $inc: { passing: 1 } },
  );
  const outcome = await resolvePass(group, key, offerHoldHours, now, options.resumed ?? false);
  if (outcome !== 'unsettled') {
    await EntryModel.updateOne(
      { _id: ended._id, placePassOwedAt: { $exists: true } },
      { $unset: { placePassOwedAt: 1 } },
    ).exec();
  }
  return outcome;
}

/**
 * Takes one free place and passes it to the waitlist: 'offered', 'free' (nobody took it: it is
 * back), or 'unsettled' (no place was free, or the pass is left to the sweep).
 */
export async function fillOnePlace(group: PlaceGroup, offerHoldHours: number, now: Date): Promise<PassOutcome> {
  const key = new Types.ObjectId().toHexString();
  const taken = await updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { free: { $gte: 1 } } },
    { $inc: { free: -1, passing: 1 }, $set: { [pathOf(key)]: { to: OPEN, at: now } } },
  );
  if (!taken) return 'unsettled';
  return resolvePass(group, key, offerHoldHours, now, false);
}

/** A settled pass is forgotten; a release's only once its entry no longer owes it (else it would be opened afresh). */
async function forget(group: PlaceGroup, key: string, pass: PassState): Promise<boolean> {
  if (pass.release && (await EntryModel.exists({ _id: new Types.ObjectId(key), placePassOwedAt: { $exists: true } }))) {
    return false;
  }
  const path = pathOf(key);
  return updateIf(
    GroupPlacesModel,
    { key: groupKey(group), when: { [path]: { $exists: true } } },
    { $unset: { [path]: '' }, $inc: { passing: -1 } },
  );
}

export interface PassSweepResult {
  /** Places owed by ended entries, or left in transit, handed on by the sweep. */
  resumed: number;
  forgotten: number;
}

/**
 * The sweep's part: passes places owed by entries ended more than a minute ago (the run that
 * ended them died before passing it), resumes fill passes left open, forgets settled passes.
 */
export async function sweepPasses(
  now: Date,
  holdHoursOf: (activityId: Types.ObjectId) => Promise<number>,
): Promise<PassSweepResult> {
  const result: PassSweepResult = { resumed: 0, forgotten: 0 };
  const resumeBy = new Date(now.getTime() - PASS_RESUME_BOUND_MS);
  const owed = await EntryModel.find({ placePassOwedAt: { $lte: resumeBy } }, { _id: 1, activityId: 1, groupId: 1 })
    .limit(BATCH)
    .lean<Pick<EntryDoc, '_id' | 'activityId' | 'groupId'>[]>()
    .exec();
  for (const entry of owed) {
    await passPlaceOn(entry, await holdHoursOf(entry.activityId), now, { resumed: true });
    result.resumed += 1;
  }
  const groups = await GroupPlacesModel.find({ passing: { $gte: 1 } }, { activityId: 1, groupId: 1, passes: 1 })
    .limit(BATCH * 10)
    .lean<(PlaceGroup & { passes?: Record<string, PassState> })[]>()
    .exec();
  for (const group of groups) {
    for (const [key, pass] of Object.entries(group.passes ?? {})) {
      const settled = pass.done || pass.to === FREE;
      if (settled && pass.at.getTime() <= now.getTime() - PASS_KEEP_MS) {
        if (await forget(group, key, pass)) result.forgotten += 1;
      } else if (!settled && pass.at <= resumeBy) {
        await resolvePass(group, key, await holdHoursOf(group.activityId), now, true);
        result.resumed += 1;
      }
    }
  }
  return result;
}
