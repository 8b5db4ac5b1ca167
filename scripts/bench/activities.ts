/**
 * Activity sign-ups under contention and waitlist promotions: the real BFF started in this
 * process on the embedded database, driven over HTTP. 1,000 members race for 100 first-come
 * places with 50 requests in flight (oversell must be 0); then the 100 confirmed entries are
 * cancelled in parallel while 900 wait, and every freed place must be offered exactly once.
 * Numbers, never pass/fail.
 */
import { randomUUID } from 'node:crypto';
import { EntryModel } from '../../bff/src/modules/activities/entry.model';
import { GroupPlacesModel } from '../../bff/src/modules/activities/group-places.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
} from '../../bff/src/modules/activities/test-support';
import { createOrgTree } from '../../bff/test/fixtures';
import { startInProcessBff } from './in-process-bff';
import { percentile, pool } from './measure';

const MEMBERS = 1000;
const PLACES = 100;
const IN_FLIGHT = 50;

export async function activitiesBench() {
  const api = await startInProcessBff();
  try {
    const orgs = await createOrgTree();
    const staff = await organiser(api, orgs.xihu, 'bench-activities');
    let started = performance.now();
    const members = await memberSessions(api, orgs.xihuTech, MEMBERS);
    const setupSeconds = (performance.now() - started) / 1000;
    const activityId = await publishedActivity(
      api,
      staff,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: PLACES, allocation: 'first_come' }] }),
    );

    // Sign-ups: every member once, IN_FLIGHT at a time.
    started = performance.now();
    const signUps = await pool(
      IN_FLIGHT,
      members.map((member) => async () => {
        const begin = performance.now();
        const response = await api.request('POST', `/api/activities/${activityId}/entries`, {
          token: member.token,
          body: { groupId: 'open', requestId: randomUUID() },
        });
        return { member, response, ms: performance.now() - begin };
      }),
    );
    const signUpSeconds = (performance.now() - started) / 1000;
    const ok = signUps.filter((result) => result.response.status === 200);
    const confirmedAnswers = ok.filter((result) => result.response.body.status === 'confirmed');
    const confirmed = await EntryModel.countDocuments({ status: 'confirmed' });
    const waitlisted = await EntryModel.countDocuments({ status: 'waitlisted' });
    const latencies = signUps.map((result) => result.ms).sort((a, b) => a - b);

    // Promotions: cancel every confirmed entry at once while the others wait.
    started = performance.now();
    const cancels = await pool(
      confirmedAnswers.length,
      confirmedAnswers.map(
        (result) => () =>
          api.request('POST', `/api/activities/entries/${result.response.body.id}/cancel`, {
            token: result.member.token,
          }),
      ),
    );
    const cancelSeconds = (performance.now() - started) / 1000;
    const cancelled = cancels.filter((response) => response.status === 200).length;
    const offered = await EntryModel.countDocuments({ status: 'offered' });
    const free = (await GroupPlacesModel.findOne({ groupId: 'open' }).lean())?.free;

    console.log(
      `\nActivity sign-ups over HTTP (BFF in this process, embedded database): ${MEMBERS} members ` +
        `(set up in ${setupSeconds.toFixed(1)} s), ${PLACES} first-come places, ${IN_FLIGHT} requests in flight`,
    );
    console.table([
      { measure: 'sign-up requests / answered 200', value: `${signUps.length} / ${ok.length}` },
      { measure: 'activity sign-ups/s under contention', value: Math.round(signUps.length / signUpSeconds) },
      {
        measure: 'p50 / p99 ms per sign-up',
        value: `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)}`,
      },
      { measure: 'confirmed / waitlisted', value: `${confirmed} / ${waitlisted}` },
      { measure: 'OVERSELL: confirmed − capacity (must be 0)', value: confirmed - PLACES },
      { measure: `cancellations in parallel (answered 200)`, value: `${cancels.length} (${cancelled})` },
      { measure: 'promotions/s (places offered to the waitlist)', value: Math.round(offered / cancelSeconds) },
      {
        measure: 'freed places offered exactly once: offered − cancelled (must be 0)',
        value: offered - cancelled,
      },
      { measure: 'places left free beside the waitlist (must be 0)', value: free },
    ]);
  } finally {
    await api.stop();
  }
}
