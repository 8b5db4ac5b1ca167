/**
 * Where a lower module learns what the modules above it need, without importing them (the
 * dependency check forbids the cycle): what payments sell, what a merchant write means for
 * the offer catalogue, how the offer page counts a member's claims, which metrics the figures count. Called once at startup,
 * before seeding, background jobs or the first request; calling it again changes nothing.
 */
import { activityEntryProduct } from './modules/activities/entry-product';
import { registerEntryMetric } from './modules/activities/figure-marks';
import { ACTIVITY_METRICS } from './modules/activities/figures';
import { contestAwards, contestEntrantsMetric } from './modules/contests/figures';
import { registerFigureMetric } from './modules/figures/metrics';
import { membersJoined } from './modules/membership/figures';
import { stationVisits } from './modules/station-visits/figures';
import { registerCatalogueHooks } from './modules/merchants/catalogue';
import { offerCatalogueHooks } from './modules/offers/catalogue-hooks';
import { registerClaimCounter } from './modules/offers/claim-counts';
import { registerProduct } from './modules/payments/products';
import { quizParticipants } from './modules/quizzes/figures';
import { claimedInPeriod } from './modules/vouchers/claim-core';
import { voucherProduct } from './modules/vouchers/product';

export function connectModules(): void {
  registerProduct(voucherProduct);
  registerProduct(activityEntryProduct);
  registerCatalogueHooks(offerCatalogueHooks);
  registerClaimCounter(claimedInPeriod);
  registerFigureMetric(membersJoined);
  registerFigureMetric(stationVisits);
  for (const metric of ACTIVITY_METRICS) registerFigureMetric(metric);
  registerFigureMetric(contestEntrantsMetric);
  // Contest entrants are entries: every entry change of a skill contest marks them.
  registerEntryMetric({ name: contestEntrantsMetric.name, kind: 'skill_contest' });
  registerFigureMetric(contestAwards);
  registerFigureMetric(quizParticipants);
}
