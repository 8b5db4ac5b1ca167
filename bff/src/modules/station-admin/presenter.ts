/** Stations as their managers see them: the public detail, with each organisation's name. */
import type { StationDetail } from '@union/shared';
import type { IdPage } from '../../db/id-pages';
import { organizationNames } from '../organizations/service';
import { presentStationDetail } from '../stations/presenter';
import type { StationDoc } from '../stations/station.model';

export async function presentManagedStations(stations: StationDoc[]): Promise<StationDetail[]> {
  const names = await organizationNames(stations.map((station) => station.orgId));
  const now = new Date();
  return stations.map((station) =>
    presentStationDetail(station, { now, orgName: names.get(String(station.orgId)) ?? '' }),
  );
}

export const presentManagedStation = async (station: StationDoc) => (await presentManagedStations([station]))[0]!;

export const presentManagedPage = async (page: IdPage<StationDoc>) => ({
  items: await presentManagedStations(page.items),
  nextCursor: page.nextCursor,
});
