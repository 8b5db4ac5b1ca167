/**
 * The soak's world, built once before the load: a few thousand stations around six cities of
 * Zhejiang, thousands of bound members with sessions, merchants with limited-stock coupons,
 * published activities with first-come places, and staff signed in. It is built by a BFF in
 * this process (through the modules' test support, as the other benches do) on an embedded
 * database that outlives it, so the BFF under load, a separate process, starts on a full
 * database and this process holds no server while measuring.
 */
import { Types } from 'mongoose';
import type { LatLng, OpeningHours } from '@union/shared';
import type { EmbeddedMongo } from '../../bff/src/db/embedded-mongo';
import { signStationCode } from '../../bff/src/modules/station-visits/station-code';
import { gaussian, offsetKm } from '../../bff/src/modules/stations/generated-stations';
import { stationWrites } from '../../bff/src/modules/stations/station-revision';
import { StationModel } from '../../bff/src/modules/stations/station.model';
import { stationDocument } from '../../bff/src/modules/stations/test-support';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
} from '../../bff/src/modules/activities/test-support';
import { createMerchant, createOffer } from '../../bff/src/modules/vouchers/test-support';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../bff/test/fixtures';
import { createRandom, type Random } from '../../bff/src/seeded-random';
import { startInProcessBff } from './in-process-bff';

export interface SoakSizes {
  stations: number;
  members: number;
  offers: number;
  stockPerOffer: number;
  activities: number;
  placesPerActivity: number;
}

export interface SoakStation {
  id: string;
  /** What its poster's QR code holds: the check-in scans it. */
  code: string;
}

export interface SoakScene {
  /** The cities riders search around. */
  cities: (LatLng & { spreadKm: number })[];
  stations: SoakStation[];
  memberTokens: string[];
  offerIds: string[];
  activityIds: string[];
  /** A union office over the 西湖区 (workbench, offers, sign-up lists) and a station keeper of 西溪街道. */
  officeToken: string;
  keeperToken: string;
}

/** Weights are each city's share of the stations (and of the riders searching). */
const CITIES = [
  { lat: 30.274, lng: 120.155, spreadKm: 9, weight: 0.4 }, // 杭州
  { lat: 29.868, lng: 121.544, spreadKm: 7, weight: 0.2 }, // 宁波
  { lat: 28.0, lng: 120.672, spreadKm: 6, weight: 0.13 }, // 温州
  { lat: 30.0, lng: 120.58, spreadKm: 5, weight: 0.1 }, // 绍兴
  { lat: 30.746, lng: 120.755, spreadKm: 5, weight: 0.09 }, // 嘉兴
  { lat: 29.079, lng: 119.647, spreadKm: 5, weight: 0.08 }, // 金华
];

export function pickCity(random: Random) {
  let target = random.next();
  for (const city of CITIES) {
    target -= city.weight;
    if (target < 0) return city;
  }
  return CITIES[0]!;
}

const everyDay = (open: string, close: string): OpeningHours => ({
  alwaysOpen: false,
  weekly: Array.from({ length: 7 }, () => [{ open, close }]),
  exceptions: [],
});
const HOURS: OpeningHours[] = [
  { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] },
  everyDay('07:00', '21:00'),
  everyDay('08:30', '18:00'),
];
const AMENITIES = ['drinking_water', 'seating', 'phone_charging', 'microwave', 'toilet', 'ebike_charging'] as const;

/** Stations written in one batch of revisions, spread over the orgs (the keeper's 西溪街道 holds some). */
async function insertStations(orgs: OrgTree, count: number, secret: string): Promise<SoakStation[]> {
  const random = createRandom(16);
  const owners = [orgs.xixi, orgs.xihuTech, orgs.xihuCommunity, orgs.xixing, orgs.binjiangTech];
  return stationWrites.writeBatch(count, async (first) => {
    const docs = [];
    for (let i = 0; i < count; i++) {
      const city = pickCity(random);
      const at = offsetKm(city, Math.abs(gaussian(random)) * city.spreadKm, random.next() * 2 * Math.PI);
      docs.push(
        await stationDocument({
          name: `驿站${i + 1}`,
          location: { lat: +at.lat.toFixed(6), lng: +at.lng.toFixed(6) },
          org: random.pick(owners),
          amenities: AMENITIES.filter(() => random.chance(0.5)),
          hours: random.pick(HOURS),
          revision: first + i,
        }),
      );
    }
    await StationModel.insertMany(docs);
    return docs.map((doc) => ({ id: String(doc._id), code: signStationCode(secret, String(doc._id)) }));
  });
}

/** Coupons of a few 西湖区 merchants: 1 per member per month, limited stock so they sell out during a soak. */
async function insertOffers(orgs: OrgTree, count: number, stock: number): Promise<string[]> {
  const merchants = [];
  for (const name of ['西溪便民超市', '文三路鲜丰水果', '古荡湾面馆'])
    merchants.push(await createMerchant(orgs.xihu, name));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const offer = await createOffer(merchants[i % merchants.length]!, {
      title: `满100减20（第${i + 1}期）`,
      stockTotal: stock,
      status: 'active',
    });
    ids.push(String(offer._id as Types.ObjectId));
  }
  return ids;
}

export async function buildSoakScene(
  database: { embedded: EmbeddedMongo; dbName: string },
  sizes: SoakSizes,
  env: Record<string, string>,
): Promise<SoakScene> {
  const api = await startInProcessBff(env, database);
  try {
    const orgs = await createOrgTree();
    const officeToken = await organiser(api, orgs.xihu, 'soak_office');
    await createStaff('soak_keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
    const keeperToken = await loginStaff(api, 'soak_keeper');
    const stations = await insertStations(orgs, sizes.stations, api.running.runtime.config.STATION_CODE_SECRET);
    const members = await memberSessions(api, orgs.xihuTech, sizes.members);
    const offerIds = await insertOffers(orgs, sizes.offers, sizes.stockPerOffer);
    const activityIds: string[] = [];
    for (let i = 0; i < sizes.activities; i++) {
      const input = activityInput(orgs, {
        title: `职工趣味运动会（第${i + 1}场）`,
        groups: [{ id: 'open', name: '公开组', capacity: sizes.placesPerActivity, allocation: 'first_come' }],
      });
      activityIds.push(await publishedActivity(api, officeToken, input));
    }
    return {
      cities: CITIES,
      stations,
      memberTokens: members.map((member) => member.token),
      offerIds,
      activityIds,
      officeToken,
      keeperToken,
    };
  } finally {
    await api.stop();
  }
}
