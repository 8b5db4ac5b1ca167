/**
 * Accounts seeded by the BFF's development data. The demo WeChat identities only work
 * where the BFF exposes /api/auth/dev-login (development); staff passwords are not
 * shipped in the bundle.
 */
export const DEMO_WECHAT_IDENTITIES = [
  { openid: 'demo-member-zhang', label: '张伟', note: '名册中，未绑定' },
  { openid: 'demo-member-li', label: '李娜', note: '已绑定会员' },
  { openid: 'demo-member-chen', label: '陈静', note: '会籍已暂停' },
  { openid: 'demo-applicant-wang', label: '王芳', note: '入会申请待审核' },
  { openid: 'demo-rider-zhao', label: '赵强', note: '外卖骑手，未入会' },
  { openid: 'demo-judge-wu', label: '吴评委', note: '焊工技能竞赛评委' },
  { openid: 'demo-judge-zheng', label: '郑评委', note: '焊工技能竞赛评委' },
] as const;

export const DEMO_STAFF_USERNAMES = [
  { username: 'city_admin', label: '市总管理员' },
  { username: 'district_staff', label: '区总工作人员' },
  { username: 'binjiang_staff', label: '滨江区工作人员' },
  { username: 'street_staff', label: '街道工会工作人员' },
  { username: 'station_keeper', label: '驿站管理员' },
  { username: 'merchant_demo', label: '商户店员（爱心超市）' },
  { username: 'merchant_staff', label: '店员（未绑定商户）' },
] as const;
