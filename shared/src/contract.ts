/** Every endpoint of the API, grouped by feature. The OpenAPI document is generated from this. */
import { activityEndpoints } from './contract/activities';
import { activityCheckInEndpoints } from './contract/activity-check-in';
import { activityLotteryEndpoints } from './contract/activity-lottery';
import { activityPaymentEndpoints } from './contract/activity-payments';
import { activityRosterEndpoints } from './contract/activity-roster';
import { activityStatsEndpoints } from './contract/activity-stats';
import { figureEndpoints } from './contract/figures';
import { activityTeamEndpoints } from './contract/activity-teams';
import { aidEndpoints } from './contract/aid';
import { aidReviewEndpoints } from './contract/aid-review';
import { authEndpoints } from './contract/auth';
import { cardEndpoints } from './contract/card';
import { merchantEndpoints } from './contract/merchants';
import { offerEndpoints } from './contract/offers';
import { voucherEndpoints } from './contract/vouchers';
import { paymentEndpoints } from './contract/payments';
import { membershipEndpoints } from './contract/membership';
import { notificationEndpoints } from './contract/notifications';
import { organizationEndpoints } from './contract/organizations';
import { stationAdminEndpoints } from './contract/station-admin';
import { stationVisitEndpoints } from './contract/station-visits';
import { stationEndpoints } from './contract/stations';
import { quizAdminEndpoints } from './contract/quizzes';
import { quizEndpoints } from './contract/quiz-attempts';
import { contestEndpoints } from './contract/contests';
import { contestJudgingEndpoints } from './contract/contest-judging';
import { contestResultEndpoints } from './contract/contest-results';
import { workbenchEndpoints } from './contract/workbench';

export const contract = {
  auth: authEndpoints,
  organizations: organizationEndpoints,
  membership: membershipEndpoints,
  card: cardEndpoints,
  stations: stationEndpoints,
  stationAdmin: stationAdminEndpoints,
  stationVisits: stationVisitEndpoints,
  aid: aidEndpoints,
  aidReview: aidReviewEndpoints,
  notifications: notificationEndpoints,
  merchants: merchantEndpoints,
  offers: offerEndpoints,
  vouchers: voucherEndpoints,
  payments: paymentEndpoints,
  activities: activityEndpoints,
  activityLottery: activityLotteryEndpoints,
  activityCheckIn: activityCheckInEndpoints,
  activityTeams: activityTeamEndpoints,
  activityRoster: activityRosterEndpoints,
  activityPayments: activityPaymentEndpoints,
  activityStats: activityStatsEndpoints,
  quizzes: quizEndpoints,
  quizAdmin: quizAdminEndpoints,
  contests: contestEndpoints,
  contestJudging: contestJudgingEndpoints,
  contestResults: contestResultEndpoints,
  figures: figureEndpoints,
  workbench: workbenchEndpoints,
};
