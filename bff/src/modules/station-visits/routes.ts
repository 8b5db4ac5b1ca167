/** Using a station (check-in, feedback) and the keeper's side of it (walk-ins, replies, poster, counts). */
import type Router from '@koa/router';
import { contract, STATION_LINK_PATH } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { publicBaseUrl } from '../../http/public-base-url';
import { giveFeedback, openFeedbackQueue, replyToFeedback, stationFeedbacks } from './feedback.service';
import { followPosterLink } from './poster-link';
import { presentFeedback, presentFeedbacks } from './presenter';
import { sendStationPoster } from './qr-poster';
import { stationStats } from './stats.service';
import { checkIn, recordWalkIns } from './visits.service';

const endpoints = contract.stationVisits;

export function stationVisitRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const codeSecret = app.config.STATION_CODE_SECRET;

  mount(endpoints.checkIn, ({ actor, body }) => checkIn(actor, body.stationCode, codeSecret));
  mount(endpoints.giveFeedback, async ({ actor, params, body }) =>
    presentFeedback(await giveFeedback(actor, params.id, body)),
  );
  mount(endpoints.recordWalkIns, ({ actor, params, body }) => recordWalkIns(actor, params.id, body));
  mount(endpoints.feedbackList, async ({ actor, params }) => ({
    items: await presentFeedbacks(await stationFeedbacks(actor, params.id)),
  }));
  mount(endpoints.openFeedback, async ({ actor, query }) => {
    const page = await openFeedbackQueue(actor, query);
    const items = await presentFeedbacks(page.items);
    return {
      items: items.map((item) => ({ ...item, stationName: page.stationNames.get(item.stationId) ?? '' })),
      nextCursor: page.nextCursor,
    };
  });
  mount(endpoints.replyFeedback, async ({ actor, params, body }) =>
    presentFeedback(await replyToFeedback(actor, params.id, body)),
  );
  mount(endpoints.stats, ({ actor, query }) => stationStats(actor, query));
  mount(endpoints.qrPoster, ({ actor, params, ctx }) =>
    sendStationPoster(ctx, { actor, stationId: params.id, codeSecret, baseUrl: publicBaseUrl(app.config, ctx) }),
  );

  // The poster's link, followed outside WeChat: not an API call, so no contract entry.
  router.get(`${STATION_LINK_PATH}:segment`, followPosterLink(app.config.WECHAT_LINK_VERIFY_FILE));
  return router;
}
