/**
 * Seeds the demo's activities (demo-activity-catalogue.ts) the way the app makes them: each
 * input is checked by the contract and stored as the organiser's editor stores it, a lottery is
 * committed by the function publishing calls, and the entries are made by the sign-up services
 * (the organiser's 代报名 for roster members, 李娜's own sign-up), so places, waitlist order and
 * lottery state are exactly what real use would leave.
 */
import type { Types } from 'mongoose';
import { ActivityInputSchema } from '@union/shared';
import type { FieldCipher } from '../crypto/field-encryption';
import type { Actor } from '../modules/auth/actor';
import { ActivityModel } from '../modules/activities/activity.model';
import { GroupPlacesModel } from '../modules/activities/group-places.model';
import { commitLottery } from '../modules/activities/lottery.service';
import { signUpOnBehalf } from '../modules/activities/on-behalf.service';
import { storedActivityFields } from '../modules/activities/organise.service';
import { signUp } from '../modules/activities/sign-up.service';
import { DEMO_ACTIVITY_TITLES, demoActivities, type DemoActivity } from './demo-activity-catalogue';
import type { SeedOrganization } from './demo-organizations';
import type { RosterEntry } from './demo-roster';

interface Options {
  cipher: FieldCipher;
  orgNamed: (name: string) => SeedOrganization;
  /** The city's union admin: creates and publishes the activities and signs members up on their behalf. */
  organiser: { accountId: Types.ObjectId; orgId: Types.ObjectId };
  /** 李娜, bound to her WeChat account: already in the activities whose `liNaSignedUpAt` is set. */
  liNa: { accountId: Types.ObjectId; memberId: Types.ObjectId };
  /** Active roster members who may be signed up on their behalf (not the named demo people). */
  entrants: RosterEntry[];
  newId: (at: Date) => Types.ObjectId;
  now: Date;
}

export async function seedDemoActivities(options: Options): Promise<number> {
  const { cipher, orgNamed, organiser, liNa, entrants, newId, now } = options;
  const app = { cipher };
  const catalogue = demoActivities(now);
  const activities = catalogue.map((demo) => {
    const host = orgNamed(demo.orgName);
    const audienceOrg = orgNamed(demo.audienceOrgName ?? demo.orgName);
    const input = ActivityInputSchema.parse({
      ...demo.input,
      title: DEMO_ACTIVITY_TITLES[demo.key],
      orgId: String(host._id),
      audience: { ...demo.input.audience, orgId: String(audienceOrg._id) },
    });
    return {
      // Dated by publication, so the list shows the newest first as it would.
      _id: newId(demo.publishedAt),
      ...storedActivityFields(input, host, audienceOrg, []),
      status: 'published',
      createdBy: organiser.accountId,
    };
  });
  await ActivityModel.insertMany(activities);
  await GroupPlacesModel.insertMany(
    activities.flatMap((activity) =>
      activity.groups.map((group) => ({
        activityId: activity._id,
        groupId: group.id,
        capacity: group.capacity,
        free: group.capacity,
      })),
    ),
  );

  const staff: Actor = {
    accountId: String(organiser.accountId),
    kind: 'staff',
    memberId: null,
    merchantId: null,
    grants: [{ role: 'union_admin', orgId: String(organiser.orgId) }],
  };
  const liNaActor: Actor = {
    accountId: String(liNa.accountId),
    kind: 'wechat',
    memberId: String(liNa.memberId),
    merchantId: null,
    grants: [],
  };
  // Each activity's entries in order (the waitlist is arrival order), the activities side by side.
  await Promise.all(
    catalogue.map(async (demo, index) => {
      const activity = activities[index]!;
      const id = String(activity._id);
      await commitLottery(app, id, demo.publishedAt);
      const groupId = activity.groups[0]!.id;
      for (const [n, member] of entrantsFor(demo, activity, entrants, index).entries()) {
        const body = {
          name: member.name,
          idNumber: member.idNumber,
          groupId,
          requestId: `demo-${demo.key}-${n}`,
          answers: demo.entrants!.answers ?? {},
        };
        await signUpOnBehalf(app, staff, id, body, demo.entrants!.at);
      }
      if (demo.liNaSignedUpAt) {
        const body = { groupId, requestId: `demo-${demo.key}-li`, answers: {} };
        await signUp(app, liNaActor, id, body, demo.liNaSignedUpAt);
      }
    }),
  );
  return activities.length;
}

/** Roster members of the activity's audience, a different stretch of the roster for each activity. */
function entrantsFor(
  demo: DemoActivity,
  activity: { audience: { orgId: Types.ObjectId } },
  roster: RosterEntry[],
  index: number,
): RosterEntry[] {
  if (!demo.entrants) return [];
  const audienceId = String(activity.audience.orgId);
  const eligible = roster.filter(
    (entry) => entry.status === 'active' && entry.org.path.some((ancestor) => String(ancestor) === audienceId),
  );
  const start = (index * 7) % Math.max(1, eligible.length);
  const picked = [...eligible.slice(start), ...eligible.slice(0, start)].slice(0, demo.entrants.count);
  if (picked.length < demo.entrants.count) {
    throw new Error(`demo activity ${demo.key} wants ${demo.entrants.count} entrants, the roster has ${picked.length}`);
  }
  return picked;
}
