/** Staff managing stations one at a time: list, create, edit, close and reopen. */
import type { Model } from 'mongoose';
import type { z } from 'zod';
import type { StaffStationListQuerySchema, StationInputValues } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { pageById, type IdPage } from '../../db/id-pages';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import type { OrganizationDoc } from '../organizations/organization.model';
import { markStationMoved } from '../station-visits/station-moved';
import { managedStation, stationsInScope } from '../stations/policy';
import { stationWrites } from '../stations/station-revision';
import { StationModel, type StationDoc } from '../stations/station.model';
import { openingHoursProblems } from './hours-rules';
import { organizationForStations } from './policy';

type ListQuery = z.output<typeof StaffStationListQuerySchema>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rejects hours the schema lets through but no one means (overlaps, a date given twice). */
export function assertSoundHours(input: Pick<StationInputValues, 'hours'>) {
  const problems = openingHoursProblems(input.hours);
  if (problems.length > 0) throw ValidationError(problems);
}

/**
 * What a create or an edit writes: every field of the station input (each declared in
 * STATION_FIELDS, stored under its contract key), never photos, status or the batch marks.
 * The input is the contract's parse, which keeps no key it does not declare.
 */
export function editableFields(input: StationInputValues, org: Pick<OrganizationDoc, '_id' | 'path'>) {
  return {
    ...input,
    location: { lat: input.location.lat, lng: input.location.lng },
    orgId: org._id,
    orgPath: org.path,
    amenities: [...new Set(input.amenities)],
  };
}

/** Stations staff and keepers look after, newest first, paged by id. */
export function listManagedStations(actor: Actor, query: ListQuery): Promise<IdPage<StationDoc>> {
  const filter: Record<string, unknown> = stationsInScope(actor);
  if (query.q) filter.name = { $regex: escapeRegExp(query.q) };
  if (query.status) filter.status = query.status;
  return pageById<StationDoc>(StationModel as Model<unknown>, filter, { limit: query.limit, cursor: query.cursor });
}

/** Searchable before the editor hears back. */
export async function createStation(actor: Actor, input: StationInputValues): Promise<StationDoc> {
  assertSoundHours(input);
  const org = await organizationForStations(actor, input.orgId);
  const station = await stationWrites.write((revision) =>
    StationModel.create({ ...editableFields(input, org), status: 'open', published: true, revision }),
  );
  return station.toObject() as StationDoc;
}

/** Replaces the editable fields; moving a station needs rights over both organisations. */
export async function updateStation(actor: Actor, stationId: string, input: StationInputValues): Promise<StationDoc> {
  assertSoundHours(input);
  const current = await managedStation(actor, stationId);
  const org = await organizationForStations(actor, input.orgId);
  // Conditional on the organisation just checked: a concurrent move must not widen who edited it.
  const updated = await stationWrites.write((revision) =>
    updateIfAndRead(
      StationModel,
      { key: { _id: current._id }, when: { published: true, orgId: current.orgId } },
      { $set: { ...editableFields(input, org), revision } },
    ),
  );
  if (!updated) throw ConflictError('驿站刚被他人修改，请刷新后再试', 'station_changed');
  // Its visits and feedback now count for the new org, on every day they happened.
  await markStationMoved(current, updated);
  return updated;
}

async function switchStatus(
  actor: Actor,
  stationId: string,
  change: { from: 'open' | 'closed'; to: 'open' | 'closed'; closedReason: string | null },
  alreadyMessage: string,
): Promise<StationDoc> {
  const current = await managedStation(actor, stationId);
  if (current.status !== change.from) throw ConflictError(alreadyMessage, `station_already_${change.to}`);
  // Conditional on the status just checked: of parallel closes (or reopens) exactly one switches it.
  const updated = await stationWrites.write((revision) =>
    updateIfAndRead(
      StationModel,
      { key: { _id: current._id }, when: { published: true, status: change.from } },
      { $set: { status: change.to, closedReason: change.closedReason, revision } },
    ),
  );
  if (!updated) {
    // Someone else switched it first (or it vanished in between).
    if (await StationModel.exists({ _id: current._id, published: true })) {
      throw ConflictError(alreadyMessage, `station_already_${change.to}`);
    }
    throw NotFoundError('驿站不存在');
  }
  return updated;
}

export const closeStation = (actor: Actor, stationId: string, reason: string) =>
  switchStatus(actor, stationId, { from: 'open', to: 'closed', closedReason: reason }, '驿站已经是关闭状态');

export const reopenStation = (actor: Actor, stationId: string) =>
  switchStatus(actor, stationId, { from: 'closed', to: 'open', closedReason: null }, '驿站已经在开放中');
