/** Staff side of tuition aid: review queue and decisions, reveals, payments, the bank list, statistics. */
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload } from '../../http/download';
import { mounter } from '../../http/mount';
import type { AidApplicationDoc } from '../aid/aid-application.model';
import type { Actor } from '../auth/actor';
import { decideApplication } from './decision.service';
import { listDisbursements, presentBatch, recordDisbursement } from './disbursement.service';
import { currentApplicationForStaff } from './notice.service';
import { presentForStaff } from './present';
import { reviewQueue } from './queue.service';
import { revealField } from './reveal.service';
import { programmeStats } from './stats.service';
import { buildTransferList } from './transfer-list.service';

const endpoints = contract.aidReview;

export function aidReviewRoutes(app: AppContext) {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { cipher } = app;
  const presentOne = async (actor: Actor, application: AidApplicationDoc, now: Date) =>
    (await presentForStaff(actor, [application], cipher, now))[0]!;

  mount(endpoints.queue, async ({ actor, query }) => {
    const now = new Date();
    const page = await reviewQueue(app, actor, query, now);
    return { items: await presentForStaff(actor, page.items, cipher, now), nextCursor: page.nextCursor };
  });
  mount(endpoints.review, async ({ actor, params }) => {
    const now = new Date();
    return presentOne(actor, await currentApplicationForStaff(app, actor, params.id, now), now);
  });
  mount(endpoints.decide, async ({ actor, params, body }) => {
    const now = new Date();
    return presentOne(actor, await decideApplication(app, actor, params.id, body, now), now);
  });
  mount(endpoints.reveal, ({ actor, params, body }) => revealField(cipher, actor, params.id, body, new Date()));
  mount(endpoints.disburse, async ({ actor, body }) =>
    presentBatch(await recordDisbursement(app, actor, body, new Date())),
  );
  mount(endpoints.listDisbursements, async ({ actor, params }) => ({
    items: (await listDisbursements(actor, params.id)).map(presentBatch),
  }));
  mount(endpoints.transferList, async ({ actor, params, ctx }) =>
    sendDownload(ctx, await buildTransferList(cipher, actor, params.id, new Date())),
  );
  mount(endpoints.stats, ({ actor, params }) => programmeStats(app, actor, params.id, new Date()));
  return router;
}
