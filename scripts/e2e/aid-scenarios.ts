/**
 * 金秋助学 (tuition aid) walkthrough: a member fills the five-step form (the draft
 * surviving a reload), uploads the required documents and submits; the street and then
 * the district federation approve; the member sees the decision, the amount, a timeline
 * that names offices rather than people, and a message about it.
 * Like scenarios.ts, it opens its own phones and depends on no other scenario.
 */
import type { Page } from 'playwright-core';
import { ROUTES } from '../../miniapp/src/routes';
import {
  assert,
  byTestId,
  confirmModal,
  expectAttribute,
  expectRoute,
  expectText,
  inputOf,
  openTab,
  signInAsDemoWechatUser,
  signInAsStaff,
  type Phone,
} from './harness';
import type { Scenario } from './scenarios';

const PROGRAMME_NAME = '2026年杭州市总工会金秋助学';
const LI_NA = { openid: 'demo-member-li', name: '李娜' };
const STREET = { username: 'street_staff', orgName: '西溪街道总工会', displayName: '西溪街道工会干事' };
const DISTRICT = { username: 'district_staff', orgName: '西湖区总工会', displayName: '西湖区总工会干事' };

/** A resident ID number (GB 11643-1999) with its ISO 7064 MOD 11-2 check character. */
function residentIdNumber(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  assert(/^\d{17}$/.test(body), `an ID number body has 17 digits: ${body}`);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const CHILD = {
  name: '王小雨',
  idNumber: residentIdNumber('330106', '20080520', '002'),
  school: '浙江大学',
  major: '计算机科学与技术',
  level: 'undergraduate',
  admissionYear: '2026',
};
const ACCOUNT_NUMBER = '6222021202041234567';

/** A valid 1×1 PNG and the smallest file that starts like a PDF. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DOCUMENTS = [
  { kind: 'admission_letter', file: { name: '录取通知书.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF } },
  { kind: 'child_id', file: { name: '子女身份证.png', mimeType: 'image/png', buffer: PNG_1X1 } },
  { kind: 'household_proof', file: { name: '家庭困难证明.png', mimeType: 'image/png', buffer: PNG_1X1 } },
] as const;

/** The `id` query parameter of the page the hash router shows. */
function routeParam(page: Page, name: string): string {
  const query = new URL(page.url()).hash.split('?')[1] ?? '';
  const value = new URLSearchParams(query).get(name);
  assert(value, `the page ${page.url()} should carry ?${name}=`);
  return value;
}

/** Taps 下一步 and waits for the step the form should then show. */
async function nextStep(page: Page, expectedStep: string): Promise<void> {
  await byTestId(page, 'aid-next').click();
  await expectText(byTestId(page, 'aid-current-step'), expectedStep, { what: 'current form step' });
}

/** 首页 → 助学审核 → the programme → 李娜's application → 通过 (confirmed). */
async function approveAsReviewer(staff: Phone): Promise<void> {
  const { page } = staff;
  await byTestId(page, 'home-staff-aid-entry').click();
  await expectRoute(page, ROUTES.staffAidQueue);
  const programmeChip = page
    .locator('[data-testid^="aid-queue-programme-"]')
    .filter({ visible: true })
    .filter({ hasText: PROGRAMME_NAME });
  await programmeChip.click();
  await expectAttribute(programmeChip, 'aria-pressed', 'true');
  const item = byTestId(page, 'aid-queue-item').filter({ hasText: CHILD.school });
  const listed = await expectText(item, LI_NA.name.slice(0, 1), { what: `${staff.label}'s queue` });
  assert(listed.includes('本科'), `the queue item should show the tier 本科: ${listed}`);
  await item.first().click();
  await expectRoute(page, ROUTES.staffAidReview);
  await expectText(byTestId(page, 'aid-review-status'), '审核中');
  const idShown = await expectText(byTestId(page, 'aid-review-childIdNumber'), '****', {
    what: "the child's ID number on the review page",
  });
  assert(!idShown.includes(CHILD.idNumber), `the reviewer must see the ID number masked: ${idShown}`);
  await byTestId(page, 'aid-approve').click();
  await confirmModal(page, '审核通过');
}

const memberAppliesForAid: Scenario = {
  name: 'a member applies for tuition aid and two union levels approve it',
  slug: 'aid-apply-approve',
  async run(ctx) {
    const member = await ctx.openPhone('member 李娜');
    const { page } = member;
    await signInAsDemoWechatUser(member, LI_NA.openid);

    // 首页 → 金秋助学: open, and 李娜 may apply.
    await byTestId(page, 'home-aid').click();
    await expectRoute(page, ROUTES.aidProgramme);
    const programme = byTestId(page, 'aid-programme').filter({ hasText: PROGRAMME_NAME });
    await expectText(byTestId(programme, 'aid-eligible'), '符合申请条件');
    await byTestId(programme, 'aid-start').click();
    await expectRoute(page, ROUTES.aidForm);
    const applicationId = routeParam(page, 'id');
    await expectText(byTestId(page, 'aid-current-step'), '子女信息');

    // 子女信息
    await inputOf(page, 'aid-child-name').fill(CHILD.name);
    await inputOf(page, 'aid-child-id-number').fill(CHILD.idNumber);
    await inputOf(page, 'aid-child-school').fill(CHILD.school);
    await inputOf(page, 'aid-child-major').fill(CHILD.major);
    await byTestId(page, `aid-child-level-${CHILD.level}`).click();
    await expectAttribute(byTestId(page, `aid-child-level-${CHILD.level}`), 'aria-checked', 'true');
    await inputOf(page, 'aid-child-year').fill(CHILD.admissionYear);
    await nextStep(page, '家庭情况');
    await expectText(byTestId(page, 'aid-save-state'), '已自动保存', { what: 'draft save state' });
    await ctx.checkpoint(member, 'aid-draft-saved');

    // The draft lives on the server: with the phone's own copy gone, a reload still shows it.
    await page.evaluate((id) => localStorage.removeItem(`union.aid-draft.${id}`), applicationId);
    await page.reload();
    await expectRoute(page, ROUTES.aidForm);
    await expectText(byTestId(page, 'aid-current-step'), '子女信息', { what: 'step after reopening' });
    const resumedName = await inputOf(page, 'aid-child-name').inputValue();
    assert(resumedName === CHILD.name, `after a reload the draft should keep the child's name, shows "${resumedName}"`);
    await nextStep(page, '家庭情况');

    // 家庭情况
    await inputOf(page, 'aid-household-members').fill('3');
    await inputOf(page, 'aid-household-income').fill('90000');
    await byTestId(page, 'aid-household-hardship-single_parent').click();
    await expectAttribute(byTestId(page, 'aid-household-hardship-single_parent'), 'aria-checked', 'true');
    await nextStep(page, '收款账户');

    // 收款账户
    await byTestId(page, 'aid-payment-method-bank_card').click();
    await inputOf(page, 'aid-payment-bank').fill('中国工商银行');
    await inputOf(page, 'aid-payment-account-name').fill(LI_NA.name);
    await inputOf(page, 'aid-payment-account-number').fill(ACCOUNT_NUMBER);
    // The step's draft save must land before uploading: its answer replaces the application shown.
    const draftSaved = page.waitForResponse(
      (response) =>
        response.request().method() !== 'GET' && response.url().includes(`/api/aid/applications/${applicationId}`),
    );
    await nextStep(page, '证明材料');
    await draftSaved;

    // 证明材料: one file per required kind (the inputs are hidden behind styled labels).
    for (const { kind, file } of DOCUMENTS) {
      await page.locator(`input[type="file"][data-testid="aid-upload-file-${kind}"]`).setInputFiles(file);
      await expectText(byTestId(page, `aid-doc-kind-${kind}`), '已上传 1 份', { what: `uploaded ${kind}` });
    }
    assert((await byTestId(page, 'aid-documents-error').count()) === 0, 'the uploads should be accepted');
    assert((await byTestId(page, 'aid-document').count()) === 3, 'three documents should be listed');
    await nextStep(page, '确认提交');

    // 确认提交
    assert((await byTestId(page, 'aid-missing-documents').count()) === 0, 'no document should be missing');
    await byTestId(page, 'aid-declaration').click();
    await expectAttribute(byTestId(page, 'aid-declaration'), 'aria-checked', 'true');
    await byTestId(page, 'aid-submit').click();
    await expectRoute(page, ROUTES.aidApplication);
    await expectText(byTestId(page, 'aid-application-status'), '审核中', { what: 'status after submitting' });
    await expectText(byTestId(page, 'aid-application'), '街道工会审核', { what: 'step after submitting' });
    await ctx.checkpoint(member, 'aid-submitted');

    // 街道 approves: the application moves on to the district.
    const street = await ctx.openPhone('street reviewer');
    await signInAsStaff(street, STREET.username);
    await approveAsReviewer(street);
    await expectText(byTestId(street.page, 'aid-review'), '区总工会复审', { what: 'step after the street approved' });
    await expectText(byTestId(street.page, 'aid-review-status'), '审核中');
    await ctx.checkpoint(street, 'aid-street-approved');

    // 区 approves: the undergraduate tier is granted.
    const district = await ctx.openPhone('district reviewer');
    await signInAsStaff(district, DISTRICT.username);
    await approveAsReviewer(district);
    await expectText(byTestId(district.page, 'aid-review-status'), '已批准', { what: 'status after the district' });
    await expectText(byTestId(district.page, 'aid-review'), '¥3,000.00', { what: 'amount granted' });
    await ctx.checkpoint(district, 'aid-district-approved');

    // 区总 pays its district's people: 助学项目与发放 → 发放登记 opens and lists 李娜.
    await district.page.goto('/');
    await expectRoute(district.page, ROUTES.home);
    await byTestId(district.page, 'home-staff-aid-programmes-entry').click();
    await expectRoute(district.page, ROUTES.staffAidProgrammes);
    const programmeCard = byTestId(district.page, 'aid-programme').filter({ hasText: PROGRAMME_NAME });
    await byTestId(programmeCard, 'aid-programme-disburse').click();
    await expectRoute(district.page, ROUTES.staffAidDisbursement);
    await expectText(byTestId(district.page, 'disburse-item').filter({ hasText: LI_NA.name }), LI_NA.name, {
      what: 'the approved applicant awaiting payment',
    });
    assert((await byTestId(district.page, 'disburse-error').count()) === 0, 'the payout page opens without an error');
    await ctx.checkpoint(district, 'aid-district-disbursement');

    // 李娜: 我的 → 我的助学申请 → the approved application.
    await page.goto('/');
    await expectRoute(page, ROUTES.home);
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'mine-aid-applications').click();
    await expectRoute(page, ROUTES.aidApplications);
    const item = byTestId(page, 'aid-application-item').filter({ hasText: PROGRAMME_NAME });
    await expectText(byTestId(item, 'aid-application-status'), '已批准', { what: 'status in 我的助学申请' });
    await item.first().click();
    await expectRoute(page, ROUTES.aidApplication);
    await expectText(byTestId(page, 'aid-application-status'), '已批准');
    await expectText(byTestId(page, 'aid-amount'), '¥3,000.00');
    const actors = await byTestId(page, 'aid-timeline-actor').allInnerTexts();
    const timeline = actors.join(' | ');
    for (const office of [STREET.orgName, DISTRICT.orgName]) {
      assert(timeline.includes(office), `the timeline should name ${office}: ${timeline}`);
    }
    for (const person of [STREET.displayName, DISTRICT.displayName]) {
      assert(!timeline.includes(person), `the timeline must not name the reviewer ${person}: ${timeline}`);
    }
    await ctx.checkpoint(member, 'aid-approved');

    // 消息: told about the change.
    await page.goto('/');
    await expectRoute(page, ROUTES.home);
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'mine-messages').click();
    await expectRoute(page, ROUTES.messages);
    await expectText(byTestId(page, 'message-item'), /助学/, { what: 'the newest message' });
    const messages = (await byTestId(page, 'message-item').allInnerTexts()).join(' | ');
    assert(/已批准/.test(messages), `a message should say the application was approved: ${messages}`);
    await ctx.checkpoint(member, 'aid-messages');
  },
};

export const AID_SCENARIOS: Scenario[] = [memberAppliesForAid];
