/** Skill contests: organisers set up and run the judging, judges score, members see results and certificates. */
import type Router from '@koa/router';
import { CERTIFICATE_LINK_PATH, contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { publicBaseUrl } from '../../http/public-base-url';
import { followCertificateLink } from './certificate-link';
import { bindJudge, createJudgeInvitation, listJudges, removeJudge, updateJudgeScope } from './judges.service';
import { publishResults, resultsPreview } from './publish.service';
import { myCertificate, myContestResults, publishedResults, saveConsent, verifyCertificate } from './results.service';
import { closeRound, getRoundProgress, markAbsent } from './rounds.service';
import { getContestSetup, listStaffContests, saveContestSetup } from './setup.service';
import {
  correctScoreSheet,
  getScoreSheet,
  judgeContestAfterBind,
  judgeRoundEntrants,
  myJudgedContests,
  saveScoreSheet,
  submitScoreSheet,
} from './sheets.service';

const organise = contract.contests;
const judging = contract.contestJudging;
const results = contract.contestResults;

export function contestRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(organise.staffContests, ({ actor }) => listStaffContests(actor));
  mount(organise.contestSetup, ({ actor, params }) => getContestSetup(actor, params.id));
  mount(organise.saveContestSetup, ({ actor, params, body }) => saveContestSetup(actor, params.id, body));
  mount(organise.createJudgeInvitation, ({ actor, params, body }) =>
    createJudgeInvitation(actor, app.cipher, params.id, body, new Date()),
  );
  mount(organise.contestJudges, ({ actor, params }) => listJudges(actor, params.id));
  mount(organise.updateContestJudge, ({ actor, params, body }) =>
    updateJudgeScope(actor, params.id, params.judgeId, body),
  );
  mount(organise.removeContestJudge, ({ actor, params }) => removeJudge(actor, params.id, params.judgeId, new Date()));
  mount(organise.roundProgress, ({ actor, params, query }) => getRoundProgress(actor, params.id, query.roundId));
  mount(organise.markAbsent, ({ actor, params, body }) => markAbsent(actor, params.id, params.entrantId, body));
  mount(organise.closeRound, ({ actor, params, body }) => closeRound(actor, params.id, body, new Date()));
  mount(organise.resultsPreview, ({ actor, params }) => resultsPreview(actor, params.id, new Date()));
  mount(organise.publishResults, ({ actor, params, body }) =>
    publishResults(app, actor, params.id, body.scoresRevision, new Date()),
  );

  mount(judging.bindJudge, async ({ actor, body }) =>
    judgeContestAfterBind(await bindJudge(actor, app.cipher, body, new Date())),
  );
  mount(judging.myJudgedContests, ({ actor }) => myJudgedContests(actor));
  mount(judging.judgeRoundEntrants, ({ actor, params, query }) => judgeRoundEntrants(actor, params.id, query.roundId));
  mount(judging.myScoreSheet, ({ actor, params, query }) =>
    getScoreSheet(actor, params.id, query.roundId, params.entrantId),
  );
  mount(judging.saveScoreSheet, ({ actor, params, body }) =>
    saveScoreSheet(actor, params.id, params.entrantId, body, new Date()),
  );
  mount(judging.submitScoreSheet, ({ actor, params, body }) =>
    submitScoreSheet(actor, params.id, params.entrantId, body, new Date()),
  );
  mount(judging.correctScoreSheet, ({ actor, params, body }) =>
    correctScoreSheet(actor, params.id, params.entrantId, body, new Date()),
  );

  mount(results.contestResults, ({ actor, params }) => publishedResults(actor, params.id));
  mount(results.saveContestConsent, ({ actor, params, body }) =>
    saveConsent(actor, params.id, body.showFullName, new Date()),
  );
  mount(results.myContestResults, ({ actor }) => myContestResults(actor));
  mount(results.myCertificate, async ({ actor, params, ctx }) => {
    const png = await myCertificate(
      actor,
      app.cipher,
      params.id,
      publicBaseUrl(app.config, ctx),
      app.config.CERTIFICATE_FONT_FILE,
    );
    // A binary answer (rawResponse): the contract's JSON response type does not describe it.
    ctx.type = 'image/png';
    ctx.set('Cache-Control', 'private, no-store');
    return png as never;
  });
  mount(results.verifyCertificate, ({ query }) => verifyCertificate(app.cipher, query.code));

  // The certificate QR's link, followed in a browser: not an API call, so no contract entry.
  router.get(`${CERTIFICATE_LINK_PATH}:code`, followCertificateLink());
  return router;
}
