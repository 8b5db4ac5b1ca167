/**
 * 知识竞赛 walkthrough: the district organiser sets up a quiz through the staff API (bank of six
 * questions, a paper of one per type) and publishes it; 李娜 opens it from 首页, starts after
 * the clock warning, answers one question at a time, checks the 答题卡, hands in, reads her
 * score and an explanation, and finds herself on the ranking. The organiser then sees her in
 * the participation table.
 */
import type { QuizQuestionInput, StaffQuizDetail } from '@union/shared';
import { ROUTES } from '../../miniapp/src/routes';
import { listed, staffApi } from './activity-scenarios';
import {
  assert,
  byTestId,
  confirmModal,
  expectRoute,
  expectText,
  signInAsDemoWechatUser,
  signInAsStaff,
} from './harness';
import type { Scenario } from './scenarios';

const LI_NA = { openid: 'demo-member-li' };
const ORGANISER = { username: 'district_staff' };
const TITLE = '西湖区工会法知识竞赛（体验）';
const MINUTE_MS = 60_000;

/** Two of each type, so the paper (one of each) differs between members; keys known to the scenario. */
const BANK: QuizQuestionInput[] = [
  {
    type: 'single',
    stem: '工会会员大会或会员代表大会每届任期为几年？',
    options: ['一年', '三年或五年', '十年'],
    answer: ['B'],
    explanation: '《工会法》规定，基层工会委员会每届任期三年或者五年。',
    category: '工会法',
  },
  {
    type: 'single',
    stem: '职工因工作遭受事故伤害，应当享受哪种保险待遇？',
    options: ['工伤保险', '失业保险', '生育保险'],
    answer: ['A'],
    explanation: '因工作遭受事故伤害的职工享受工伤保险待遇。',
    category: '安全生产',
  },
  {
    type: 'multiple',
    stem: '下列哪些属于个人劳动防护用品？',
    options: ['安全帽', '手机', '防护眼镜', '绝缘手套'],
    answer: ['A', 'C', 'D'],
    explanation: '手机不是劳动防护用品。',
    category: '安全生产',
  },
  {
    type: 'multiple',
    stem: '工会的基本职责包括哪些？',
    options: ['维护职工合法权益', '代替企业经营', '组织职工参与民主管理'],
    answer: ['A', 'C'],
    explanation: '工会不代替企业经营。',
    category: '工会法',
  },
  {
    type: 'true_false',
    stem: '工会会员有权对工会工作提出批评和建议。',
    answer: ['A'],
    explanation: '这是会员的基本权利。',
    category: '工会法',
  },
  {
    type: 'true_false',
    stem: '发现安全隐患时，职工应等待下班后再报告。',
    answer: ['B'],
    explanation: '发现事故隐患应当立即报告。',
    category: '安全生产',
  },
];

const memberTakesQuizAndSeesRanking: Scenario = {
  name: '知识竞赛: a member takes a published quiz against the clock, reads her result and finds herself on the ranking',
  slug: 'quiz-take-and-rank',
  async run(ctx) {
    const organiserApi = await staffApi(ctx.baseUrl, ORGANISER.username);
    const now = Date.now();
    const quiz = await organiserApi.call<StaffQuizDetail>('POST', '/api/staff/quizzes', {
      title: TITLE,
      description: '限时答题，交卷后可查看解析。',
      orgId: organiserApi.orgId,
      opensAt: new Date(now - MINUTE_MS).toISOString(),
      closesAt: new Date(now + 60 * MINUTE_MS).toISOString(),
      timeLimitMinutes: 10,
      attemptsPerMember: 2,
      rules: [
        { type: 'single', category: null, count: 1, points: 4 },
        { type: 'multiple', category: null, count: 1, points: 3 },
        { type: 'true_false', category: null, count: 1, points: 3 },
      ],
      showExplanations: true,
    });
    for (const question of BANK) await organiserApi.call('POST', `/api/staff/quizzes/${quiz.id}/questions`, question);
    await organiserApi.call('POST', `/api/staff/quizzes/${quiz.id}/publish`);

    // 李娜: 首页 → 知识竞赛 → the quiz → 开始答题, after the warning that the clock starts.
    const member = await ctx.openPhone('member 李娜');
    const { page } = member;
    await signInAsDemoWechatUser(member, LI_NA.openid);
    await byTestId(page, 'home-quizzes').click();
    await expectRoute(page, ROUTES.quizzes);
    const card = await listed(page, 'quiz-card', TITLE);
    await expectText(byTestId(card, 'quiz-card-state'), '剩余2次');
    await card.click();
    await expectRoute(page, ROUTES.quizDetail);
    await expectText(byTestId(page, 'quiz-rules'), '3题，满分10分，每次限时10分钟');
    await byTestId(page, 'quiz-start').click();
    await confirmModal(page, '开始答题');
    await expectRoute(page, ROUTES.quizAnswer);
    await expectText(byTestId(page, 'quiz-countdown'), /^(10:00|09:[0-5]\d)$/, { what: "the server's countdown" });

    // One question at a time: the stem says which bank question was drawn; she answers it right.
    for (let no = 1; no <= 3; no++) {
      const stem = await expectText(byTestId(page, 'quiz-stem'), /./, { what: `question ${no}` });
      const question = BANK.find((q) => q.stem === stem);
      assert(question, `question ${no} should come from the bank: ${stem}`);
      for (const letter of question.answer) await byTestId(page, `quiz-option-${letter}`).click();
      if (no < 3) await byTestId(page, 'quiz-next').click();
    }
    await byTestId(page, 'quiz-sheet-toggle').click();
    await expectText(byTestId(page, 'answer-sheet'), '已答 3 / 3', { what: 'the answer sheet' });
    await ctx.checkpoint(member, 'quiz-answer-sheet');

    await byTestId(page, 'quiz-submit').click();
    await confirmModal(page, '交卷');
    await expectRoute(page, ROUTES.quizResult);
    await expectText(byTestId(page, 'quiz-score-value'), '10分', { what: 'her score' });
    await expectText(byTestId(page, 'quiz-score-detail'), '答对 3 / 3 题');
    const firstReview = byTestId(page, 'quiz-review').first();
    await byTestId(firstReview, 'quiz-review-toggle').click();
    await expectText(byTestId(firstReview, 'quiz-review-explanation'), /./, { what: 'an explanation' });
    await ctx.checkpoint(member, 'quiz-result');

    await byTestId(page, 'quiz-result-ranking').click();
    await expectRoute(page, ROUTES.quizRanking);
    // First of one: her row is in the list, marked as hers, so nothing needs pinning.
    await expectText(byTestId(page, 'quiz-rank-row').first(), /^1\s*李\*（我）[\s\S]*10分/, {
      what: 'her own row, masked and marked',
    });
    assert((await byTestId(page, 'quiz-rank-me').count()) === 0, 'her row is listed, so it is not pinned again');

    // The organiser: 工作台 → 知识竞赛 → the quiz → 排名与参与情况 counts her.
    const organiser = await ctx.openPhone('organiser (西湖区总工会)');
    await signInAsStaff(organiser, ORGANISER.username);
    await byTestId(organiser.page, 'home-staff-quizzes-entry').click();
    await expectRoute(organiser.page, ROUTES.quizAdmin);
    await (await listed(organiser.page, 'quiz-admin-item', TITLE)).click();
    await expectRoute(organiser.page, ROUTES.quizAdminManage);
    await expectText(byTestId(organiser.page, 'quiz-manage-participants'), '参赛 1 人');
    await byTestId(organiser.page, 'quiz-report').click();
    await expectRoute(organiser.page, ROUTES.quizAdminReport);
    await byTestId(organiser.page, 'quiz-report-participation').click();
    const total = byTestId(organiser.page, 'quiz-participation-total');
    await expectText(byTestId(total, 'quiz-participation-total-participants'), /^1$/, { what: '参与人数' });
    await ctx.checkpoint(organiser, 'quiz-participation');
  },
};

export const QUIZ_SCENARIOS: Scenario[] = [memberTakesQuizAndSeesRanking];
