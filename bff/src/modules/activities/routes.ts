/** Activities: members finding and signing up (我的活动), organisers running them within their subtree. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import {
  cancelActivity,
  createActivity,
  listStaffActivities,
  managedActivity,
  pauseActivity,
  publishActivity,
  staffActivityDetail,
  updateActivity,
} from './organise.service';
import { listEntries, reviewEntry } from './entries.service';
import { thenCommitLottery } from './lottery.service';
import { bindEntryNotifications, thenNotifyEntry } from './notify';
import { listOpenActivities } from './activity-list.service';
import { activityForMember, cancelEntry, confirmEntry, myEntries, signUp } from './sign-up.service';

const endpoints = contract.activities;

export function activityRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  // Changes made out of the routes' reach (places handed on, payments, the job) tell members too.
  bindEntryNotifications(app);

  mount(endpoints.activities, ({ actor, query }) => listOpenActivities(actor, query, new Date()));
  mount(endpoints.myEntries, ({ actor, query }) => myEntries(actor, query, new Date()));
  mount(endpoints.activity, ({ actor, params }) => activityForMember(app, actor, params.id, new Date()));
  mount(endpoints.signUp, ({ actor, params, body }) => signUp(app, actor, params.id, body, new Date()));
  mount(endpoints.cancelEntry, ({ actor, params }) => thenNotifyEntry(app, cancelEntry(actor, params.id, new Date())));
  mount(endpoints.confirmEntry, ({ actor, params }) => confirmEntry(actor, params.id, new Date()));

  mount(endpoints.staffActivities, ({ actor, query }) => listStaffActivities(actor, query, new Date()));
  mount(endpoints.createActivity, ({ actor, body }) => createActivity(actor, body, new Date()));
  mount(endpoints.staffActivity, async ({ actor, params }) =>
    staffActivityDetail(await managedActivity(actor, params.id), new Date()),
  );
  // Both may leave a published activity with a lottery group: commit its seed once (lottery.service).
  mount(endpoints.updateActivity, ({ actor, params, body }) =>
    thenCommitLottery(app, params.id, updateActivity(app, actor, params.id, body, new Date())),
  );
  mount(endpoints.publishActivity, ({ actor, params }) =>
    thenCommitLottery(app, params.id, publishActivity(actor, params.id, new Date())),
  );
  mount(endpoints.pauseActivity, ({ actor, params }) => pauseActivity(actor, params.id, new Date()));
  mount(endpoints.cancelActivity, ({ actor, params, body }) =>
    cancelActivity(app, actor, params.id, body.reason, new Date()),
  );
  mount(endpoints.activityEntries, ({ actor, params, query }) => listEntries(actor, params.id, query, new Date()));
  mount(endpoints.reviewEntry, ({ actor, params, body }) =>
    thenNotifyEntry(app, reviewEntry(actor, params.id, params.entryId, body, new Date())),
  );
  return router;
}
