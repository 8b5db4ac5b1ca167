/**
 * Who may do what with stations, and the lookups that apply it. A station outside the
 * caller's reach answers exactly like a missing one, so ids cannot be probed.
 */
import { Types } from 'mongoose';
import { STATION_OPERATOR_ROLES, UNION_OFFICE_ROLES, type Role } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { StationModel, type StationDoc } from './station.model';

// Declared in the contract, which the mini-program's station entries read too.
export { STATION_OPERATOR_ROLES };

type Placed = Pick<StationDoc, 'orgPath'>;
const stationGone = () => NotFoundError('驿站不存在或已撤销');

export const stationPolicy = definePolicy(
  {
    /** Create, edit, close, reopen, photos, import: union office staff over the station's organisation. */
    manage: (actor, station: Placed) => holdsRoleOver(actor, UNION_OFFICE_ROLES, station.orgPath),
    /** Walk-in counts, feedback replies, the QR poster, visit figures: keepers too. */
    operate: (actor, station: Placed) => holdsRoleOver(actor, STATION_OPERATOR_ROLES, station.orgPath),
  },
  (action) => (action === 'manage' ? NotFoundError('驿站不存在') : stationGone()),
);

/** A station riders can see (a sheet import still being staged is not one yet). */
export async function publishedStation(stationId: string): Promise<StationDoc> {
  const station = await StationModel.findById(stationId).lean<StationDoc>();
  if (!station || !station.published) throw stationGone();
  return station;
}

/** A station the actor runs (keeper or union staff over it). */
export async function operableStation(actor: Actor, stationId: string): Promise<StationDoc> {
  const station = await publishedStation(stationId);
  stationPolicy.authorize(actor, 'operate', station);
  return station;
}

/** A published station the actor manages. */
export async function managedStation(actor: Actor, stationId: string): Promise<StationDoc> {
  const station = await StationModel.findOne({ _id: stationId, published: true }).lean<StationDoc>();
  if (!station) throw NotFoundError('驿站不存在');
  stationPolicy.authorize(actor, 'manage', station);
  return station;
}

/** Filter for the published stations inside the subtrees where the actor holds one of `roles`. */
export function stationsInScope(actor: Actor, roles: readonly Role[] = STATION_OPERATOR_ROLES) {
  return {
    orgPath: { $in: scopeOrgIds(actor, roles).map((id) => new Types.ObjectId(id)) },
    published: true,
  };
}
