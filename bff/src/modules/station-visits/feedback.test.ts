import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { FEEDBACK_PER_STATION_PER_DAY } from './feedback.service';
import { createStation, setUpStations } from './visit-fixtures';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());

const give = (token: string, stationId: string, body: Record<string, unknown>) =>
  api.request('POST', `/api/stations/${stationId}/feedback`, { token, body });
const list = (token: string, stationId: string) =>
  api.request('GET', `/api/staff/stations/${stationId}/feedback`, { token });
const reply = (token: string, feedbackId: string, body: Record<string, unknown>) =>
  api.request('POST', `/api/staff/station-feedback/${feedbackId}/reply`, { token, body });

const pathsOf = (response: { body: any }) => response.body.error.details.map((detail: { path: string }) => detail.path);

describe('feedback and wishes from riders', () => {
  it('takes a rating with a comment, and a wish without a rating', async () => {
    const station = await createStation(world.orgs.xixi, '评价驿站');
    const rated = await give(world.tokens.member, station.id, { rating: 5, comment: '水很凉，谢谢！' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({
      stationId: station.id,
      kind: 'feedback',
      rating: 5,
      comment: '水很凉，谢谢！',
      status: 'open',
      reply: null,
    });
    const wish = await give(world.tokens.rider, station.id, { kind: 'wish', comment: '希望增加电动车充电桩' });
    expect(wish.status).toBe(200);
    expect(wish.body).toMatchObject({ kind: 'wish', rating: null, comment: '希望增加电动车充电桩' });
  });

  it('explains what is missing or wrong, field by field', async () => {
    const { xixiA } = world.stations;
    const noRating = await give(world.tokens.rider, xixiA.id, { comment: '不错' });
    expect(noRating.status).toBe(400);
    expect(noRating.body.error.details).toEqual([{ path: 'rating', message: '请选择 1-5 星' }]);
    const emptyWish = await give(world.tokens.rider, xixiA.id, { kind: 'wish', comment: '   ' });
    expect(emptyWish.body.error.details).toEqual([{ path: 'comment', message: '请写下您的心愿' }]);
    const wrong = await give(world.tokens.rider, xixiA.id, { kind: 'praise', rating: 6, comment: '好'.repeat(201) });
    expect(wrong.status).toBe(400);
    expect(pathsOf(wrong).sort()).toEqual(['comment', 'kind', 'rating']);
    expect((await give(world.tokens.rider, '0'.repeat(24), { rating: 4 })).status).toBe(404);
    expect((await api.request('POST', `/api/stations/${xixiA.id}/feedback`, { body: { rating: 4 } })).status).toBe(401);
  });

  it(`takes at most ${FEEDBACK_PER_STATION_PER_DAY} a day from one person at one station`, async () => {
    const station = await createStation(world.orgs.xixi, '刷屏驿站');
    const { token } = await loginWechat(api, 'wx-chatty-rider');
    const answers = await Promise.all(
      Array.from({ length: FEEDBACK_PER_STATION_PER_DAY + 3 }, (_, index) =>
        give(token, station.id, { rating: 3, comment: `第 ${index + 1} 条` }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(FEEDBACK_PER_STATION_PER_DAY);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
    expect(answers.find((answer) => answer.status === 429)!.body.error.message).toContain('请明天再来');
    // Another station, and another person, are not affected.
    expect((await give(token, world.stations.xixiB.id, { rating: 4 })).status).toBe(200);
    expect((await give(world.tokens.rider, station.id, { rating: 4 })).status).toBe(200);
    expect((await list(world.tokens.xixiKeeper, station.id)).body.items).toHaveLength(FEEDBACK_PER_STATION_PER_DAY + 1);
  });
});

describe("the station keeper's feedback list and replies", () => {
  it('shows the newest first, members by masked name and everyone else as 匿名骑手', async () => {
    const station = await createStation(world.orgs.xixi, '列表驿站');
    await give(world.tokens.member, station.id, { rating: 4, comment: '第一条' });
    await give(world.tokens.rider, station.id, { kind: 'wish', comment: '第二条' });
    const answer = await list(world.tokens.xixiKeeper, station.id);
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item: any) => [item.comment, item.authorName])).toEqual([
      ['第二条', '匿名骑手'],
      ['第一条', '李*明'],
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('李小明');
  });

  it('replies, marks handled, and can reopen without losing the reply', async () => {
    const station = await createStation(world.orgs.xixi, '回复驿站');
    const wish = (await give(world.tokens.rider, station.id, { kind: 'wish', comment: '希望有雨衣' })).body;
    const answered = await reply(world.tokens.xixiKeeper, wish.id, { reply: '已备好应急雨衣，欢迎取用' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ id: wish.id, status: 'handled', reply: '已备好应急雨衣，欢迎取用' });
    expect(Date.parse(answered.body.repliedAt)).toBeGreaterThan(Date.now() - 60_000);

    const reopened = await reply(world.tokens.xixiKeeper, wish.id, { handled: false });
    expect(reopened.body).toMatchObject({ status: 'open', reply: '已备好应急雨衣，欢迎取用' });
    const listed = (await list(world.tokens.cityAdmin, station.id)).body.items[0];
    expect(listed).toMatchObject({ id: wish.id, status: 'open', reply: '已备好应急雨衣，欢迎取用' });

    const tooLong = await reply(world.tokens.xixiKeeper, wish.id, { reply: '好'.repeat(201) });
    expect(pathsOf(tooLong)).toEqual(['reply']);
  });

  it("answers 404 to a keeper of another street, to riders' attempts 403", async () => {
    const station = await createStation(world.orgs.xixi, '越权驿站');
    const feedback = (await give(world.tokens.rider, station.id, { rating: 2, comment: '没开门' })).body;
    expect((await reply(world.tokens.xixingKeeper, feedback.id, { reply: '收到' })).status).toBe(404);
    expect((await reply(world.tokens.xixingKeeper, '0'.repeat(24), { reply: '收到' })).status).toBe(404);
    expect((await list(world.tokens.xixingKeeper, station.id)).status).toBe(404);
    expect((await reply(world.tokens.rider, feedback.id, { reply: '收到' })).status).toBe(403);
    expect((await list(world.tokens.rider, station.id)).status).toBe(403);
    const untouched = (await list(world.tokens.xixiKeeper, station.id)).body.items[0];
    expect(untouched).toMatchObject({ status: 'open', reply: null });
  });
});
