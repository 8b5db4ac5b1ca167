import { LRUCache } from 'lru-cache';
import { Types } from 'mongoose';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { OrganizationModel, type OrganizationDoc } from './organization.model';

export async function findOrganization(orgId: string | Types.ObjectId): Promise<OrganizationDoc | null> {
  return OrganizationModel.findById(orgId).lean<OrganizationDoc>();
}

export async function requireOrganization(orgId: string | Types.ObjectId): Promise<OrganizationDoc> {
  const org = await findOrganization(orgId);
  if (!org) throw NotFoundError('组织不存在');
  return org;
}

/** Name and level of several organisations at once, by id. */
export async function organizationSummaries(
  orgIds: (string | Types.ObjectId)[],
): Promise<Map<string, { name: string; level: OrganizationDoc['level'] }>> {
  const unique = [...new Set(orgIds.map(String))].map((id) => new Types.ObjectId(id));
  const orgs = await OrganizationModel.find({ _id: { $in: unique } }, { name: 1, level: 1 }).lean();
  return new Map(orgs.map((org) => [String(org._id), { name: org.name, level: org.level }]));
}

/** How long a name read is reused: a rename made in the database shows within this on every instance. */
export const ORGANIZATION_NAME_TTL_MS = 60_000;

/**
 * Names read recently, by id. Nearly every answer that names a union needs one (the card, a
 * clerk's scan of it, staff lists), and no endpoint renames an organisation: names change only
 * by operations on the database, and a record written within the minute after one (an aid
 * timeline's actor, a certificate) carries the old name, as one written a minute earlier would.
 * Only names found are kept, so an organisation created a moment ago is read at once. The
 * least recently used give way beyond `max` (the cache allocates for it up front).
 */
const recentNames = new LRUCache<string, string>({ max: 20_000, ttl: ORGANIZATION_NAME_TTL_MS });

/** Names of several organisations at once, for presenters; ids not found are left out. */
export async function organizationNames(orgIds: (string | Types.ObjectId)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unread: Types.ObjectId[] = [];
  for (const id of new Set(orgIds.map(String))) {
    const name = recentNames.get(id);
    if (name === undefined) unread.push(new Types.ObjectId(id));
    else names.set(id, name);
  }
  if (unread.length > 0) {
    const orgs = await OrganizationModel.find({ _id: { $in: unread } }, { name: 1 }).lean();
    for (const org of orgs) {
      names.set(String(org._id), org.name);
      recentNames.set(String(org._id), org.name);
    }
  }
  return names;
}

async function childCounts(parentIds: Types.ObjectId[]): Promise<Map<string, number>> {
  const rows = await OrganizationModel.aggregate<{ _id: Types.ObjectId; count: number }>([
    { $match: { parentId: { $in: parentIds } } },
    { $group: { _id: '$parentId', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [String(row._id), row.count]));
}

/** How many organisations accepting members sit anywhere below `orgId` (its subtree without itself). */
function acceptingBelow(orgId: Types.ObjectId): Promise<number> {
  return OrganizationModel.countDocuments({ acceptsMembers: true, path: orgId, _id: { $ne: orgId } });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ListedOrganization {
  org: OrganizationDoc;
  childCount: number;
  acceptingBelow: number;
}

/**
 * Children of an organisation (the top level when no parent is given), or a search among those
 * accepting members (by name and/or kind). Browsing never offers a dead end: an organisation
 * that does not accept members and has none below that do is left out.
 */
export async function listOrganizations(options: {
  parentId?: string;
  q?: string;
  kind?: 'regional' | 'industry';
}): Promise<ListedOrganization[]> {
  let orgs: OrganizationDoc[];
  const searching = Boolean(options.q || options.kind);
  if (searching) {
    orgs = await OrganizationModel.find({
      acceptsMembers: true,
      ...(options.q ? { name: { $regex: escapeRegExp(options.q) } } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
    })
      .sort({ sortOrder: 1 })
      .limit(30)
      .lean<OrganizationDoc[]>();
  } else {
    if (options.parentId && !(await OrganizationModel.exists({ _id: options.parentId }))) {
      throw BadRequestError('上级组织不存在', 'unknown_parent');
    }
    orgs = await OrganizationModel.find({ parentId: options.parentId ? new Types.ObjectId(options.parentId) : null })
      .sort({ sortOrder: 1 })
      .lean<OrganizationDoc[]>();
  }
  const counts = await childCounts(orgs.map((org) => org._id));
  const listed = await Promise.all(
    orgs.map(async (org) => ({
      org,
      childCount: counts.get(String(org._id)) ?? 0,
      acceptingBelow: await acceptingBelow(org._id),
    })),
  );
  return searching ? listed : listed.filter((entry) => entry.org.acceptsMembers || entry.acceptingBelow > 0);
}
