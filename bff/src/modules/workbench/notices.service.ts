/**
 * The workbench's notices: stations nobody visited for STATION_IDLE_DAYS, stations not open
 * today, offers running out of stock (`runningOutOfStock`), activities starting tomorrow, each
 * within the caller's org subtree. A notice counts all its items and lists the first few.
 */
import {
  chinaDateAfter,
  chinaDateOf,
  chinaMoment,
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
import { stationsInScope } from '../stations/policy';
import { StationModel, type StationDoc } from '../stations/station.model';
import { workbenchPolicy } from './policy';

type Item = WorkbenchNotice['items'][number];

/** `count`: how many there are, when only the first few were read. */
function notice(key: WorkbenchNoticeKey, items: Item[], count = items.length): WorkbenchNotice {
  return {
    key,
    label: WORKBENCH_NOTICES[key].label,
    count,
    items: items.slice(0, NOTICE_ITEM_LIMIT),
  };
}

/**
 * Open stations (a closed station is expected to have no visitors) whose latest visit was
 * before the China day STATION_IDLE_DAYS ago, or never: one indexed query on the date each
 * station keeps (station-visits/last-visit.ts).
 */
async function stationsIdle(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const since = chinaDateOf(now.getTime() - STATION_IDLE_DAYS * DAY_MS);
  const filter = {
    ...stationsInScope(actor),
    status: 'open',
    $or: [{ lastVisitDate: { $lt: since } }, { lastVisitDate: null }],
  };
  const [count, listed] = await Promise.all([
    StationModel.countDocuments(filter),
    StationModel.find(filter, { name: 1, lastVisitDate: 1 }).sort({ name: 1 }).limit(NOTICE_ITEM_LIMIT).lean(),
  ]);
  const items = listed.map((station) => ({
    id: String(station._id),
    title: station.name,
    detail: station.lastVisitDate ? `最近到访 ${station.lastVisitDate}` : '尚无到访记录',
  }));
  return notice('stationsIdle', items, count);
}

/**
 * The stations that might not open today: paused ones, those with an exception dated today, and
 * those whose weekday is empty (unless open around the clock). `opensOnDay` decides among them,
 * so only these few are read, not every station in scope.
 */
function mayNotOpenToday(now: Date) {
  const weekday = chinaMoment(now).weekday;
  return {
    $or: [
      { status: 'closed' },
      { 'hours.exceptions.date': chinaDateOf(now) },
      { 'hours.alwaysOpen': { $ne: true }, [`hours.weekly.${weekday}`]: { $size: 0 } },
    ],
  };
}

async function stationsClosedToday(actor: Actor, now: Date): Promise<WorkbenchNotice> {
  const stations = await StationModel.find(
    { ...stationsInScope(actor), ...mayNotOpenToday(now) },
    { name: 1, status: 1, closedReason: 1, hours: 1 },
  )
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
