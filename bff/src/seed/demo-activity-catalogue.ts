/**
 * The demo's activities (活动报名), written as an organiser would enter them: every kind, hosted
 * across the city, each showing one thing to try (see DEMO_ACTIVITY_TITLES). Times are relative
 * to the start, so the demo always has a lottery open, one ready to draw and a session today.
 */
import { chinaDateAfter, msUntilChinaMidnight, type ActivityInputDraft } from '@union/shared';
import { DEMO_STATION } from './demo-stations';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Titles, by what each demonstrates; the banner, README and tests name activities through these. */
export const DEMO_ACTIVITY_TITLES = {
  /** 团体: enterprises enter a team of 8–10 by invitation code. */
  tugOfWar: '西湖区职工拔河比赛',
  /** First come, already full: a new sign-up joins the waitlist behind three others. */
  fullWithWaitlist: '西湖区职工乒乓球赛',
  /** Sign-up closed with 李娜 among the entrants: the organiser can draw now. */
  readyToDraw: '西湖区职工新年音乐会（抽签赠票）',
  /** 审核制, with entries waiting for 滨江区's review. */
  review: '滨江区职工电工技能竞赛',
  couriersContest: '西湖区快递员技能比武',
  /** Four evening sessions; completion at three attended. */
  course: '职工育婴师技能培训班',
  floristry: '拱墅区职工插花艺术培训班',
  /** Lottery open for sign-up, its commitment published. */
  openLottery: '2026 年劳模疗休养（千岛湖）',
  /** Fee with a union subsidy, paid through the WeChat Pay emulator. */
  paid: '西溪湿地职工一日疗休养',
  /** Sign-up closes a few hours after the start. */
  closingSoon: '西溪街道社区关爱志愿服务日',
  lakeside: '湖滨步行街文明劝导志愿服务',
  /** Its session is today (all day): 李娜 is confirmed and can be checked in. */
  checkInToday: '文三路驿站冬日暖心包领取',
  /** Women aged 25–60 only: 张伟 is told why he cannot sign up. */
  womenOnly: '西湖区女职工健康体检',
  ridersWelfare: '新就业形态劳动者清凉包发放',
} as const;

export type DemoActivityKey = keyof typeof DEMO_ACTIVITY_TITLES;

export interface DemoActivity {
  key: DemoActivityKey;
  /** Host; `audienceOrgName` (default the host) is who may sign up. */
  orgName: string;
  audienceOrgName?: string;
  input: Omit<ActivityInputDraft, 'orgId' | 'title'>;
  /** When the organiser published it (and committed to the lottery, if it has one). */
  publishedAt: Date;
  /** Roster members the organiser signs up on their behalf (代报名), and when. */
  entrants?: { count: number; at: Date; answers?: Record<string, string> };
  /** When 李娜 signed up herself, for the activities she is already in. */
  liNaSignedUpAt?: Date;
}

const place = (name: string, address: string, lat: number, lng: number) => ({
  kind: 'place' as const,
  name,
  address,
  location: { lat, lng },
});

/** The demo's activities as of `now`. */
export function demoActivities(now: Date): DemoActivity[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const iso = (days: number) => at(days).toISOString();
  const session = (daysAhead: number, start: string, end: string) => ({
    date: chinaDateAfter(now, daysAhead),
    start,
    end,
  });
  // All day today; in the last quarter-hour, tomorrow's, whose check-in already opens (30 min before).
  const today = session(msUntilChinaMidnight(now) < 15 * 60_000 ? 1 : 0, '00:00', '23:59');
  const windowOf = (opensInDays: number, closesInDays: number, cancelInDays = closesInDays) => ({
    signUpOpensAt: iso(opensInDays),
    signUpClosesAt: iso(closesInDays),
    cancelDeadline: iso(cancelInDays),
  });
  const xihuCentre = place('西湖区文体中心', '杭州市西湖区文二路 1 号', 30.2805, 120.1378);

  return [
    {
      key: 'tugOfWar',
      orgName: '西湖区总工会',
      publishedAt: at(-2),
      input: {
        kind: 'sports_culture',
        description: '以企业为单位组队参赛（每队 8–10 人），队长报名后把邀请码发给队员。循环赛制，决出冠亚季军。',
        venue: xihuCentre,
        sessions: [session(10, '09:00', '11:30')],
        groups: [
          { id: 'teams', name: '企业代表队', capacity: 12, allocation: 'first_come', team: { min: 8, max: 10 } },
        ],
        questions: [
          { id: 'size', title: '队服尺码', type: 'single_choice', required: true, options: ['M', 'L', 'XL', 'XXL'] },
        ],
        ...windowOf(-2, 7, 8),
      },
    },
    {
      key: 'fullWithWaitlist',
      orgName: '西湖区总工会',
      publishedAt: at(-5),
      entrants: { count: 9, at: at(-4) },
      input: {
        kind: 'sports_culture',
        description: '个人单打淘汰赛。名额已满，现在报名将进入候补，有人取消时按顺序递补。',
        venue: xihuCentre,
        sessions: [session(12, '13:30', '17:30')],
        groups: [{ id: 'singles', name: '个人单打', capacity: 6, allocation: 'first_come' }],
        ...windowOf(-5, 9, 10),
      },
    },
    {
      key: 'readyToDraw',
      orgName: '西湖区总工会',
      publishedAt: at(-7),
      entrants: { count: 9, at: at(-2) },
      liNaSignedUpAt: at(-3),
      input: {
        kind: 'sports_culture',
        description: '赠票 6 张，报名已截止，等待开奖。此前从未中签的会员权重加倍。',
        venue: place('杭州大剧院', '杭州市上城区新业路 39 号', 30.2452, 120.2106),
        sessions: [session(9, '19:30', '21:30')],
        groups: [{ id: 'tickets', name: '赠票', capacity: 6, allocation: 'lottery' }],
        lotteryWeights: { newEmploymentForm: 1, firstTime: 2, repeatedNoShow: 1, repeatedNoShowAfter: 2 },
        signUpOpensAt: iso(-7),
        signUpClosesAt: new Date(now.getTime() - HOUR_MS).toISOString(),
        cancelDeadline: iso(5),
      },
    },
    {
      key: 'review',
      orgName: '滨江区总工会',
      publishedAt: at(-3),
      entrants: { count: 3, at: at(-1), answers: { licence: '低压电工作业证' } },
      input: {
        kind: 'skill_contest',
        description: '理论考试与实操比赛，报名经区总工会审核，须持有有效的电工作业证。',
        venue: place('滨江区职业技能实训基地', '杭州市滨江区江南大道 3850 号', 30.2105, 120.2125),
        sessions: [session(18, '08:30', '17:00')],
        groups: [{ id: 'contestants', name: '参赛选手', capacity: 40, allocation: 'review' }],
        questions: [
          {
            id: 'licence',
            title: '持有的电工证',
            type: 'single_choice',
            required: true,
            options: ['低压电工作业证', '高压电工作业证', '电工职业资格证书'],
          },
        ],
        ...windowOf(-3, 11),
      },
    },
    {
      key: 'couriersContest',
      orgName: '西湖区快递行业工会联合会',
      publishedAt: at(-1),
      input: {
        kind: 'skill_contest',
        description: '分拣、包装与安全驾驶三项比武，仅限快递员报名，报名经审核。',
        venue: place('西湖区快递行业服务中心', '杭州市西湖区文三路 90 号', 30.2799, 120.1469),
        sessions: [session(16, '09:00', '16:00')],
        groups: [{ id: 'couriers', name: '个人赛', capacity: 30, allocation: 'review' }],
        audience: { occupations: ['courier'] },
        ...windowOf(-1, 10),
      },
    },
    {
      key: 'course',
      orgName: '杭州市总工会',
      publishedAt: at(-3),
      entrants: { count: 3, at: at(-2), answers: { contact: '家属 13900000000' } },
      input: {
        kind: 'training',
        description: '共四次课，出勤三次及以上可获结业证明。',
        venue: { kind: 'online', name: '线上（腾讯会议）' },
        sessions: [14, 21, 28, 35].map((days) => session(days, '19:00', '21:00')),
        groups: [{ id: 'class', name: '第一期', capacity: 50, allocation: 'first_come' }],
        questions: [{ id: 'contact', title: '紧急联系人及电话', type: 'short_text', required: false, maxLength: 40 }],
        requiredSessions: 3,
        ...windowOf(-3, 12, 13),
      },
    },
    {
      key: 'floristry',
      orgName: '拱墅区总工会',
      publishedAt: at(-2),
      input: {
        kind: 'training',
        description: '两次课，材料由工会提供，作品可带回家。',
        venue: place('拱墅区职工服务中心', '杭州市拱墅区湖墅南路 88 号', 30.2871, 120.1551),
        sessions: [session(8, '14:00', '16:00'), session(15, '14:00', '16:00')],
        groups: [{ id: 'class', name: '周六班', capacity: 25, allocation: 'first_come' }],
        ...windowOf(-2, 6),
      },
    },
    {
      key: 'openLottery',
      orgName: '杭州市总工会',
      publishedAt: at(-2),
      entrants: { count: 5, at: at(-1) },
      input: {
        kind: 'recuperation',
        description: '名额有限，报名截止后统一抽签，结果可凭公布的种子验证。新就业形态劳动者和此前从未中签者权重加倍。',
        venue: place('千岛湖职工疗休养基地', '杭州市淳安县千岛湖镇', 29.6051, 119.0421),
        sessions: [session(40, '08:00', '18:00')],
        groups: [{ id: 'trip', name: '疗休养', capacity: 20, allocation: 'lottery' }],
        lotteryWeights: { newEmploymentForm: 2, firstTime: 2, repeatedNoShow: 0.5, repeatedNoShowAfter: 2 },
        ...windowOf(-2, 20),
      },
    },
    {
      key: 'paid',
      orgName: '西湖区总工会',
      publishedAt: at(-1),
      input: {
        kind: 'recuperation',
        description: '费用 200 元（含门票、午餐、讲解），工会补贴 120 元，个人支付 80 元。出发前 3 天可取消并退款。',
        venue: place('西溪国家湿地公园（周家村入口）', '杭州市西湖区天目山路 518 号', 30.2703, 120.0631),
        sessions: [session(13, '08:30', '16:30')],
        groups: [{ id: 'trip', name: '一日游', capacity: 30, allocation: 'first_come' }],
        fee: { priceFen: 20_000, subsidyFen: 12_000 },
        ...windowOf(-1, 9, 10),
      },
    },
    {
      key: 'closingSoon',
      orgName: '西溪街道总工会',
      publishedAt: at(-4),
      input: {
        kind: 'volunteering',
        description: '走访辖区独居老人，帮助打扫卫生、检查水电。报名今天截止。',
        venue: place('西溪街道社区服务中心', '杭州市西湖区学院路 77 号', 30.2826, 120.1365),
        sessions: [session(3, '09:00', '12:00')],
        groups: [{ id: 'volunteers', name: '志愿者', capacity: 20, allocation: 'first_come' }],
        signUpOpensAt: iso(-4),
        signUpClosesAt: new Date(now.getTime() + 3 * HOUR_MS).toISOString(),
        cancelDeadline: iso(2),
      },
    },
    {
      key: 'lakeside',
      orgName: '上城区总工会',
      publishedAt: at(-2),
      input: {
        kind: 'volunteering',
        description: '周末在湖滨步行街开展文明劝导和游客指引，每班 3 小时。',
        venue: place('湖滨步行街服务站', '杭州市上城区东坡路 7 号', 30.2571, 120.1652),
        sessions: [session(6, '09:00', '12:00'), session(6, '14:00', '17:00')],
        groups: [
          { id: 'morning', name: '上午班', capacity: 15, allocation: 'first_come' },
          { id: 'afternoon', name: '下午班', capacity: 15, allocation: 'first_come' },
        ],
        ...windowOf(-2, 5),
      },
    },
    {
      key: 'checkInToday',
      orgName: '西溪街道总工会',
      publishedAt: at(-3),
      entrants: { count: 3, at: at(-2) },
      liNaSignedUpAt: at(-2),
      input: {
        kind: 'welfare',
        description: '凭会员卡到驿站领取暖心包（围巾、手套、暖宝宝），驿站 24 小时开放，今天全天可领。',
        venue: place(DEMO_STATION.name, DEMO_STATION.address, DEMO_STATION.location.lat, DEMO_STATION.location.lng),
        sessions: [today],
        groups: [{ id: 'pickup', name: '领取', capacity: 200, allocation: 'first_come' }],
        signUpOpensAt: iso(-3),
        signUpClosesAt: iso(-1),
        cancelDeadline: iso(-1),
      },
    },
    {
      key: 'womenOnly',
      orgName: '西湖区总工会',
      publishedAt: at(-1),
      input: {
        kind: 'welfare',
        description: '面向 25–60 岁女职工的免费健康体检（含两癌筛查），体检当天请空腹。',
        venue: place('西湖区妇幼保健院', '杭州市西湖区保俶路 9 号', 30.2702, 120.1517),
        sessions: [session(11, '07:30', '11:00')],
        groups: [{ id: 'screening', name: '体检', capacity: 60, allocation: 'first_come' }],
        audience: { gender: 'female', minAge: 25, maxAge: 60 },
        ...windowOf(-1, 8),
      },
    },
    {
      key: 'ridersWelfare',
      orgName: '杭州市新就业形态劳动者工会联合会',
      publishedAt: at(-1),
      input: {
        kind: 'welfare',
        description: '为外卖骑手、快递员和网约车司机发放防暑清凉包，到骑手之家领取。',
        venue: place('未来科技城骑手之家', '杭州市余杭区文一西路 1500 号', 30.2887, 120.0163),
        sessions: [session(4, '10:00', '20:00')],
        groups: [{ id: 'pickup', name: '领取', capacity: 300, allocation: 'first_come' }],
        audience: { occupations: ['rider', 'courier', 'ride_hailing_driver'] },
        ...windowOf(-1, 3),
      },
    },
  ];
}
