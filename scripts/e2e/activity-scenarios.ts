/**
 * 活动报名 walkthrough: a member signs up for a lottery activity; once sign-up has closed the
 * organiser draws; the member sees 中签 and recomputes the draw on her phone (验证); at the
 * venue the street union's staff check her in by pointing the camera at her union card; the
 * organiser sees the attendance in the activity's statistics.
 * The activity is made for this scenario through the organiser API (not the demo data), so
 * its sign-up can close on cue and its session takes check-ins now.
 */
import { chinaMoment, type ActivityDetail, type ActivityInputDraft, type Me } from '@union/shared';
import type { Locator, Page } from 'playwright-core';
import { ROUTES } from '../../miniapp/src/routes';
import {
  assert,
  byTestId,
  byText,
  confirmModal,
  expectRoute,
  expectText,
  openTab,
  signInAsDemoWechatUser,
  signInAsStaff,
  STAFF_PASSWORD,
  tapBack,
  waitUntil,
  type Phone,
} from './harness';
import { currentCard, pointCameraAt, type Scenario } from './scenarios';

const LI_NA = { openid: 'demo-member-li' };
/** The district organises; the street union below it hosts the activity and runs the door. */
const ORGANISER = { username: 'district_staff' };
const VENUE_STAFF = { username: 'street_staff' };

const TITLE = '西溪职工羽毛球体验课（抽签）';
const GROUP = { id: 'open', name: '公开组' };
const SIZE_QUESTION = { id: 'size', title: '球衣尺码', option: 'L' };

const MINUTE_MS = 60_000;

/** The demo organiser over HTTP, as the organiser pages call the BFF. */
export interface StaffApi {
  orgId: string;
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

export async function staffApi(baseUrl: string, username: string): Promise<StaffApi> {
  const send = async <T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const session = await send<{ accessToken: string; me: Me }>('POST', '/api/auth/password-login', null, {
    username,
    password: STAFF_PASSWORD,
  });
  const orgId = session.me.roles[0]?.orgId;
  assert(orgId, `${username} should hold a role at an organisation`);
  return { orgId, call: (method, path, body) => send(method, path, session.accessToken, body) };
}

/**
 * A session starting in ten minutes (check-in opens 30 minutes before), on one China date:
 * near midnight it ends at 23:59, and from 23:40 on it is tomorrow's first hour instead.
 */
function sessionStartingSoon(now: number): ActivityInputDraft['sessions'][number] {
  const startsAt = Math.floor((now + 10 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const start = chinaMoment(startsAt);
  if (start.time >= '23:50') return { date: chinaMoment(startsAt + 15 * MINUTE_MS).date, start: '00:00', end: '01:00' };
  const end = chinaMoment(startsAt + 60 * MINUTE_MS);
  return { date: start.date, start: start.time, end: end.date === start.date ? end.time : '23:59' };
}

/** One lottery group with one place more than entrants, so the one member wins for sure. */
function lotteryActivity(hostOrgId: string, now: number): ActivityInputDraft {
  return {
    title: TITLE,
    kind: 'sports_culture',
    description: '报名截止后抽签确定参加名单，结果可凭公布的种子验证。',
    orgId: hostOrgId,
    venue: {
      kind: 'place',
      name: '西溪街道文体中心',
      address: '杭州市西湖区文二西路 8 号',
      location: { lat: 30.2805, lng: 120.1302 },
    },
    sessions: [sessionStartingSoon(now)],
    groups: [{ id: GROUP.id, name: GROUP.name, capacity: 2, allocation: 'lottery' }],
    questions: [
      { id: SIZE_QUESTION.id, title: SIZE_QUESTION.title, required: true, type: 'single_choice', options: ['M', 'L'] },
    ],
    signUpOpensAt: new Date(now - MINUTE_MS).toISOString(),
    signUpClosesAt: new Date(now + 30 * MINUTE_MS).toISOString(),
    cancelDeadline: new Date(now + 30 * MINUTE_MS).toISOString(),
  };
}

/** Polls `condition` as the harness's waits do, failing after UI_TIMEOUT_MS. */
/** ‹ back to `route` (tapBack waits until the page left behind is gone). */
async function goBack(page: Page, route: string): Promise<void> {
  await tapBack(page);
  await expectRoute(page, route);
}

/** The list entry whose text holds `title`, tapping 加载更多 while it is not yet loaded. */
export async function listed(page: Page, itemTestId: string, title: string): Promise<Locator> {
  const items = byTestId(page, itemTestId);
  const item = items.filter({ hasText: title });
  await items.first().waitFor();
  while ((await item.count()) === 0) {
    const more = byText(page, '加载更多');
    assert((await more.count()) > 0, `「${title}」should be in the list`);
    const shown = await items.count();
    await more.click();
    await waitUntil(async () => (await items.count()) > shown, 'the next page of the list');
  }
  return item.first();
}

/** A union office account: 首页 → 活动管理 → this activity's list item. */
async function activityInAdminList(staff: Phone): Promise<Locator> {
  const { page } = staff;
  await byTestId(page, 'home-staff-activities-entry').click();
  await expectRoute(page, ROUTES.activityAdmin);
  const item = await listed(page, 'activity-item', TITLE);
  await expectText(item, '已发布', { what: 'the activity in 活动管理' });
  return item;
}

/** Polls the BFF (not a fixed sleep) until it reports sign-up closed. */
async function waitUntilSignUpCloses(organiser: StaffApi, activityId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const activity = await organiser.call<ActivityDetail>('GET', `/api/staff/activities/${activityId}`);
    if (activity.signUpState === 'closed') return;
    assert(Date.now() < deadline, `sign-up should have closed by now (${activity.signUpClosesAt})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const memberWinsLotteryAndChecksIn: Scenario = {
  name: '活动: a member signs up for a lottery, the organiser draws, she verifies 中签 and is checked in by her card',
  slug: 'activity-lottery-check-in',
  async run(ctx) {
    const organiserApi = await staffApi(ctx.baseUrl, ORGANISER.username);
    const streetOrgId = (await staffApi(ctx.baseUrl, VENUE_STAFF.username)).orgId;
    const input = lotteryActivity(streetOrgId, Date.now());
    const created = await organiserApi.call<ActivityDetail>('POST', '/api/staff/activities', input);
    await organiserApi.call('POST', `/api/staff/activities/${created.id}/publish`);

    // 李娜: 首页 → 活动 → the activity, announced as a lottery with its commitment.
    const member = await ctx.openPhone('member 李娜');
    const { page } = member;
    await signInAsDemoWechatUser(member, LI_NA.openid);
    await byTestId(page, 'home-activities').click();
    await expectRoute(page, ROUTES.activities);
    const card = await listed(page, 'activity-card', TITLE);
    await expectText(byTestId(card, 'activity-card-state'), '抽签');
    await card.click();
    await expectRoute(page, ROUTES.activityDetail);
    await expectText(byTestId(page, 'activity-title'), TITLE);
    await expectText(byTestId(page, `activity-group-${GROUP.id}`), `${GROUP.name}：抽签`);
    const commitment = await expectText(byTestId(page, 'lottery-commitment'), /^承诺值：[0-9a-f]{64}$/, {
      what: 'the lottery commitment published before the draw',
    });
    await ctx.checkpoint(member, 'activity-detail');

    // 报名: the required question is asked before anything is sent.
    await byTestId(page, 'sign-up-submit').click();
    await expectText(byTestId(page, `error-${SIZE_QUESTION.id}`), /./, { what: 'the unanswered 球衣尺码' });
    assert(
      !member.apiCalls.some((call) => call === `POST /api/activities/${created.id}/entries`),
      'an unanswered required question must not reach the BFF',
    );
    await byTestId(page, `answer-${SIZE_QUESTION.id}-${SIZE_QUESTION.option}`).click();
    await byTestId(page, 'sign-up-submit').click();
    await expectText(byTestId(page, 'activity-my-entry'), `${GROUP.name}：待抽签`, {
      what: 'her entry after signing up',
    });
    await ctx.checkpoint(member, 'activity-awaiting-draw');

    // The organiser closes sign-up a moment from now (the draw is only allowed after close).
    await organiserApi.call('PUT', `/api/staff/activities/${created.id}`, {
      ...input,
      signUpClosesAt: new Date(Date.now() + 1500).toISOString(),
      cancelDeadline: new Date(Date.now() + 1500).toISOString(),
    });
    const organiser = await ctx.openPhone('organiser (西湖区总工会)');
    await signInAsStaff(organiser, ORGANISER.username);
    await waitUntilSignUpCloses(organiserApi, created.id, 10_000);

    // 活动管理 → 报名名单 → 开奖, once.
    const item = await activityInAdminList(organiser);
    await byText(item, '报名名单').click();
    await expectRoute(organiser.page, ROUTES.activityAdminEntries);
    await byTestId(organiser.page, 'lottery-draw-button').click();
    await confirmModal(organiser.page, '开奖');
    await expectText(byTestId(organiser.page, 'lottery-draw-result'), '已开奖：共 1 条报名参与抽签，中签 1 人');
    await expectText(byTestId(organiser.page, 'entry-item'), '中签', { what: 'her entry on the organiser list' });
    await ctx.checkpoint(organiser, 'activity-drawn');

    // 李娜: 我的 → 我的活动 says 中签; the activity shows the seed, her rank, and 验证 agrees.
    await goBack(page, ROUTES.activities);
    await goBack(page, ROUTES.home);
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'mine-activities').click();
    await expectRoute(page, ROUTES.myActivities);
    const mine = byTestId(page, 'my-entry').filter({ hasText: TITLE });
    await expectText(byTestId(mine, 'my-entry-status'), '中签', { what: 'her entry in 我的活动' });
    await byText(mine, TITLE).click();
    await expectRoute(page, ROUTES.activityEntry);
    await expectText(byTestId(page, 'entry-status'), '中签');
    await byText(byTestId(page, 'entry-page'), TITLE).click();
    await expectRoute(page, ROUTES.activityDetail);
    await expectText(byTestId(page, 'lottery-mine'), '我的抽签顺位：第1位（中签）');
    await expectText(byTestId(page, 'lottery-seed'), /^种子：[0-9a-f]{64}$/, { what: 'the revealed seed' });
    await expectText(byTestId(page, 'lottery-commitment'), commitment, { what: 'the commitment, unchanged' });
    const [panelBox, seedBox] = await Promise.all([
      byTestId(page, 'lottery-panel').boundingBox(),
      byTestId(page, 'lottery-seed').boundingBox(),
    ]);
    assert(panelBox && seedBox, 'the lottery panel and its seed should be on screen');
    assert(
      seedBox.x + seedBox.width <= panelBox.x + panelBox.width,
      `the 64-character seed should wrap inside its panel: seed ends at x=${seedBox.x + seedBox.width}, panel at x=${panelBox.x + panelBox.width}`,
    );
    await byTestId(page, 'lottery-verify').click();
    await expectText(byTestId(page, 'lottery-verdict'), '验证通过');
    await ctx.checkpoint(member, 'activity-verified');

    // At the door: 李娜 shows her union card …
    for (const route of [ROUTES.activityEntry, ROUTES.myActivities, ROUTES.mine]) {
      await goBack(page, route);
    }
    await openTab(page, '首页', ROUTES.home);
    await byText(page, '电子会员卡').click();
    await expectRoute(page, ROUTES.card);
    await currentCard(member);
    const qrSrc = await byTestId(page, 'card-qr-image').locator('img').getAttribute('src');

    // … and the street union's staff, on the activity's 签到 page, point the camera at it.
    const door = await ctx.openPhone('venue staff (西溪街道总工会)');
    await signInAsStaff(door, VENUE_STAFF.username);
    await byText(await activityInAdminList(door), '签到').click();
    await expectRoute(door.page, ROUTES.activityAdminCheckIn);
    await pointCameraAt(door, qrSrc);
    await byTestId(door.page, 'check-in-scan').click();
    // The name as on the lottery list: masked, with the member number's last four digits.
    await expectText(byTestId(door.page, 'check-in-result'), /^李\*（尾号\d{4}）（公开组）签到成功，累计出勤 1 次$/, {
      what: 'the check-in by card',
    });
    assert((await byTestId(door.page, 'qr-scanner').count()) === 0, 'the camera view closes once the card is read');
    await ctx.checkpoint(door, 'activity-checked-in');

    // The organiser's statistics count her: 参与人次 1, the session 1 / 1 (签到率 waits for the session's end).
    await goBack(organiser.page, ROUTES.activityAdmin);
    await byTestId(await listed(organiser.page, 'activity-item', TITLE), 'activity-stats').click();
    await expectRoute(organiser.page, ROUTES.activityAdminStats);
    await expectText(byTestId(organiser.page, 'activity-stats-sign-ups'), /^1$/, { what: '报名人次' });
    await expectText(byTestId(organiser.page, 'activity-stats-participants'), /^1$/, { what: '参与人次' });
    const session = await expectText(byTestId(organiser.page, 'activity-stats-session'), '1 / 1', {
      what: "the session's attendance",
    });
    assert(session.includes('第1场'), `the attendance should be the first session's: ${session}`);
    await ctx.checkpoint(organiser, 'activity-stats');

    // And 我的活动 now says 已签到.
    await goBack(page, ROUTES.home);
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'mine-activities').click();
    await expectRoute(page, ROUTES.myActivities);
    await expectText(byTestId(byTestId(page, 'my-entry').filter({ hasText: TITLE }), 'my-entry-status'), '已签到', {
      what: 'her entry in 我的活动 after check-in',
    });
  },
};

export const ACTIVITY_SCENARIOS: Scenario[] = [memberWinsLotteryAndChecksIn];
