/**
 * How each staff workbench entry looks and where it leads. Who sees it is not decided here:
 * the shared table (STAFF_ENTRIES) holds the roles the BFF checks on the entry's first request.
 */
import { staffEntriesOf, type Me, type StaffEntryKey } from '@union/shared';
import { ROUTES } from '../routes';

export interface StaffEntryView {
  key: StaffEntryKey;
  label: string;
  hint: string;
  route: string;
  /** Kept stable: the browser tests tap these. */
  testId: string;
}

const VIEWS: Record<StaffEntryKey, Omit<StaffEntryView, 'key'>> = {
  merchantRedeem: {
    label: '核销优惠券',
    hint: '扫码或输入券码核销',
    route: ROUTES.merchantRedeem,
    testId: 'staff-merchant-redeem-entry',
  },
  merchantToday: {
    label: '今日核销',
    hint: '本店今天核销的券',
    route: ROUTES.merchantToday,
    testId: 'staff-merchant-today-entry',
  },
  verifyCard: {
    label: '扫码核验会员卡',
    hint: '扫码或输入核验码',
    route: ROUTES.verify,
    testId: 'staff-verify-entry',
  },
  joinReview: {
    label: '入会审核',
    hint: '处理管辖范围内的申请',
    route: ROUTES.joinReviewQueue,
    testId: 'staff-join-review-entry',
  },
  aidReview: {
    label: '助学审核',
    hint: '金秋助学申请审核',
    route: ROUTES.staffAidQueue,
    testId: 'staff-aid-entry',
  },
  aidProgrammes: {
    label: '助学项目与发放',
    hint: '设立项目、发放登记、统计',
    route: ROUTES.staffAidProgrammes,
    testId: 'staff-aid-programmes-entry',
  },
  stations: {
    label: '驿站管理',
    hint: '站点、打卡海报、服务人次',
    route: ROUTES.staffStations,
    testId: 'staff-stations-entry',
  },
  benefitMerchants: {
    label: '普惠商家',
    hint: '签约商家、店员邀请码',
    route: ROUTES.adminMerchants,
    testId: 'staff-benefit-merchants-entry',
  },
  benefitOffers: {
    label: '优惠管理',
    hint: '发布和下架优惠',
    route: ROUTES.adminOffers,
    testId: 'staff-benefit-offers-entry',
  },
  benefitSettlement: {
    label: '普惠月度结算',
    hint: '按月查看和导出结算表',
    route: ROUTES.adminSettlement,
    testId: 'staff-benefit-settlement-entry',
  },
  activities: {
    label: '活动管理',
    hint: '发布活动、报名审核、签到',
    route: ROUTES.activityAdmin,
    testId: 'staff-activities-entry',
  },
  quizzes: {
    label: '知识竞赛',
    hint: '题库导入、组卷发布、排名与参与率',
    route: ROUTES.quizAdmin,
    testId: 'staff-quizzes-entry',
  },
  skillContests: {
    label: '技能竞赛评审',
    hint: '评分设置、评委、进度与成绩发布',
    route: ROUTES.contestAdminList,
    testId: 'staff-skill-contests-entry',
  },
  figures: {
    label: '统计与年报',
    hint: '会员、驿站、助学、普惠、活动数据与年度报表',
    route: ROUTES.figures,
    testId: 'staff-figures-entry',
  },
};

/** The entries this account may use, a clerk's counter first. */
export function staffEntryViews(me: Me): StaffEntryView[] {
  return staffEntriesOf(me).map((key) => ({ key, ...VIEWS[key] }));
}
