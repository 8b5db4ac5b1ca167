/**
 * 技能竞赛 walkthrough on the demo contest (西湖区职工焊工技能竞赛: 理论 closed, 实操 open): the two
 * demo judges score every 实操 entrant on their phones from 我的 → 评委打分; the organiser closes
 * 实操 and publishes from 工作台 → 技能竞赛评审; 李娜 finds her award in 我的活动, opens her
 * certificate and saves it; anyone scanning the certificate's QR sees it verified, signed in or not.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ROUTES } from '../../miniapp/src/routes';
import {
  assert,
  byTestId,
  confirmModal,
  expectRoute,
  expectText,
  inputOf,
  openTab,
  signInAsDemoWechatUser,
  signInAsNewWechatUser,
  signInAsStaff,
  tapBack,
  type Phone,
} from './harness';
import type { Scenario } from './scenarios';

const TITLE = '西湖区职工焊工技能竞赛';
/** Judges see entrants' names masked, as the BFF words them. */
const LI_NA = { openid: 'demo-member-li', name: '李娜', masked: '李*' };
const JUDGES = [
  { openid: 'demo-judge-wu', label: 'judge 吴评委' },
  { openid: 'demo-judge-zheng', label: 'judge 郑评委' },
];
const ORGANISER = { username: 'district_staff' };
const ITEMS = ['norm', 'quality', 'time', 'safety'] as const;

/** 李娜 scores full marks from both judges; everyone else a little less each. */
function scoresFor(name: string, position: number): string[] {
  return name === LI_NA.masked ? ['30', '40', '20', '10'] : ['25', String(36 - position), '18', '9'];
}

/** 我的 → 评委打分 → 实操 → every entrant: fill the sheet, 提交, confirm. */
async function scoreEveryEntrant(judge: Phone): Promise<void> {
  const { page } = judge;
  await openTab(page, '我的', ROUTES.mine);
  await byTestId(page, 'mine-judging').click();
  await expectRoute(page, ROUTES.judging);
  const contest = byTestId(page, 'judging-contest').filter({ hasText: TITLE });
  await expectText(byTestId(contest, 'judging-round-practice'), '实操（评分中）', { what: 'the open round' });
  await byTestId(contest, 'judging-round-practice').click();
  await expectRoute(page, ROUTES.judgeRound);
  const entrants = byTestId(page, 'judge-entrant');
  await entrants.first().waitFor();
  const count = await entrants.count();
  assert(count >= 2, `the judge should see the 实操 entrants of both groups, saw ${count}`);
  for (let position = 0; position < count; position++) {
    // Unscored entrants come first, so the first row is always the next one to score.
    const row = entrants.first();
    await expectText(byTestId(row, 'judge-entrant-status'), '未评', { what: 'the next unscored entrant' });
    const name = (await byTestId(row, 'judge-entrant-name').textContent())?.trim() ?? '';
    await row.click();
    await expectRoute(page, ROUTES.scoreSheet);
    await fillSheet(page, scoresFor(name, position));
    await byTestId(page, 'sheet-submit').click();
    await confirmModal(page, '提交评分');
    await expectText(byTestId(page, 'sheet-status'), '已提交', { what: `${name}'s sheet after submitting` });
    await tapBack(page);
    await expectRoute(page, ROUTES.judgeRound);
    // The round page reloads its list on show; until the count moved, its rows are the ones
    // from before this submit and the first row may be the entrant just scored.
    await expectText(byTestId(page, 'judge-round-count'), `已提交 ${position + 1}/${count}`, {
      what: 'the round count after submitting',
    });
  }
  await expectText(byTestId(page, 'judge-round-count'), `已提交 ${count}/${count}`, { what: 'the round count' });
}

async function fillSheet(page: Page, values: string[]): Promise<void> {
  for (const [index, item] of ITEMS.entries()) await inputOf(page, `sheet-${item}`).fill(values[index]!);
  const expected = values.reduce((sum, value) => sum + Number(value), 0);
  await expectText(byTestId(page, 'sheet-total'), String(expected), { what: 'the running total' });
}

/** The QR drawn on the certificate PNG, read from the image's own pixels. */
async function certificateLink(page: Page): Promise<string> {
  const src = await byTestId(page, 'certificate-image').locator('img').getAttribute('src');
  if (!src?.startsWith('data:image/png;base64,'))
    throw new Error('the certificate should be shown from the fetched PNG');
  const png = PNG.sync.read(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  assert(code, `the ${png.width}x${png.height} certificate should carry a readable QR code`);
  return code.data;
}

const judgesScoreAndMemberSavesCertificate: Scenario = {
  name: '技能竞赛: two judges score 实操, the organiser publishes, 李娜 saves her certificate and its QR verifies',
  slug: 'contest-judging-certificate',
  async run(ctx) {
    for (const judge of JUDGES) {
      const phone = await ctx.openPhone(judge.label);
      await signInAsNewWechatUser(phone, judge.openid);
      await scoreEveryEntrant(phone);
      await ctx.checkpoint(phone, `contest-scored-${judge.openid}`);
    }

    // The organiser: 工作台 → 技能竞赛评审 → the contest → 实操 → 结束本轮, then 成绩预览与发布 → 发布成绩.
    const organiser = await ctx.openPhone('organiser (西湖区总工会)');
    const { page: desk } = organiser;
    await signInAsStaff(organiser, ORGANISER.username);
    await byTestId(desk, 'home-staff-skill-contests-entry').click();
    await expectRoute(desk, ROUTES.contestAdminList);
    await byTestId(desk, 'contest-admin-list-item').filter({ hasText: TITLE }).click();
    await expectRoute(desk, ROUTES.contestAdmin);
    await byTestId(desk, 'contest-admin-round-practice').click();
    await expectRoute(desk, ROUTES.contestAdminProgress);
    await expectText(byTestId(desk, 'progress-count'), /^已交 (\d+)\/\1 份评分表$/, { what: 'every sheet in' });
    await byTestId(desk, 'progress-close').click();
    await confirmModal(desk, '结束本轮');
    await byTestId(desk, 'progress-close').waitFor({ state: 'detached' });
    await tapBack(desk);
    await expectRoute(desk, ROUTES.contestAdmin);
    await byTestId(desk, 'contest-admin-results').click();
    await expectRoute(desk, ROUTES.contestAdminResults);
    await expectText(byTestId(desk, 'preview-group-arc'), new RegExp(`1\\s*${LI_NA.name}\\s*一等奖`), {
      what: "李娜's row in 电焊组",
    });
    await ctx.checkpoint(organiser, 'contest-preview');
    await byTestId(desk, 'preview-publish').click();
    await confirmModal(desk, '发布成绩');
    await expectText(byTestId(desk, 'preview-published'), '成绩已于', { what: 'the published state' });

    // 李娜: 我的 → 我的活动 shows the award; 查看证书 → the PNG; 保存图片 downloads it.
    const member = await ctx.openPhone('member 李娜');
    const { page } = member;
    await signInAsDemoWechatUser(member, LI_NA.openid);
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'mine-activities').click();
    await expectRoute(page, ROUTES.myActivities);
    const entry = byTestId(page, 'my-entry').filter({ hasText: TITLE });
    await expectText(byTestId(entry, 'my-entry-award'), '比赛成绩：一等奖', { what: 'her award in 我的活动' });
    await byTestId(entry, 'my-entry-certificate').click();
    await expectRoute(page, ROUTES.certificate);
    await byTestId(page, 'certificate-image').waitFor();
    await ctx.checkpoint(member, 'contest-certificate');
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'certificate-save').click()]);
    assert(download.suggestedFilename() === '获奖证书.png', `saved as ${download.suggestedFilename()}`);

    // The QR on the certificate opens the verify page in any browser, without signing in.
    const link = await certificateLink(page);
    const stranger = await ctx.openPhone('someone scanning the certificate');
    await stranger.page.goto(link);
    await expectRoute(stranger.page, ROUTES.certificateVerify);
    await expectText(byTestId(stranger.page, 'verify-valid'), '证书有效', { what: 'the verified certificate' });
    await expectText(byTestId(stranger.page, 'verify-award'), '奖项：一等奖');
    await expectText(byTestId(stranger.page, 'verify-holder'), '获奖者：李*', { what: 'the masked holder' });
    await ctx.checkpoint(stranger, 'contest-verified');

    // And a forged code is told apart.
    await stranger.page.goto(`/#${ROUTES.certificateVerify}?code=forged-code`);
    await expectText(byTestId(stranger.page, 'verify-invalid'), '证书无效或成绩未公布');
  },
};

export const CONTEST_SCENARIOS: Scenario[] = [judgesScoreAndMemberSavesCertificate];
