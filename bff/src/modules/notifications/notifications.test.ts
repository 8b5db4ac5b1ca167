import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { notify } from './notify';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const emulator = () => api.running.runtime.wechatEmulator!;

describe('notifications', () => {
  it('puts a message in the inbox and pushes a WeChat subscribe message with short fields', async () => {
    const { token, session } = await loginWechat(api, 'wx-notify-1');
    await notify(api.running.runtime, {
      accountId: session.me.id,
      kind: 'aid_status',
      title: '金秋助学申请已通过基层工会初审，进入区总工会复审',
      body: '请留意后续审核结果',
      link: 'pages-aid/application/index?id=1',
    });
    const inbox = await api.request('GET', '/api/notifications', { token });
    expect(inbox.body.unreadCount).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({
      title: '金秋助学申请已通过基层工会初审，进入区总工会复审',
      read: false,
    });

    const pushed = emulator()
      .sentSubscribeMessages()
      .filter((message) => message.touser === 'wx-notify-1');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.template_id).toBe('dev-aid-status-template');
    expect(Array.from(pushed[0]!.data.thing1!.value).length).toBeLessThanOrEqual(20);
    expect(pushed[0]!.page).toBe('pages-aid/application/index?id=1');
  });

  it('keeps the in-app message when the member declined subscribe messages', async () => {
    const { token, session } = await loginWechat(api, 'wx-notify-declined');
    emulator().declineSubscriptions('wx-notify-declined');
    await notify(api.running.runtime, {
      accountId: session.me.id,
      kind: 'aid_status',
      title: '申请已退回',
      body: '请补充材料',
    });
    expect((await api.request('GET', '/api/notifications', { token })).body.items).toHaveLength(1);
    expect(
      emulator()
        .sentSubscribeMessages()
        .some((message) => message.touser === 'wx-notify-declined'),
    ).toBe(false);
  });

  it("marks a message read, and never someone else's", async () => {
    const owner = await loginWechat(api, 'wx-notify-owner');
    const other = await loginWechat(api, 'wx-notify-other');
    await notify(api.running.runtime, {
      accountId: owner.session.me.id,
      kind: 'aid_status',
      title: '已发放',
      body: '资助金已发放',
    });
    const [message] = (await api.request('GET', '/api/notifications', { token: owner.token })).body.items;
    expect((await api.request('POST', `/api/notifications/${message.id}/read`, { token: other.token })).status).toBe(
      404,
    );
    expect((await api.request('POST', `/api/notifications/${message.id}/read`, { token: owner.token })).status).toBe(
      200,
    );
    expect((await api.request('GET', '/api/notifications', { token: owner.token })).body.unreadCount).toBe(0);
  });

  it('tells the mini-program which template to ask the member to allow', async () => {
    const { token } = await loginWechat(api, 'wx-notify-templates');
    expect((await api.request('GET', '/api/notifications/templates', { token })).body).toEqual({
      aidStatus: 'dev-aid-status-template',
    });
  });
});
