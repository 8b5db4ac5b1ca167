/**
 * A tuition-aid review decision cut off from the database at every step (see every-step.ts).
 * The decision changes the application and, in other writes, records its timeline entries,
 * tells the applicant and marks the figures. Whatever step the cut hits, once the reviewer's
 * retry and the repair (each pass of the aid notice sweep) have run, the application moved
 * exactly one step, its timeline holds each entry once, the applicant was told at most once and
 * the approvals figure counts it once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { chinaDateOf, DAY_MS } from '@union/shared';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { startTestApi, type TestApi } from './harness';
import { AidApplicationModel } from '../src/modules/aid/aid-application.model';
import { AidTimelineModel } from '../src/modules/aid/aid-timeline.model';
import { completePendingChanges, CHANGE_REPAIR_AFTER_MS } from '../src/modules/aid-review/change-record';
import { createAidWorld, reviewApi, type AidWorld } from '../src/modules/aid-review/test-support';
import { settleAllFigures } from '../src/modules/figures/counters';
import { figureTotal } from '../src/modules/figures/read';
import { NotificationModel } from '../src/modules/notifications/notification.model';

let cut: DatabaseCut;
let api: TestApi;
let world: AidWorld;

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  api = await startTestApi({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
  world = await createAidWorld(api);
}, 60_000);
afterAll(async () => {
  cut.restore();
  await api?.stop();
  await cut?.stop();
});

const countOf = (applicationId: string, action: string) => AidTimelineModel.countDocuments({ applicationId, action });
const told = (accountId: unknown) => NotificationModel.countDocuments({ accountId, kind: 'aid_status' });

describe('a tuition-aid decision cut off from the database at every step', () => {
  it('the last step’s approval: approved once, each timeline entry once, told at most once, counted once', async () => {
    const programmeId = await world.createProgramme({ reviewChain: ['grassroots'], noticeDays: 0 });
    const decide = (id: string, version: number) =>
      reviewApi(api).decide(world.staff.tech, id, { action: 'approve', version, note: '材料齐全' });
    let trial = 0;
    const range = { from: chinaDateOf(Date.now() - DAY_MS), to: chinaDateOf(Date.now() + DAY_MS) };
    await atEveryStep(cut, api, {
      async prepare() {
        trial += 1;
        const applicant = await world.createApplicant(
          world.orgs.xihuTech,
          `申请人${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'[trial % 22]}`,
        );
        const id = await world.apply(applicant, programmeId);
        const { version, accountId } = (await AidApplicationModel.findById(id).lean())!;
        return { id, version, accountId, toldBefore: await told(accountId) };
      },
      act: ({ id, version }) => decide(id, version),
      async repair({ id, version }) {
        // The reviewer taps again on the same screen (same version): done already, or done now.
        const retried = await decide(id, version);
        expect([200, 409], JSON.stringify(retried.body)).toContain(retried.status);
        // What the aid notice sweep's next pass runs, once the request could no longer be running.
        await completePendingChanges(api.running.runtime, new Date(Date.now() + CHANGE_REPAIR_AFTER_MS));
      },
      async check({ id, accountId, toldBefore }) {
        const stored = (await AidApplicationModel.findById(id).lean())!;
        expect(stored.status).toBe('approved');
        expect(stored.pendingChange).toBeUndefined();
        expect(await countOf(id, 'approved_step')).toBe(1);
        expect(await countOf(id, 'approved')).toBe(1);
        expect((await told(accountId)) - toldBefore).toBeLessThanOrEqual(1);
        await settleAllFigures();
        const approved = await AidApplicationModel.countDocuments({ programmeId, status: 'approved' });
        expect(await figureTotal('aid.approvals', world.orgs.xihuTech._id, range)).toBe(approved);
        expect(approved).toBe(trial);
      },
      // The applicant's in-app message is best effort: a cut there still answers the decision.
      bestEffort: /notifications/,
    });
  }, 300_000);
});
