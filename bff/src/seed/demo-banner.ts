import { stationCheckInLink } from '@union/shared';
import { DEMO_MERCHANT, DEMO_MERCHANT_CLERK } from './benefits-data';
import { DEMO_PEOPLE, DEMO_STAFF } from './demo-people';

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
