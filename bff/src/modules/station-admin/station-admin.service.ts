/** Staff managing stations one at a time: list, create, edit, close and reopen. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { StaffStationListQuerySchema, StationInputSchema } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import type { OrganizationDoc } from '../organizations/organization.model';
import { STATION_OPERATOR_ROLES } from '../stations/policy';
import { nextStationRevision } from '../stations/station-revision';
import { stationsChanged } from '../stations/station-search';
import { StationModel, type StationDoc } from '../stations/station.model';
import { openingHoursProblems } from './hours-rules';
import { organizationForStations, stationForManaging, stationsInScope } from './scope';

export type StationInputValues = z.output<typeof StationInputSchema>;
type ListQuery = z.output<typeof StaffStationListQuerySchema>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rejects hours the schema lets through but no one means (overlaps, a date given twice). */
export function assertSoundHours(input: Pick<StationInputValues, 'hours'>) {
  const problems = openingHoursProblems(input.hours);
  if (problems.length > 0) throw ValidationError(problems);
}

/** What a create or an edit writes: every editable field, never photos, status or the batch marks. */
export function editableFields(input: StationInputValues, org: Pick<OrganizationDoc, '_id' | 'path'>) {
  return {
    name: input.name,
    type: input.type,
    hostName: input.hostName,
    address: input.address,
    location: { lat: input.location.lat, lng: input.location.lng },
    orgId: org._id,
    orgPath: org.path,
    phone: input.phone,
    amenities: [...new Set(input.amenities)],
    hours: input.hours,
    description: input.description,
  };
}

/** Stations staff and keepers look after, newest first, paged by id. */
export async function listManagedStations(
  actor: Actor,
  query: ListQuery,
): Promise<{ items: StationDoc[]; nextCursor: string | null }> {
  const filter: Record<string, unknown> = stationsInScope(actor, STATION_OPERATOR_ROLES);
  if (query.q) filter.name = { $regex: escapeRegExp(query.q) };
  if (query.status) filter.status = query.status;
  if (query.cursor && Types.ObjectId.isValid(query.cursor)) filter._id = { $lt: new Types.ObjectId(query.cursor) };
  const items = await StationModel.find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean<StationDoc[]>();
  const page = items.slice(0, query.limit);
  return { items: page, nextCursor: items.length > query.limit ? String(page[page.length - 1]!._id) : null };
}

export async function createStation(actor: Actor, input: StationInputValues): Promise<StationDoc> {
  assertSoundHours(input);
  const org = await organizationForStations(actor, input.orgId);
  const station = await StationModel.create({
    ...editableFields(input, org),
    status: 'open',
    published: true,
    revision: await nextStationRevision(),
  });
  // Searchable before the editor hears back.
  await stationsChanged();
  return station.toObject() as StationDoc;
}

/** Replaces the editable fields; moving a station needs rights over both organisations. */
export async function updateStation(actor: Actor, stationId: string, input: StationInputValues): Promise<StationDoc> {
  assertSoundHours(input);
  const current = await stationForManaging(actor, stationId);
  const org = await organizationForStations(actor, input.orgId);
  // Conditional on the organisation just checked: a concurrent move must not widen who edited it.
  const updated = await updateIfAndRead(
    StationModel,
    { key: { _id: current._id }, when: { published: true, orgId: current.orgId } },
    { $set: { ...editableFields(input, org), revision: await nextStationRevision() } },
  );
  if (!updated) throw ConflictError('驿站刚被他人修改，请刷新后再试', 'station_changed');
  await stationsChanged();
  return updated;
}

async function switchStatus(
  actor: Actor,
  stationId: string,
  change: { from: 'open' | 'closed'; to: 'open' | 'closed'; closedReason: string | null },
  alreadyMessage: string,
): Promise<StationDoc> {
  const current = await stationForManaging(actor, stationId);
  if (current.status !== change.from) throw ConflictError(alreadyMessage, `station_already_${change.to}`);
  // Conditional on the status just checked: of parallel closes (or reopens) exactly one switches it.
  const updated = await updateIfAndRead(
    StationModel,
    { key: { _id: current._id }, when: { published: true, status: change.from } },
    { $set: { status: change.to, closedReason: change.closedReason, revision: await nextStationRevision() } },
  );
  if (!updated) {
    // Someone else switched it first (or it vanished in between).
    if (await StationModel.exists({ _id: current._id, published: true })) {
      throw ConflictError(alreadyMessage, `station_already_${change.to}`);
    }
    throw NotFoundError('驿站不存在');
  }
  await stationsChanged();
  return updated;
}

export const closeStation = (actor: Actor, stationId: string, reason: string) =>
  switchStatus(actor, stationId, { from: 'open', to: 'closed', closedReason: reason }, '驿站已经是关闭状态');

export const reopenStation = (actor: Actor, stationId: string) =>
  switchStatus(actor, stationId, { from: 'closed', to: 'open', closedReason: null }, '驿站已经在开放中');
