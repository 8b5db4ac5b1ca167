/** Who may do what with stations. */
import { UNION_OFFICE_ROLES, type Role } from '@union/shared';
import { holdsRoleOver, type Actor } from '../auth/actor';
import type { StationDoc } from './station.model';

/** Station keepers run stations day to day; union offices also create, edit and close them. */
export const STATION_OPERATOR_ROLES: readonly Role[] = [...UNION_OFFICE_ROLES, 'station_keeper'];

export const stationPolicy = {
  /** Create, edit, close, reopen, photos, import: union office staff over the station's organisation. */
  manage: (actor: Actor, station: Pick<StationDoc, 'orgPath'>) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, station.orgPath),
  /** Walk-in counts, feedback replies, the QR poster, visit figures: keepers too. */
  operate: (actor: Actor, station: Pick<StationDoc, 'orgPath'>) =>
    holdsRoleOver(actor, STATION_OPERATOR_ROLES, station.orgPath),
};
