/**
 * What of the workbench a cadre sees: a to-do or notice is shown only to those who may use the
 * staff entry it opens (STAFF_ENTRIES' role lists, the same the entry's first request is guarded
 * with), so nobody is shown work they would be refused.
 */
import {
  mayUseStaffEntry,
  WORKBENCH_NOTICES,
  WORKBENCH_TODOS,
  type WorkbenchNoticeKey,
  type WorkbenchTodoKey,
} from '@union/shared';
import type { Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { ForbiddenError } from '../../http/errors';

const holder = (actor: Actor) => ({ roles: actor.grants, merchant: actor.merchantId });

export const workbenchPolicy = definePolicy(
  {
    seeTodo: (actor: Actor, key: WorkbenchTodoKey) => mayUseStaffEntry(holder(actor), WORKBENCH_TODOS[key].entry),
    seeNotice: (actor: Actor, key: WorkbenchNoticeKey) => mayUseStaffEntry(holder(actor), WORKBENCH_NOTICES[key].entry),
  },
  () => ForbiddenError('无权查看'),
);
