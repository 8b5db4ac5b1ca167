/** Test data for station visits: two streets' stations, their keepers, a member and a non-member rider. */
import { Types } from 'mongoose';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
} from '../../../test/fixtures';
import type { TestApi } from '../../../test/harness';
import { stationWrites } from '../stations/station-revision';
import { StationModel } from '../stations/station.model';
import { addDailyVisits } from './daily-visits';
import { signStationCode } from './station-code';
import { StationCheckInModel } from './visit.model';

export async function createStation(
  org: { _id: Types.ObjectId; path: Types.ObjectId[] },
  name: string,
  extra: { status?: 'open' | 'closed'; published?: boolean } = {},
) {
  const station = await StationModel.create({
    name,
    type: 'union_station',
    address: `${name}所在街道 1 号`,
    location: { lat: 30.27, lng: 120.08 },
    orgId: org._id,
    orgPath: org.path,
    hours: { alwaysOpen: true },
    revision: await stationWrites.next(),
    ...extra,
  });
  return { id: String(station._id), name };
}

/** The code printed on a station's poster, signed with the test server's secret. */
export const posterCode = (api: TestApi, stationId: string) =>
  signStationCode(api.running.runtime.config.STATION_CODE_SECRET, stationId);

export const MEMBER_LI = { name: '李小明', idNumber: makeIdNumber('330106', '19920211', '042'), mobile: '13800000002' };

/**
 * 西溪街道 has two stations and a keeper; 西兴街道 (滨江) has one station and its
 * own keeper; 西溪's union staff and the city's admin see more.
 */
export async function setUpStations(api: TestApi) {
  const orgs = await createOrgTree();
  const stations = {
    xixiA: await createStation(orgs.xixi, '西溪驿站'),
    xixiB: await createStation(orgs.xihuTech, '西溪科技园驿站'),
    xixing: await createStation(orgs.xixing, '西兴驿站'),
  };
  await createStaff('xixi_keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  await createStaff('xixing_keeper', [{ role: 'station_keeper', org: orgs.xixing }]);
  await createStaff('city_admin', [{ role: 'union_admin', org: orgs.city }]);
  await createStaff('merchant', [{ role: 'merchant_staff', org: orgs.city }]);
  await createMember(api.running.runtime.cipher, orgs.xihuTech, MEMBER_LI);
  const member = (await loginWechat(api, 'wx-member-li')).token;
  const bound = await api.request('POST', '/api/membership/bind', { token: member, body: MEMBER_LI });
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  return {
    orgs,
    stations,
    tokens: {
      member,
      rider: (await loginWechat(api, 'wx-rider-zhao')).token,
      xixiKeeper: await loginStaff(api, 'xixi_keeper'),
      xixingKeeper: await loginStaff(api, 'xixing_keeper'),
      cityAdmin: await loginStaff(api, 'city_admin'),
      merchant: await loginStaff(api, 'merchant'),
    },
  };
}

/** A counted check-in at a past moment, written as the check-in service writes one: the record, the day's count, the station's last visit. */
export async function pastCheckIn(stationId: string, at: Date) {
  const station = await StationModel.findById(stationId).lean();
  if (!station) throw new Error(`no station ${stationId}`);
  await StationCheckInModel.create({ stationId, accountId: new Types.ObjectId(), counted: true, at });
  await addDailyVisits(station, at, { checkIns: 1 });
}
