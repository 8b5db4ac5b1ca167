import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { createLogger } from '../../logger';
import { StationIndexSync } from './station-index-sync';
import { stationWrites } from './station-revision';
import { StationModel } from './station.model';
import { eastOf, eventually, insertStations, stationDocument } from './test-support';

/**
 * Stations written straight into the database stand for writes made by another BFF
 * instance: nobody tells this instance, it must find them by polling.
 */
const rider = { lat: 31.2304, lng: 121.4737 };

let api: TestApi;
let orgs: OrgTree;
let otherInstance: StationIndexSync;

const nearbyNames = async () => {
  const response = await api.request('GET', `/api/stations/nearby?lat=${rider.lat}&lng=${rider.lng}&radius=5000`);
  return response.body.items.map((item: any) => item.name) as string[];
};
const otherInstanceNames = () =>
  otherInstance.index.nearest(rider, 5000, 20, { amenityMask: 0, openAt: null }).map((found) => found.station.name);

beforeAll(async () => {
  api = await startTestApi({ STATION_INDEX_POLL_MS: '100' });
  orgs = await createOrgTree();
  await insertStations([{ name: '既有驿站', location: eastOf(rider, 500), org: orgs.xixi }]);
  // A second BFF instance on the same database: its own index, its own poller.
  otherInstance = await StationIndexSync.start({ pollMs: 100, logger: createLogger('silent') });
});
afterAll(async () => {
  await otherInstance.stop();
  await api.stop();
});

describe('the station index of every instance follows writes made anywhere', () => {
  it('finds a station inserted by another instance after the next poll', async () => {
    await eventually(async () => expect(await nearbyNames()).toContain('既有驿站'));
    await insertStations([{ name: '新开驿站', location: eastOf(rider, 200), org: orgs.xixi }]);
    await eventually(async () => expect((await nearbyNames())[0]).toBe('新开驿站'));
    await eventually(async () => expect(otherInstanceNames()[0]).toBe('新开驿站'));
  });

  it('follows a station that was moved and renamed', async () => {
    await StationModel.updateOne(
      { name: '新开驿站' },
      { $set: { name: '搬迁后的驿站', location: eastOf(rider, 3000), revision: await stationWrites.next() } },
    );
    await eventually(async () => expect(await nearbyNames()).toEqual(['既有驿站', '搬迁后的驿站']));
    await eventually(async () => expect(otherInstanceNames()).toEqual(['既有驿站', '搬迁后的驿站']));
  });

  it('drops a station that was unpublished', async () => {
    await StationModel.updateOne(
      { name: '搬迁后的驿站' },
      { $set: { published: false, revision: await stationWrites.next() } },
    );
    await eventually(async () => expect(await nearbyNames()).toEqual(['既有驿站']));
    await eventually(async () => expect(otherInstanceNames()).toEqual(['既有驿站']));
  });

  it('does not miss a slow write that lands after a later revision was already seen', async () => {
    const slowRevision = await stationWrites.next();
    const quickRevision = await stationWrites.next();
    await insertStations([{ name: '先落库', location: eastOf(rider, 1000), org: orgs.xixi, revision: quickRevision }]);
    await eventually(async () => expect(await nearbyNames()).toContain('先落库'));
    await eventually(async () => expect(otherInstanceNames()).toContain('先落库'));
    // Both instances have now seen a revision above the slow one.
    await StationModel.insertMany([
      await stationDocument({ name: '后落库', location: eastOf(rider, 1500), org: orgs.xixi, revision: slowRevision }),
    ]);
    await eventually(async () => expect(await nearbyNames()).toContain('后落库'));
    await eventually(async () => expect(otherInstanceNames()).toContain('后落库'));
  });
});
