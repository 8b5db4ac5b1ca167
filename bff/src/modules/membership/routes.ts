import Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { organizationNames } from '../organizations/service';
import { bindMember } from './binding.service';
import type { JoinApplicationDoc } from './join-application.model';
import {
  applicationForReview,
  applyToJoin,
  approveApplication,
  myApplications,
  rejectApplication,
  reviewQueue,
  withdrawApplication,
} from './join.service';
import { memberForReading } from './member.service';
import { membershipPolicy } from './policy';
import { presentJoinApplication, presentMember } from './presenter';
import { UNION_OFFICE_ROLES } from '@union/shared';
import type { Actor } from '../auth/actor';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.membership;

export function membershipRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, cipher, handleOptions } = app;

  async function presentApplications(actor: Actor, applications: JoinApplicationDoc[]) {
    const names = await organizationNames(applications.map((a) => a.orgId));
    return applications.map((application) =>
      presentJoinApplication(
        application,
        names.get(String(application.orgId)) ?? '',
        cipher,
        membershipPolicy.seeUnmasked(actor, application, 'application'),
      ),
    );
  }
  const presentOne = async (actor: Actor, application: JoinApplicationDoc) =>
    (await presentApplications(actor, [application]))[0]!;

  router.post(
    endpoints.bind.path,
    authenticate,
    app.rateLimit({ name: 'bind', points: 10, durationSeconds: 600 }),
    validate(endpoints.bind),
    handle(
      endpoints.bind,
      async ({ actor, body }) => {
        const member = await bindMember(actor, body, cipher);
        const names = await organizationNames([member.orgId]);
        return presentMember(member, names.get(String(member.orgId)) ?? '', cipher, true);
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.getMember.path,
    authenticate,
    validate(endpoints.getMember),
    handle(
      endpoints.getMember,
      async ({ actor, params }) => {
        const member = await memberForReading(actor, params.id!);
        const names = await organizationNames([member.orgId]);
        const unmasked = membershipPolicy.seeUnmasked(actor, member, 'member');
        return presentMember(member, names.get(String(member.orgId)) ?? '', cipher, unmasked);
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.myApplications.path,
    authenticate,
    validate(endpoints.myApplications),
    handle(
      endpoints.myApplications,
      async ({ actor }) => ({ items: await presentApplications(actor, await myApplications(actor)) }),
      handleOptions,
    ),
  );

  router.post(
    endpoints.apply.path,
    authenticate,
    app.rateLimit({ name: 'join-apply', points: 10, durationSeconds: 3600 }),
    validate(endpoints.apply),
    handle(
      endpoints.apply,
      async ({ actor, body }) => presentOne(actor, await applyToJoin(actor, body, cipher)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.withdraw.path,
    authenticate,
    validate(endpoints.withdraw),
    handle(
      endpoints.withdraw,
      async ({ actor, params }) => presentOne(actor, await withdrawApplication(actor, params.id!)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.queue.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.queue),
    handle(
      endpoints.queue,
      async ({ actor, query }) => {
        const page = await reviewQueue(actor, query);
        return { items: await presentApplications(actor, page.items), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.review.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.review),
    handle(
      endpoints.review,
      async ({ actor, params }) => presentOne(actor, await applicationForReview(actor, params.id!)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.approve.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.approve),
    handle(
      endpoints.approve,
      async ({ actor, params }) => presentOne(actor, await approveApplication(actor, params.id!)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.reject.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.reject),
    handle(
      endpoints.reject,
      async ({ actor, params, body }) => presentOne(actor, await rejectApplication(actor, params.id!, body.reason)),
      handleOptions,
    ),
  );

  return router;
}
