import { DEMO_PEOPLE, DEMO_STAFF } from './demo-people';

/** What `pnpm start` prints once the demo is up: where to open it and whom to sign in as. */
export function demoBanner(
  url: string,
  options: { h5: boolean; embeddedDatabase: boolean; demoStation?: { name: string; checkInCode: string } },
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
    '',
    ...(options.demoStation
      ? [
          `  驿站打卡 (H5: 驿站详情 → 进站打卡, paste the code of ${options.demoStation.name}):`,
          `    ${options.demoStation.checkInCode}`,
          '',
        ]
      : []),
  ].join('\n');
}
