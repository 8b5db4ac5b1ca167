import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { stationPolicy } from '../stations/policy';
import { StationModel, type StationDoc } from '../stations/station.model';

const stationNotFound = () => NotFoundError('驿站不存在或已撤销');

/** A station riders can see (a sheet import still being staged is not one yet). */
export async function publishedStation(stationId: string): Promise<StationDoc> {
  const station = await StationModel.findById(stationId).lean<StationDoc>();
  if (!station || !station.published) throw stationNotFound();
  return station;
}

/** A station the actor runs (keeper or union staff over it); any other answers exactly like a missing one. */
export async function operableStation(actor: Actor, stationId: string): Promise<StationDoc> {
  const station = await StationModel.findById(stationId).lean<StationDoc>();
  if (!station || !station.published || !stationPolicy.operate(actor, station)) throw stationNotFound();
  return station;
}
