/**
 * The people and staff logins the demo walks through. The README, the tests and
 * the seed all read these, so a value is changed in one place only.
 */
import type { MemberStatus, Occupation, Role } from '@union/shared';
import { utcDate } from './deterministic-ids';

export interface DemoPerson {
  name: string;
  idNumber: string;
  mobile: string;
  /** WeChat openid to sign in with (H5 development login). */
  openid: string;
  /** The union they belong to, apply to, or (赵强) would apply to. */
  orgName: string;
  occupation: Occupation;
  employer: string;
  /** Present for people in the roster. */
  member?: { status: MemberStatus; joinedAt: Date; bound: boolean };
  /** Present for people with a pending join application. */
  pendingApplication?: { submittedAt: Date };
}

export const DEMO_PEOPLE = {
  /** In the roster and not bound: signs in and binds with these details (实名绑定). */
  zhangWei: {
    name: '张伟',
    idNumber: '330106198803151336',
    mobile: '13800000001',
    openid: 'demo-member-zhang',
    orgName: '杭州云栖数智科技有限公司工会',
    occupation: 'employee',
    employer: '杭州云栖数智科技有限公司',
    member: { status: 'active', joinedAt: utcDate(2018, 5, 20, 1), bound: false },
  },
  /** An active member already bound to her WeChat account: shows the member card. */
  liNa: {
    name: '李娜',
    idNumber: '330106199206081020',
    mobile: '13800000002',
    openid: 'demo-member-li',
    orgName: '杭州云栖数智科技有限公司工会',
    occupation: 'employee',
    employer: '杭州云栖数智科技有限公司',
    member: { status: 'active', joinedAt: utcDate(2016, 9, 1, 1), bound: true },
  },
  /** Bound, but her membership is suspended: services must say so. */
  chenJing: {
    name: '陈静',
    idNumber: '330106199007222046',
    mobile: '13800000003',
    openid: 'demo-member-chen',
    orgName: '德加社区联合工会',
    occupation: 'employee',
    employer: '德加社区便民超市',
    member: { status: 'suspended', joinedAt: utcDate(2019, 3, 12, 1), bound: true },
  },
  /** Not a member; her join application waits for review at a 西溪街道 union. */
  wangFang: {
    name: '王芳',
    idNumber: '330105199504113063',
    mobile: '13800000004',
    openid: 'demo-applicant-wang',
    orgName: '嘉绿苑社区联合工会',
    occupation: 'employee',
    employer: '嘉绿苑社区便民超市',
    pendingApplication: { submittedAt: utcDate(2026, 11, 16, 1, 30) },
  },
  /** A delivery rider who is not a member yet and has not applied: demonstrates joining. */
  zhaoQiang: {
    name: '赵强',
    idNumber: '330122199309274511',
    mobile: '13800000005',
    openid: 'demo-rider-zhao',
    orgName: '杭州市新就业形态劳动者工会联合会',
    occupation: 'rider',
    employer: '美团外卖（杭州西湖站点）',
  },
} as const satisfies Record<string, DemoPerson>;

/** Further pending applications, so that the review queues of 西湖区 and 滨江区 are not empty. */
export const DEMO_OTHER_APPLICANTS = [
  {
    name: '刘洋',
    idNumber: '330106198911043156',
    mobile: '13800000006',
    openid: 'demo-applicant-2',
    orgName: '杭州文新网络技术有限公司工会',
    occupation: 'employee',
    employer: '杭州文新网络技术有限公司',
    pendingApplication: { submittedAt: utcDate(2026, 11, 12, 2, 15) },
  },
  {
    name: '黄丽',
    idNumber: '330108199701302428',
    mobile: '13800000007',
    openid: 'demo-applicant-3',
    orgName: '杭州滨江智联科技有限公司工会',
    occupation: 'employee',
    employer: '杭州滨江智联科技有限公司',
    pendingApplication: { submittedAt: utcDate(2026, 11, 14, 6, 40) },
  },
  {
    name: '吴敏',
    idNumber: '330113200006181288',
    mobile: '13800000008',
    openid: 'demo-applicant-4',
    orgName: '长河社区联合工会',
    occupation: 'domestic_worker',
    employer: '长河家政服务部',
    pendingApplication: { submittedAt: utcDate(2026, 11, 18, 3, 5) },
  },
  {
    name: '周杰',
    idNumber: '330102198502123379',
    mobile: '13800000009',
    openid: 'demo-applicant-5',
    orgName: '西湖区快递行业工会联合会',
    occupation: 'courier',
    employer: '顺丰速运（西湖文三路网点）',
    pendingApplication: { submittedAt: utcDate(2026, 11, 19, 8, 20) },
  },
] as const satisfies readonly DemoPerson[];

export const DEMO_STAFF_PASSWORD = 'Demo@2026';

export interface DemoStaff {
  username: string;
  password: string;
  role: Role;
  orgName: string;
  displayName: string;
}

const staff = (username: string, role: Role, orgName: string, displayName: string): DemoStaff => ({
  username,
  password: DEMO_STAFF_PASSWORD,
  role,
  orgName,
  displayName,
});

export const DEMO_STAFF: readonly DemoStaff[] = [
  staff('city_admin', 'union_admin', '杭州市总工会', '市总管理员'),
  staff('district_staff', 'union_staff', '西湖区总工会', '西湖区总工会干事'),
  staff('street_staff', 'union_staff', '西溪街道总工会', '西溪街道工会干事'),
  staff('binjiang_staff', 'union_staff', '滨江区总工会', '滨江区总工会干事'),
  staff('station_keeper', 'station_keeper', '西溪街道总工会', '西溪街道驿站站长'),
  staff('merchant_staff', 'merchant_staff', '杭州市总工会', '合作商户店员'),
];
