/**
 * Where a lower module learns what the modules above it need, without importing them (the
 * dependency check forbids the cycle): what payments sell, what a merchant write means for
 * the offer catalogue, how the offer page counts a member's claims, which metrics the figures count. Called once at startup,
 * before seeding, background jobs or the first request; calling it again changes nothing.
 */
import { activityEntryProduct } from './modules/activities/entry-product';
import { aidApplications } from './modules/aid/figures';
import { aidReviewFigureMetrics } from './modules/aid-review/figures';
import { registerEntryMetric } from './modules/activities/figure-marks';
import { ACTIVITY_METRICS } from './modules/activities/figures';
import { contestAwards, contestEntrantsMetric } from './modules/contests/figures';
import { registerFigureMetric } from './modules/figures/metrics';
import { registerFigureKeyLabels, registerFigureSnapshot } from './modules/figures/providers';
import { recordedEmployees } from './modules/organizations/figures';
import { activeMerchantsByCategory } from './modules/merchants/figures';
import { liveOffersByCategory } from './modules/offers/figures';
import { stationNames, stationsByStatus } from './modules/stations/figures';
import { membershipMetrics } from './modules/membership/figures';
import { stationFeedbackMetrics } from './modules/station-visits/feedback-figures';
import { stationVisits, stationVisitsByHour } from './modules/station-visits/figures';
import { registerCatalogueHooks } from './modules/merchants/catalogue';
import { offerCatalogueHooks } from './modules/offers/catalogue-hooks';
import { registerClaimCounter } from './modules/offers/claim-counts';
import { registerProduct } from './modules/payments/products';
import { quizParticipants } from './modules/quizzes/figures';
import { claimedInPeriod } from './modules/vouchers/claim-core';
import { benefitFigureMetrics } from './modules/vouchers/figures';
import { voucherProduct } from './modules/vouchers/product';

export function connectModules(): void {
  registerProduct(voucherProduct);
  registerProduct(activityEntryProduct);
  registerCatalogueHooks(offerCatalogueHooks);
  registerClaimCounter(claimedInPeriod);
  registerFigureSnapshot('stations.byStatus', stationsByStatus);
  registerFigureSnapshot('merchants.byCategory', activeMerchantsByCategory);
  registerFigureSnapshot('offers.live', (orgId) => liveOffersByCategory(orgId));
  registerFigureSnapshot('organizations.employees', recordedEmployees);
  registerFigureKeyLabels('stations.visits', stationNames);
  for (const metric of [
    ...membershipMetrics,
    stationVisits,
    stationVisitsByHour,
    ...stationFeedbackMetrics,
    aidApplications,
    ...aidReviewFigureMetrics,
    ...benefitFigureMetrics,
    ...ACTIVITY_METRICS,
    contestEntrantsMetric,
    contestAwards,
    quizParticipants,
  ]) {
    registerFigureMetric(metric);
  }
  // Contest entrants are entries: every entry change of a skill contest marks them.
  registerEntryMetric({ name: contestEntrantsMetric.name, kind: 'skill_contest' });
}
