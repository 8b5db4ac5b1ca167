/** Membership: binding to the roster, reading a member, joining, and the union office's join review. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import type { Actor } from '../auth/actor';
import { bindMember } from './binding.service';
import type { JoinApplicationDoc } from './join-application.model';
import { applicationForReview, approveApplication, rejectApplication, reviewQueue } from './join-review.service';
import { applyToJoin, myApplications, withdrawApplication } from './join.service';
import { memberForReading } from './member.service';
import { membershipPolicy } from './policy';
import {
  presentJoinApplicationPage,
  presentJoinApplications,
  presentJoinApplicationTo,
  presentMember,
} from './presenter';

const endpoints = contract.membership;

export function membershipRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { cipher } = app;
  const shown = (actor: Actor, application: JoinApplicationDoc) => presentJoinApplicationTo(actor, application, cipher);

  // Binding and reading members. The binder is the member just bound, though their session does not say so yet.
  mount(endpoints.bind, async ({ actor, body }) => presentMember(await bindMember(actor, body, cipher), cipher, true));
  mount(endpoints.getMember, async ({ actor, params }) => {
    const member = await memberForReading(actor, params.id);
    return presentMember(member, cipher, membershipPolicy.can(actor, 'seeMemberUnmasked', member));
  });

  // Joining
  mount(endpoints.myApplications, async ({ actor }) => ({
    items: await presentJoinApplications(actor, await myApplications(actor), cipher),
  }));
  mount(endpoints.apply, async ({ actor, body }) => shown(actor, await applyToJoin(actor, body, cipher)));
  mount(endpoints.withdraw, async ({ actor, params }) => shown(actor, await withdrawApplication(actor, params.id)));

  // Join review
  mount(endpoints.queue, async ({ actor, query }) =>
    presentJoinApplicationPage(actor, await reviewQueue(actor, query), cipher),
  );
  mount(endpoints.review, async ({ actor, params }) => shown(actor, await applicationForReview(actor, params.id)));
  mount(endpoints.approve, async ({ actor, params }) => shown(actor, await approveApplication(actor, params.id)));
  mount(endpoints.reject, async ({ actor, params, body }) =>
    shown(actor, await rejectApplication(actor, params.id, body.reason)),
  );
  return router;
}
