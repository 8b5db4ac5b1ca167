/**
 * Demo activities (活动报名): a tug-of-war open now with two first-come groups, a recuperation
 * trip by lottery, and a four-session course. Windows are set relative to the start, so the
 * demo always has something open to sign up for.
 */
import type { Types } from 'mongoose';
import { chinaDateAfter, chinaInstant } from '@union/shared';
import { ActivityModel } from '../modules/activities/activity.model';
import { GroupPlacesModel } from '../modules/activities/group-places.model';

type Org = { _id: Types.ObjectId; path: Types.ObjectId[] };

const DAY_MS = 86_400_000;

function session(now: Date, daysAhead: number, start: string, end: string) {
  const date = chinaDateAfter(now, daysAhead);
  return { date, start, end, startsAt: chinaInstant(date, start), endsAt: chinaInstant(date, end) };
}

export async function seedDemoActivities(options: {
  orgNamed: (name: string) => Org;
  createdBy: Types.ObjectId;
  now: Date;
}): Promise<number> {
  const { orgNamed, createdBy, now } = options;
  const city = orgNamed('杭州市总工会');
  const xihu = orgNamed('西湖区总工会');
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const place = (name: string, address: string, lat: number, lng: number) => ({
    kind: 'place',
    name,
    address,
    location: { lat, lng },
  });
  const everyone = (org: Org) => ({ orgId: org._id, occupations: [], gender: null, minAge: null, maxAge: null });

  const tugOfWar = [session(now, 10, '09:00', '11:30')];
  const course = [14, 21, 28, 35].map((days) => session(now, days, '19:00', '21:00'));
  const trip = [session(now, 40, '08:00', '18:00')];
  const activities = [
    {
      title: '西湖区职工拔河比赛',
      kind: 'sports_culture',
      description: '以企业为单位组队参赛，循环赛制，决出冠亚季军。',
      orgId: xihu._id,
      orgPath: xihu.path,
      venue: place('西湖区文体中心', '杭州市西湖区文二路 1 号', 30.2805, 120.1378),
      sessions: tugOfWar,
      groups: [
        { id: 'men', name: '男子组', capacity: 60, allocation: 'first_come' },
        { id: 'women', name: '女子组', capacity: 40, allocation: 'first_come' },
      ],
      audience: everyone(xihu),
      questions: [
        { id: 'size', title: '文化衫尺码', type: 'single_choice', required: true, options: ['M', 'L', 'XL', 'XXL'] },
      ],
      signUpOpensAt: at(-1),
      signUpClosesAt: at(7),
      cancelDeadline: at(8),
      firstSessionStartsAt: tugOfWar[0]!.startsAt,
    },
    {
      title: '2026 年劳模疗休养（千岛湖）',
      kind: 'recuperation',
      description: '名额有限，报名截止后统一抽签，结果可凭公布的种子验证。',
      orgId: city._id,
      orgPath: city.path,
      venue: place('千岛湖职工疗休养基地', '杭州市淳安县千岛湖镇', 29.6051, 119.0421),
      sessions: trip,
      groups: [{ id: 'trip', name: '疗休养', capacity: 20, allocation: 'lottery' }],
      audience: everyone(city),
      questions: [],
      signUpOpensAt: at(-2),
      signUpClosesAt: at(20),
      cancelDeadline: at(20),
      firstSessionStartsAt: trip[0]!.startsAt,
    },
    {
      title: '职工育婴师技能培训班',
      kind: 'training',
      description: '共四次课，出勤三次及以上可获结业证明。',
      orgId: city._id,
      orgPath: city.path,
      venue: { kind: 'online', name: '线上（腾讯会议）', address: '', location: null },
      sessions: course,
      groups: [{ id: 'class', name: '第一期', capacity: 50, allocation: 'first_come' }],
      audience: everyone(city),
      questions: [{ id: 'contact', title: '紧急联系人及电话', type: 'short_text', required: false, maxLength: 40 }],
      signUpOpensAt: at(-3),
      signUpClosesAt: at(12),
      cancelDeadline: at(13),
      firstSessionStartsAt: course[0]!.startsAt,
    },
  ].map((activity) => ({ ...activity, offerHoldHours: 12, status: 'published', createdBy }));

  const stored = await ActivityModel.insertMany(activities);
  await GroupPlacesModel.insertMany(
    stored.flatMap((activity) =>
      activity.groups.map((group) => ({
        activityId: activity._id,
        groupId: group.id,
        capacity: group.capacity,
        free: group.capacity,
      })),
    ),
  );
  return stored.length;
}
