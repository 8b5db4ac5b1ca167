/**
 * The walkthroughs a person does with the H5 app, asserted on what is on screen.
 * Each opens its own phones (browser contexts) and depends on no other scenario:
 * they all start from the BFF's deterministic demo data.
 */
import {
  assert,
  byTestId,
  byText,
  confirmModal,
  decodeQrOnScreen,
  expectAttribute,
  expectRoute,
  expectText,
  inputOf,
  openTab,
  signInAsDemoWechatUser,
  signInAsNewWechatUser,
  signInAsStaff,
  tamperWithSignature,
  textareaOf,
  type Phone,
  type ScenarioContext,
} from './harness';
import { ROUTES } from '../../miniapp/src/routes';

export interface Scenario {
  name: string;
  /** File name for failure screenshots: .artifacts/<slug>.png */
  slug: string;
  run(ctx: ScenarioContext): Promise<void>;
}

/** The demo people (bff/src/seed/demo-people.ts). */
const ZHANG_WEI = {
  openid: 'demo-member-zhang',
  name: '张伟',
  maskedName: '张*',
  idNumber: '330106198803151336',
  mobile: '13800000001',
  orgName: '杭州云栖数智科技有限公司工会',
};
const LI_NA = { openid: 'demo-member-li', maskedName: '李*' };
const ZHAO_QIANG = {
  openid: 'demo-rider-zhao',
  name: '赵强',
  idNumber: '330122199309274511',
  mobile: '13800000005',
  employer: '美团外卖（杭州西湖站点）',
  orgName: '杭州市新就业形态劳动者工会联合会',
};

const MEMBER_NO = /^3301\d{8}$/;

/** The card's 8-digit 核验码, shown under the QR in two groups of four. */
const SHORT_CODE = /^\d{4} \d{4}$/;

/**
 * On the card page: the QR <img> carries a data URL, the QR itself, read from the screen,
 * is a UC1 token, and under it is the 8-digit 核验码 of the same minute. Returns the token.
 */
async function expectLiveQr(phone: Phone): Promise<string> {
  const { page } = phone;
  const image = byTestId(page, 'card-qr-image').locator('img');
  await image.waitFor();
  const src = await expectAttribute(image, 'src', /^data:image\/(gif|png);base64,./);
  assert(src.length > 200, `QR image data URL is suspiciously short (${src.length} characters)`);
  const loaded = await image.elementHandle();
  await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, loaded, {
    timeout: 5000,
  });
  await expectText(byTestId(page, 'card-qr-countdown'), /\d+\s*秒/, { what: 'QR countdown' });

  // The page renews the QR on its own; if it did so during the screenshot, read it again.
  // A swap in the middle of the screenshot can also leave nothing readable: that is retried
  // too, but an unreadable QR that did not change is a real failure. The image is compared as
  // well as the 核验码: Taro's <Image> updates its inner <img> after the text beside it, so the
  // 核验码 can already read the same before and after while the image still swaps (a CI run
  // caught a blank QR with the countdown at 60 s).
  const shown = async () =>
    `${(await byTestId(page, 'card-short-code').innerText()).trim()} ${await image.getAttribute('src')}`;
  for (let attempt = 1; ; attempt++) {
    await expectText(byTestId(page, 'card-short-code'), SHORT_CODE, { what: 'card 核验码' });
    const before = await shown();
    const decoded = await decodeQrOnScreen(image).catch((error: Error) => error);
    const after = await shown();
    if (before === after) {
      if (decoded instanceof Error) throw decoded;
      assert(decoded.startsWith('UC1.'), `the QR on screen should be a card token, says ${JSON.stringify(decoded)}`);
      assert(!(await page.innerText('body')).includes('UC1.'), 'the long token must not be shown as text');
      return decoded;
    }
    assert(attempt < 3, 'the card 核验码 kept changing while the QR was being read');
  }
}

/**
 * The QR (as a scanner reads it) and the 核验码 the member's screen shows right now. When
 * the QR is about to change (each one is valid for its own minute), waits for the next
 * one, as a person would, so the check does not race the expiry.
 */
export async function currentCard(member: Phone): Promise<{ token: string; shortCode: string }> {
  const { page } = member;
  const shortCode = await expectText(byTestId(page, 'card-short-code'), SHORT_CODE, { what: 'card 核验码' });
  const countdown = await byTestId(page, 'card-qr-countdown').innerText();
  const secondsLeft = Number(/(\d+)\s*秒/.exec(countdown)?.[1] ?? Infinity);
  if (secondsLeft < 10) {
    await expectText(byTestId(page, 'card-short-code'), (text) => SHORT_CODE.test(text) && text !== shortCode, {
      timeout: (secondsLeft + 10) * 1000,
      what: 'the next card 核验码',
    });
  }
  return { token: await expectLiveQr(member), shortCode: (await byTestId(page, 'card-short-code').innerText()).trim() };
}

/** Staff on the verify page: type the member's 8-digit 核验码 and press 核验. */
async function verifyShortCode(staff: Phone, shortCode: string): Promise<void> {
  await inputOf(staff.page, 'verify-code-input').fill(shortCode.replace(/\s/g, ''));
  await expectText(byTestId(staff.page, 'verify-code-grouped'), shortCode);
  await byTestId(staff.page, 'verify-code-submit').click();
}

/** Staff on the verify page: paste what a scanner gun read from the QR and press 核验. */
async function verifyToken(staff: Phone, token: string): Promise<void> {
  const input = textareaOf(staff.page, 'verify-token-input');
  await input.fill(token);
  await byTestId(staff.page, 'verify-submit').click();
}

const memberBindsAndShowsCard: Scenario = {
  name: 'member binds and shows the card, station keeper verifies it',
  slug: 'bind-card-verify',
  async run(ctx) {
    const member = await ctx.openPhone('member 张伟');
    const { page } = member;
    await signInAsDemoWechatUser(member, ZHANG_WEI.openid);

    // 我的 → 实名绑定
    await openTab(page, '我的', ROUTES.mine);
    const unbound = byTestId(page, 'membership-unbound');
    await expectText(unbound, '尚未绑定会员身份');
    await byText(unbound, '实名绑定').click();
    await expectRoute(page, ROUTES.bind);
    await byText(page, '绑定会员身份').waitFor();

    await inputOf(page, 'bind-name').fill(ZHANG_WEI.name);
    await inputOf(page, 'bind-id-number').fill(ZHANG_WEI.idNumber);
    await inputOf(page, 'bind-mobile').fill(ZHANG_WEI.mobile);
    await byTestId(page, 'bind-submit').click();

    // Back on 我的, now bound.
    await expectRoute(page, ROUTES.mine);
    const bound = byTestId(page, 'membership-bound');
    const boundText = await expectText(bound, ZHANG_WEI.maskedName, { what: '我的会籍 after binding' });
    assert(boundText.includes('正常'), `我的会籍 should say 正常, shows: ${boundText}`);
    assert(boundText.includes(ZHANG_WEI.orgName), `我的会籍 should name ${ZHANG_WEI.orgName}, shows: ${boundText}`);
    await ctx.checkpoint(member, 'mine-bound');

    // 电子会员卡
    await byText(bound, '电子会员卡').click();
    await expectRoute(page, ROUTES.card);
    await expectText(byTestId(page, 'card-page'), '工会会员电子卡');
    await expectText(byTestId(page, 'card-status'), '正常');
    await expectText(byTestId(page, 'card-page'), ZHANG_WEI.name);
    await expectLiveQr(member);
    await ctx.checkpoint(member, 'card');

    // The station keeper types in the 核验码.
    const keeper = await ctx.openPhone('station keeper');
    await signInAsStaff(keeper, 'station_keeper');
    await openTab(keeper.page, '我的', ROUTES.mine);
    await byText(byTestId(keeper.page, 'staff-entries'), '扫码核验会员卡').click();
    await expectRoute(keeper.page, ROUTES.verify);
    await verifyShortCode(keeper, (await currentCard(member)).shortCode);

    const result = byTestId(keeper.page, 'verify-result');
    await expectAttribute(result, 'data-result', 'valid');
    await expectAttribute(result, 'data-mode', 'online');
    await expectText(byTestId(keeper.page, 'verify-result-title'), '有效会员');
    const shown = await expectText(byTestId(keeper.page, 'verify-member'), ZHANG_WEI.maskedName);
    assert(shown.includes(ZHANG_WEI.orgName), `verified member should show ${ZHANG_WEI.orgName}: ${shown}`);
    assert(!shown.includes(ZHANG_WEI.name), `the verifier must not see the full name: ${shown}`);
    await ctx.checkpoint(keeper, 'verify-valid');
  },
};

const tamperedCardIsRefused: Scenario = {
  name: 'a tampered card is refused',
  slug: 'tampered-card',
  async run(ctx) {
    // 李娜 is already bound: her card shows a QR straight away (首页 → 电子会员卡).
    const member = await ctx.openPhone('member 李娜');
    await signInAsDemoWechatUser(member, LI_NA.openid);
    await byText(member.page, '电子会员卡').click();
    await expectRoute(member.page, ROUTES.card);
    await expectLiveQr(member);

    // A merchant's clerk, from 首页's 核验会员卡 entry.
    const clerk = await ctx.openPhone('merchant clerk');
    await signInAsStaff(clerk, 'merchant_staff');
    await byText(clerk.page, '扫码核验会员卡').click();
    await expectRoute(clerk.page, ROUTES.verify);

    const genuine = (await currentCard(member)).token;
    await verifyToken(clerk, tamperWithSignature(genuine));
    const result = byTestId(clerk.page, 'verify-result');
    await expectAttribute(result, 'data-result', 'forged');
    await expectAttribute(result, 'data-mode', 'online');
    const title = await expectText(byTestId(clerk.page, 'verify-result-title'), '无效');
    assert(title.includes('篡改'), `the refusal should say the QR may have been tampered with: ${title}`);
    assert((await byTestId(clerk.page, 'verify-member').count()) === 0, 'a forged card must not show a member');
    await ctx.checkpoint(clerk, 'verify-forged');

    // Control: the same card, untouched, is accepted, so the one changed character is what was refused.
    await verifyToken(clerk, genuine);
    await expectAttribute(result, 'data-result', 'valid');
    await expectText(byTestId(clerk.page, 'verify-result-title'), '有效会员');
    await expectText(byTestId(clerk.page, 'verify-member'), LI_NA.maskedName);
  },
};

const riderJoinsAndIsApproved: Scenario = {
  name: 'a rider applies to join and a street cadre approves',
  slug: 'rider-join-approve',
  async run(ctx) {
    const rider = await ctx.openPhone('rider 赵强');
    const { page } = rider;
    await signInAsDemoWechatUser(rider, ZHAO_QIANG.openid);
    await byText(page, '申请入会').click();
    await expectRoute(page, ROUTES.join);
    await byText(page, '入会申请').waitFor();

    // A rider says so first, and is then offered the unions that organise riders.
    const riderChoice = page.locator('[role="radio"]').filter({ visible: true, hasText: '外卖骑手' });
    await riderChoice.click();
    await expectAttribute(riderChoice, 'aria-checked', 'true');
    const picker = byTestId(page, 'org-picker');
    await expectText(picker, '未选择');
    await byText(picker, '选择').click();
    await expectText(byTestId(picker, 'org-industry'), '新就业形态工会', { what: 'the shortcut for riders' });
    const org = byTestId(picker, 'org-industry-item').filter({ hasText: ZHAO_QIANG.orgName });
    await expectText(org, '可受理入会', { what: `${ZHAO_QIANG.orgName} among the unions for riders` });
    // The regional tree below it never offers a dead end: every district shown leads somewhere.
    await expectText(byTestId(picker, 'org-item'), '杭州市总工会', { what: 'top of the union tree' });
    await byText(org, '选择').click();
    await byTestId(picker, 'org-item').first().waitFor({ state: 'hidden' });
    await expectText(picker, ZHAO_QIANG.orgName, { what: 'chosen union' });

    await inputOf(page, 'join-name').fill(ZHAO_QIANG.name);
    await inputOf(page, 'join-id-number').fill(ZHAO_QIANG.idNumber);
    await inputOf(page, 'join-mobile').fill(ZHAO_QIANG.mobile);
    await expectText(
      page.locator('.field').filter({ visible: true, has: inputOf(page, 'join-employer') }),
      '单位或平台',
    );
    await inputOf(page, 'join-employer').fill(ZHAO_QIANG.employer);
    const charter = byTestId(page, 'charter-agreement');
    await charter.click();
    await expectAttribute(charter, 'aria-checked', 'true');
    await byTestId(page, 'join-submit').click();

    await expectRoute(page, ROUTES.joinStatus);
    await expectText(byTestId(page, 'join-application-status'), '待审核');
    const application = byTestId(page, 'join-application');
    const pendingText = await expectText(application, `${ZHAO_QIANG.name} · 外卖骑手`);
    assert(pendingText.includes(ZHAO_QIANG.orgName), `the application should name the union: ${pendingText}`);
    await expectText(byTestId(application, 'join-application-reviewer'), `由「${ZHAO_QIANG.orgName}」或其上级工会`);
    await ctx.checkpoint(rider, 'join-status-pending');

    // The city federation's admin reviews it (入会审核 on 我的).
    const admin = await ctx.openPhone('city admin');
    await signInAsStaff(admin, 'city_admin');
    await openTab(admin.page, '我的', ROUTES.mine);
    await byText(byTestId(admin.page, 'staff-entries'), '入会审核').click();
    await expectRoute(admin.page, ROUTES.joinReviewQueue);
    const item = byTestId(admin.page, 'review-item').filter({ hasText: ZHAO_QIANG.name });
    await byTestId(admin.page, 'review-item').first().waitFor();
    while ((await item.count()) === 0) {
      const more = byText(admin.page, '加载更多');
      assert((await more.count()) > 0, `${ZHAO_QIANG.name}'s application is not in the review queue`);
      const shown = await byTestId(admin.page, 'review-item').count();
      await more.click();
      await byTestId(admin.page, 'review-item').nth(shown).waitFor();
    }
    await expectText(item, ZHAO_QIANG.orgName);
    await ctx.checkpoint(admin, 'review-queue');
    await item.click();
    await expectRoute(admin.page, ROUTES.joinReviewDetail);
    const detail = byTestId(admin.page, 'review-detail');
    await expectText(detail, ZHAO_QIANG.employer);
    await expectText(byTestId(admin.page, 'review-status'), '待审核');
    await byTestId(admin.page, 'approve').click();
    await confirmModal(admin.page, '批准入会');
    await expectText(byTestId(admin.page, 'review-status'), '已批准');
    const approvedText = await expectText(detail, /会员号\s*3301\d{8}/, { what: 'approved application' });
    const memberNo = /3301\d{8}/.exec(approvedText)![0];
    assert((await byTestId(admin.page, 'approve').count()) === 0, 'the approve button should be gone once approved');
    await ctx.checkpoint(admin, 'review-approved');

    // The rider reloads the status page.
    await page.reload();
    await expectRoute(page, ROUTES.joinStatus);
    await expectText(byTestId(page, 'join-application-status'), '已批准');
    const shownNo = await expectText(byTestId(page, 'join-application-member-no'), MEMBER_NO);
    assert(shownNo === memberNo, `the rider sees member number ${shownNo}, the reviewer saw ${memberNo}`);
    await ctx.checkpoint(rider, 'join-status-approved');

    await byText(page, '查看电子会员卡').click();
    await expectRoute(page, ROUTES.card);
    await expectText(byTestId(page, 'card-member-no'), memberNo);
    await expectText(byTestId(page, 'card-status'), '正常');
    await expectText(byTestId(page, 'card-page'), ZHAO_QIANG.orgName);
    await expectLiveQr(rider);
    await ctx.checkpoint(rider, 'rider-card');
  },
};

const badInputIsExplained: Scenario = {
  name: 'bad input is explained in Chinese and nothing is sent',
  slug: 'bind-bad-input',
  async run(ctx) {
    // A fresh WeChat user, signed in by typing an openid (体验登录 → 其他身份).
    const person = await ctx.openPhone('new wechat user');
    const { page } = person;
    await signInAsNewWechatUser(person, 'e2e-bad-input-user');

    await openTab(page, '我的', ROUTES.mine);
    await byText(byTestId(page, 'membership-unbound'), '实名绑定').click();
    await expectRoute(page, ROUTES.bind);

    await inputOf(page, 'bind-name').fill(ZHANG_WEI.name);
    await inputOf(page, 'bind-id-number').fill('330106198803151335'); // check digit should be 6
    await inputOf(page, 'bind-mobile').fill(ZHANG_WEI.mobile);
    const callsBefore = person.apiCalls.length;
    await byTestId(page, 'bind-submit').click();

    const error = byTestId(page, 'bind-id-number-error');
    const message = await expectText(error, /身份证号/, { what: 'error under the ID number' });
    assert(/校验位/.test(message), `the error should say the check digit is wrong: ${message}`);

    // Next to the ID field: below its input and above the mobile field.
    const [errorBox, idBox, mobileBox] = await Promise.all([
      error.boundingBox(),
      inputOf(page, 'bind-id-number').boundingBox(),
      inputOf(page, 'bind-mobile').boundingBox(),
    ]);
    assert(errorBox && idBox && mobileBox, 'the form fields should be on screen');
    assert(
      errorBox.y >= idBox.y + idBox.height - 1 && errorBox.y + errorBox.height <= mobileBox.y + 1,
      `the ID error should sit between the ID and mobile fields (error y=${errorBox.y}, id y=${idBox.y}, mobile y=${mobileBox.y})`,
    );
    for (const other of ['bind-name-error', 'bind-mobile-error']) {
      assert((await byTestId(page, other).count()) === 0, `${other} should not be shown for a valid value`);
    }
    assert((await byTestId(page, 'bind-failure').count()) === 0, 'no server failure should be shown');

    // Nothing reached the BFF (the check runs before any request would be made).
    const sent = person.apiCalls.slice(callsBefore);
    assert(
      !sent.some((call) => call.includes('/api/membership/bind')),
      `the bind request was sent: ${sent.join(', ')}`,
    );
    assert((await inputOf(page, 'bind-id-number').inputValue()) === '330106198803151335', 'the input should be kept');
    await ctx.checkpoint(person, 'bind-bad-input');
  },
};

/**
 * Stands in for the phone's camera on the staff page: getUserMedia hands out a stream
 * painted from `qrImageSrc` (the member's QR as it is on screen; 'nothing' films a blank
 * wall), or refuses as a browser does when the user says no (null). Everything after
 * getUserMedia, the <video> and the zxing decoder, is the app's own.
 */
export async function pointCameraAt(staff: Phone, qrImageSrc: string | null): Promise<void> {
  await staff.page.evaluate((src) => {
    const media = navigator.mediaDevices ?? ({} as MediaDevices);
    Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true });
    media.getUserMedia = async () => {
      if (!src) throw new DOMException('Permission denied', 'NotAllowedError');
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 480;
      canvas.style.cssText = 'position: fixed; left: -1000px; top: 0';
      document.body.appendChild(canvas);
      const context = canvas.getContext('2d')!;
      const image = new Image();
      if (src !== 'nothing') {
        image.src = src;
        await image.decode();
      }
      // A canvas stream only carries frames when the canvas is painted. (No named local
      // functions here: the bundler would wrap them in a helper the page does not have.)
      setInterval(() => {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        // A hand never holds still: each frame shows the code a little nearer or farther.
        const size = 300 + Math.floor(Math.random() * 160);
        const at = (canvas.width - size) / 2;
        if (image.src) context.drawImage(image, at, at, size, size);
      }, 100);
      return canvas.captureStream(10);
    };
  }, qrImageSrc);
}

const staffScansCardWithCamera: Scenario = {
  name: 'staff scan a card with the browser camera, or type its 核验码 when the camera is refused',
  slug: 'camera-scan-card',
  async run(ctx) {
    const member = await ctx.openPhone('member 李娜');
    await signInAsDemoWechatUser(member, LI_NA.openid);
    await byText(member.page, '电子会员卡').click();
    await expectRoute(member.page, ROUTES.card);
    await expectLiveQr(member);
    await ctx.checkpoint(member, 'card-with-code');

    const keeper = await ctx.openPhone('station keeper');
    await signInAsStaff(keeper, 'station_keeper');
    await openTab(keeper.page, '我的', ROUTES.mine);
    await byText(byTestId(keeper.page, 'staff-entries'), '扫码核验会员卡').click();
    await expectRoute(keeper.page, ROUTES.verify);

    // The camera refused: the page says why, and the 核验码 typed by hand still verifies.
    await pointCameraAt(keeper, null);
    await byTestId(keeper.page, 'verify-scan').click();
    await expectText(byTestId(keeper.page, 'scan-camera-problem'), '未获得摄像头权限');
    await ctx.checkpoint(keeper, 'camera-refused');
    await verifyShortCode(keeper, (await currentCard(member)).shortCode);
    const result = byTestId(keeper.page, 'verify-result');
    await expectAttribute(result, 'data-result', 'valid');
    await expectText(byTestId(keeper.page, 'verify-member'), LI_NA.maskedName);

    // The camera allowed but aimed at nothing: the camera view waits, and 取消扫码 closes it.
    await pointCameraAt(keeper, 'nothing');
    await byTestId(keeper.page, 'verify-scan').click();
    await expectText(byTestId(keeper.page, 'qr-scanner-hint'), '放入框内');
    await ctx.checkpoint(keeper, 'camera-waiting');
    await byTestId(keeper.page, 'qr-scanner-cancel').click();
    await byTestId(keeper.page, 'qr-scanner').waitFor({ state: 'detached' });

    // Aimed at the member's screen: the QR is read and verified.
    await currentCard(member);
    const qrSrc = await byTestId(member.page, 'card-qr-image').locator('img').getAttribute('src');
    await pointCameraAt(keeper, qrSrc);
    const scannedVerification = keeper.page.waitForResponse((response) =>
      response.url().endsWith('/api/staff/card-verifications'),
    );
    await byTestId(keeper.page, 'verify-scan').click();
    const problem = byTestId(keeper.page, 'scan-camera-problem');
    const cameraState = await Promise.race([
      expectText(byTestId(keeper.page, 'qr-scanner-hint'), '放入框内').then(() => 'live'),
      // Read so fast that the camera view was gone before it was looked at: live all the same.
      scannedVerification.then(() => 'live'),
      problem.waitFor().then(async () => `refused as ${await problem.getAttribute('data-problem')}`),
    ]);
    assert(cameraState === 'live', `the camera view should go live, but it was ${cameraState}`);
    await ctx.checkpoint(keeper, 'camera-live');
    await scannedVerification;
    await expectAttribute(result, 'data-result', 'valid');
    await expectAttribute(result, 'data-mode', 'online');
    await expectText(byTestId(keeper.page, 'verify-member'), LI_NA.maskedName);
    assert((await byTestId(keeper.page, 'qr-scanner').count()) === 0, 'the camera view closes once a QR is read');
    assert(
      keeper.apiCalls.filter((call) => call === 'POST /api/staff/card-verifications').length === 2,
      `one typed and one scanned verification expected: ${keeper.apiCalls.join(', ')}`,
    );
    await ctx.checkpoint(keeper, 'camera-scanned');
  },
};

export const SCENARIOS: Scenario[] = [
  memberBindsAndShowsCard,
  tamperedCardIsRefused,
  staffScansCardWithCamera,
  riderJoinsAndIsApproved,
  badInputIsExplained,
];
