/** Who may do what with stations. */
import { STATION_OPERATOR_ROLES, UNION_OFFICE_ROLES } from '@union/shared';
import { holdsRoleOver, type Actor } from '../auth/actor';
import type { StationDoc } from './station.model';

// Declared in the contract, which the mini-program's station entries read too.
export { STATION_OPERATOR_ROLES };

export const stationPolicy = {
  /** Create, edit, close, reopen, photos, import: union office staff over the station's organisation. */
  manage: (actor: Actor, station: Pick<StationDoc, 'orgPath'>) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, station.orgPath),
  /** Walk-in counts, feedback replies, the QR poster, visit figures: keepers too. */
  operate: (actor: Actor, station: Pick<StationDoc, 'orgPath'>) =>
    holdsRoleOver(actor, STATION_OPERATOR_ROLES, station.orgPath),
};
