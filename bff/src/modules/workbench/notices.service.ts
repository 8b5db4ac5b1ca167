/**
 * The workbench's notices: stations nobody visited for STATION_IDLE_DAYS, stations not open
 * today, offers running out of stock (`runningOutOfStock`), activities starting tomorrow, each
 * within the caller's org subtree. A notice counts all its items and lists the first few.
 */
import type { Types } from 'mongoose';
import {
  chinaDateAfter,
  chinaDateOf,
  chinaDayRange,
  DAY_MS,
  NOTICE_ITEM_LIMIT,
  opensOnDay,
  runningOutOfStock,
  STATION_IDLE_DAYS,
  WORKBENCH_NOTICE_KEYS,
  WORKBENCH_NOTICES,
  type OpeningHours,
  type WorkbenchNotice,
  type WorkbenchNoticeKey,
} from '@union/shared';
import type { Actor } from '../auth/actor';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import { organiserOrgIds } from '../activities/policy';
import { inActorScope } from '../merchants/policy';
import { OfferModel } from '../offers/offer.model';
import { StationCheckInModel, WalkInRecordModel } from '../station-visits/visit.model';
import { stationsInScope } from '../stations/policy';
import { StationModel, type StationDoc } from '../stations/station.model';
import { workbenchPolicy } from './policy';

type Item = WorkbenchNotice['items'][number];

function notice(key: WorkbenchNoticeKey, items: Item[]): WorkbenchNotice {
  return {
    key,
    label: WORKBENCH_NOTICES[key].label,
    count: items.length,
    items: items.slice(0, NOTICE_ITEM_LIMIT),
  };
}

/** Stations in the caller's reach that are in service (a closed station is expected to have no visitors). */
const openStations = (actor: Actor) =>
  StationModel.find({ ...stationsInScope(actor), status: 'open' }, { name: 1, address: 1 })
    .sort({ name: 1 })
    .lean<StationDoc[]>();

/** Station ids with a counted check-in or a walk-in since `since`. */
async function visitedSince(stationIds: Types.ObjectId[], since: Date): Promise<Set<string>> {
  const match = { stationId: { $in: stationIds }, at: { $gte: since } };
  const [checkIns, walkIns] = await Promise.all([
    StationCheckInModel.aggregate<{ _id: Types.ObjectId }>([
      { $match: { ...match, counted: true } },
      { $group: { _id: '$stationId' } },
    ]),
    WalkInRecordModel.aggregate<{ _id: Types.ObjectId }>([{ $match: match }, { $group: { _id: '$stationId' } }]),
  ]);
  return new Set([...checkIns, ...walkIns].map((group) => String(group._id)));
}

/** When a station was last visited (a counted check-in or a walk-in), if ever. */
async function lastVisit(stationId: Types.ObjectId): Promise<Date | null> {
  const [checkIn, walkIn] = await Promise.all([
    StationCheckInModel.findOne({ stationId, counted: true }, { at: 1 }).sort({ at: -1 }).lean(),
    WalkInRecordModel.findOne({ stationId }, { at: 1 }).sort({ at: -1 }).lean(),
  ]);
  const times = [checkIn?.at, walkIn?.at].filter((at): at is Date => at instanceof Date);
  return times.length ? new Date(Math.max(...times.map((at) => at.getTime()))) : null;
}

async function stationsIdle(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const stations = await openStations(actor);
  const visited = await visitedSince(
    stations.map((station) => station._id),
    new Date(now.getTime() - STATION_IDLE_DAYS * DAY_MS),
  );
  const idle = stations.filter((station) => !visited.has(String(station._id)));
  const items = idle.map((station) => ({ id: String(station._id), title: station.name, detail: '' }));
  // Only the listed few need their last visit looked up.
  for (const [index, station] of idle.slice(0, NOTICE_ITEM_LIMIT).entries()) {
    const last = await lastVisit(station._id);
    items[index]!.detail = last ? `最近到访 ${chinaDateOf(last)}` : '尚无到访记录';
  }
  return notice('stationsIdle', items);
}

async function stationsClosedToday(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const stations = await StationModel.find(stationsInScope(actor), { name: 1, status: 1, closedReason: 1, hours: 1 })
    .sort({ name: 1 })
    .lean<StationDoc[]>();
  const today = chinaDateOf(now);
  const items: Item[] = [];
  for (const station of stations) {
    const hours = station.hours as unknown as OpeningHours;
    if (station.status === 'closed') {
      items.push({ id: String(station._id), title: station.name, detail: station.closedReason || '暂停服务' });
    } else if (!opensOnDay(hours, now)) {
      const exception = hours.exceptions.find((entry) => entry.date === today);
      items.push({ id: String(station._id), title: station.name, detail: exception?.note || '今日不开放' });
    }
  }
  return notice('stationsClosedToday', items);
}

async function offersLowStock(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const offers = await OfferModel.find(
    { ...inActorScope(actor), status: 'active', validFrom: { $lte: now }, validUntil: { $gt: now } },
    { title: 1, stockTotal: 1, stockRemaining: 1 },
  )
    .sort({ stockRemaining: 1, _id: 1 })
    .lean();
  const items = offers.filter(runningOutOfStock).map((offer) => ({
    id: String(offer._id),
    title: offer.title,
    detail: `剩余 ${offer.stockRemaining} / ${offer.stockTotal}`,
  }));
  return notice('offersLowStock', items);
}

async function activitiesTomorrow(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const { start, end } = chinaDayRange(chinaDateAfter(now, 1));
  const activities = await ActivityModel.find(
    {
      orgPath: { $in: organiserOrgIds(actor) },
      status: { $in: ['published', 'paused'] },
      firstSessionStartsAt: { $gte: start, $lt: end },
    },
    { title: 1, sessions: 1, venue: 1, firstSessionStartsAt: 1 },
  )
    .sort({ firstSessionStartsAt: 1, _id: 1 })
    .lean<ActivityDoc[]>();
  const items = activities.map((activity) => {
    const first = activity.sessions[0];
    return {
      id: String(activity._id),
      title: activity.title,
      detail: [first ? `${first.start}–${first.end}` : '', activity.venue.name].filter(Boolean).join(' · '),
    };
  });
  return notice('activitiesTomorrow', items);
}

const builders: Record<WorkbenchNoticeKey, (actor: Actor, now: Date) => Promise<WorkbenchNotice>> = {
  stationsIdle,
  stationsClosedToday,
  offersLowStock,
  activitiesTomorrow,
};

export async function workbenchNotices(actor: Actor, now: Date): Promise<WorkbenchNotice[]> {
  const keys = WORKBENCH_NOTICE_KEYS.filter((key) => workbenchPolicy.can(actor, 'seeNotice', key));
  return Promise.all(keys.map((key) => builders[key](actor, now)));
}
