import { stationCheckInLink } from '@union/shared';
import { DEMO_MERCHANT, DEMO_MERCHANT_CLERK } from './benefits-data';
import { DEMO_ACTIVITY_TITLES as activity } from './demo-activity-catalogue';
import { DEMO_CONTEST_TITLE, DEMO_JUDGES } from './demo-contests';
import { DEMO_PEOPLE, DEMO_STAFF } from './demo-people';
import { DEMO_QUIZ_TITLE } from './demo-quizzes';

/** What `pnpm start` prints once the demo is up: where to open it and whom to sign in as. */
export function demoBanner(
  url: string,
  options: {
    h5: boolean;
    embeddedDatabase: boolean;
    demoStation?: { name: string; checkInCode: string };
    /** True when WeChat Pay is the local emulator: paid vouchers are bought with a simulated payment. */
    simulatedPayments?: boolean;
  },
): string {
  const people = Object.values(DEMO_PEOPLE)
    .map((person) => `    ${person.openid.padEnd(22)} ${person.name}  ${person.mobile}  ${person.idNumber}`)
    .join('\n');
  const staff = DEMO_STAFF.map(
    (account) =>
      `    ${account.username.padEnd(16)} ${account.password}  ${account.role.padEnd(15)} ${account.orgName}`,
  ).join('\n');
  return [
    '',
    '  工会会员服务 · demo is running',
    `  H5 app (open in a browser) ${options.h5 ? `${url}/` : '(not built: run pnpm start)'}`,
    `  API                        ${url}/api`,
    `  API docs (OpenAPI)         ${url}/api/docs   ${url}/api/openapi.json`,
    `  Database                   ${options.embeddedDatabase ? 'embedded, in memory: data is lost on exit' : 'MONGODB_URI'}`,
    '',
    '  体验登录 (H5 "体验登录", WeChat openid · name · mobile · ID number):',
    people,
    '',
    '  工作人员登录 (username · password · role · organisation):',
    staff,
    `    ${DEMO_MERCHANT_CLERK.username.padEnd(16)} ${DEMO_MERCHANT_CLERK.password}  ${'merchant clerk'.padEnd(15)} ${DEMO_MERCHANT.name}（扫码/输入券码核销）`,
    '',
    '  活动 (H5 首页 → 活动; status in 我的 → 我的活动):',
    `    as demo-member-li 李娜: 「${activity.openLottery}」 lottery open, its page shows the commitment;`,
    `      「${activity.fullWithWaitlist}」 full, signing up joins the waitlist (候补);`,
    `      「${activity.paid}」 paid, partly by the union; 「${activity.course}」 4 sessions;`,
    `      「${activity.tugOfWar}」 team entry by invitation code; 「${activity.closingSoon}」 closes in 3 hours`,
    `    as district_staff, 工作台 → 活动管理: 「${activity.readyToDraw}」 sign-up closed, 李娜 among the`,
    '      entrants: 报名名单 → 开奖, then 李娜 opens the activity and taps 验证;',
    `      「${activity.checkInToday}」 session today: 活动签到 → scan 李娜's card or 手工签到`,
    `    as binjiang_staff: 「${activity.review}」 has sign-ups to review (审核制)`,
    '',
    `  技能竞赛「${DEMO_CONTEST_TITLE}」: 理论 closed, 实操 open for scoring; 李娜 is an entrant.`,
    `    评委 (WeChat openid, 体验登录): ${DEMO_JUDGES.map((judge) => `${judge.openid} ${judge.name}`).join('  ')}`,
    '    as district_staff (its organiser): follow 实操 progress, close it, preview and publish; 李娜 then gets her result and certificate',
    '',
    `  知识竞赛「${DEMO_QUIZ_TITLE}」 by 杭州市总工会, open now: 20 questions in 15 minutes, 2 attempts;`,
    '    36 members took it already, so the ranking (排名) is not empty. 李娜 takes it and sees her score,',
    '    the key with explanations and her rank; as city_admin, 知识竞赛管理: the ~300-question bank, 排名, 参与情况',
    '',
    ...(options.simulatedPayments
      ? [
          '  普惠 paid vouchers: WeChat Pay is the local emulator here. The order page shows',
          '    "演示环境 · 模拟支付" — no real money moves; production refuses the emulator.',
          '',
        ]
      : []),
    ...(options.demoStation
      ? [
          `  驿站打卡 at ${options.demoStation.name}: open the link on its poster,`,
          '    or paste its code in H5 驿站详情 → 进站打卡:',
          `    ${stationCheckInLink(url, options.demoStation.checkInCode)}`,
          `    ${options.demoStation.checkInCode}`,
          '',
        ]
      : []),
  ].join('\n');
}
