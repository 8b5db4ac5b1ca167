/** Staff side of tuition aid: review queue and decisions, reveals, payments, the bank list, statistics. */
import Router from '@koa/router';
import { contract, UNION_OFFICE_ROLES } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { decideApplication } from './decision.service';
import { listDisbursements, presentBatch, recordDisbursement } from './disbursement.service';
import { settleElapsedNotices } from './notice.service';
import { presentForStaff } from './present';
import { reviewQueue } from './queue.service';
import { revealField } from './reveal.service';
import { applicationForStaff } from './scope';
import { programmeStats } from './stats.service';
import { attachmentDisposition, buildTransferList, XLSX_CONTENT_TYPE } from './transfer-list.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.aid;

export function aidReviewRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, cipher, handleOptions } = app;
  const office = requireRole(UNION_OFFICE_ROLES);

  router.get(
    endpoints.queue.path,
    authenticate,
    office,
    validate(endpoints.queue),
    handle(
      endpoints.queue,
      async ({ actor, query }) => {
        const now = new Date();
        const page = await reviewQueue(app, actor, query, now);
        return { items: await presentForStaff(actor, page.items, cipher, now), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.review.path,
    authenticate,
    office,
    validate(endpoints.review),
    handle(
      endpoints.review,
      async ({ actor, params }) => {
        const now = new Date();
        const found = await applicationForStaff(actor, params.id!);
        if (found.status === 'in_notice') await settleElapsedNotices(app, now, { applicationId: found._id });
        const application = found.status === 'in_notice' ? await applicationForStaff(actor, params.id!) : found;
        return (await presentForStaff(actor, [application], cipher, now))[0]!;
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.decide.path,
    authenticate,
    office,
    validate(endpoints.decide),
    handle(
      endpoints.decide,
      async ({ actor, params, body }) => {
        const now = new Date();
        const application = await decideApplication(app, actor, params.id!, body, now);
        return (await presentForStaff(actor, [application], cipher, now))[0]!;
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.reveal.path,
    authenticate,
    office,
    app.rateLimit({ name: 'aid-reveal', points: 60, durationSeconds: 600 }),
    validate(endpoints.reveal),
    handle(
      endpoints.reveal,
      async ({ actor, params, body }) => revealField(cipher, actor, params.id!, body, new Date()),
      handleOptions,
    ),
  );

  router.post(
    endpoints.disburse.path,
    authenticate,
    office,
    validate(endpoints.disburse),
    handle(
      endpoints.disburse,
      async ({ actor, body }) => presentBatch(await recordDisbursement(app, actor, body, new Date())),
      handleOptions,
    ),
  );

  router.get(
    endpoints.listDisbursements.path,
    authenticate,
    office,
    validate(endpoints.listDisbursements),
    handle(
      endpoints.listDisbursements,
      async ({ actor, params }) => ({ items: (await listDisbursements(actor, params.id!)).map(presentBatch) }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.transferList.path,
    authenticate,
    office,
    app.rateLimit({ name: 'aid-transfer-list', points: 30, durationSeconds: 600 }),
    validate(endpoints.transferList),
    handle(
      endpoints.transferList,
      async ({ actor, params, ctx }) => {
        const list = await buildTransferList(cipher, actor, params.id!, new Date());
        ctx.type = XLSX_CONTENT_TYPE;
        ctx.set('Content-Disposition', attachmentDisposition(list.fileName, list.asciiName));
        ctx.set('Cache-Control', 'no-store');
        return list.bytes;
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.stats.path,
    authenticate,
    office,
    validate(endpoints.stats),
    handle(
      endpoints.stats,
      async ({ actor, params }) => programmeStats(app, actor, params.id!, new Date()),
      handleOptions,
    ),
  );

  return router;
}
