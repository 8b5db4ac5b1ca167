/** 技能竞赛: judges' scoring, the organiser's setup and results, members' results and certificates. */
import {
  contestEndpoints as organiser,
  contestJudgingEndpoints as judging,
  contestResultEndpoints as results,
  type ContestSetupInput,
  type EndpointBody,
  type EndpointResponse,
} from '@union/shared';
import { downloadBinary, request } from './http';

export type JudgeRoundEntrants = EndpointResponse<typeof judging.judgeRoundEntrants>;
export type JudgeEntrant = JudgeRoundEntrants['items'][number];
/** What the sheet page sends; the round comes from the sheet's key. */
export type SheetBody = Omit<EndpointBody<typeof judging.saveScoreSheet>, 'roundId'>;
type Without<B> = Omit<B, 'roundId'>;

/** The sheet's address: contest, round and the entrant (a person or a team's captain entry). Round ids are keys, not document ids, so they travel in the query or body. */
export interface SheetKey {
  activityId: string;
  roundId: string;
  entrantId: string;
}

const sheetParams = (key: SheetKey) => ({ id: key.activityId, entrantId: key.entrantId });

// --- judges ---

/** The name is optional: without it the BFF uses the member's real name or the WeChat nickname. */
export function bindJudge(code: string, displayName?: string) {
  return request(judging.bindJudge, { body: { code, displayName } });
}

export function fetchJudgedContests() {
  return request(judging.myJudgedContests);
}

export function fetchJudgeRoundEntrants(activityId: string, roundId: string) {
  return request(judging.judgeRoundEntrants, { params: { id: activityId }, query: { roundId } });
}

export function fetchScoreSheet(key: SheetKey) {
  return request(judging.myScoreSheet, { params: sheetParams(key), query: { roundId: key.roundId } });
}

export function saveScoreSheet(key: SheetKey, body: SheetBody) {
  return request(judging.saveScoreSheet, { params: sheetParams(key), body: { ...body, roundId: key.roundId } });
}

export function submitScoreSheet(key: SheetKey, body: Without<EndpointBody<typeof judging.submitScoreSheet>>) {
  return request(judging.submitScoreSheet, { params: sheetParams(key), body: { ...body, roundId: key.roundId } });
}

export function correctScoreSheet(key: SheetKey, body: Without<EndpointBody<typeof judging.correctScoreSheet>>) {
  return request(judging.correctScoreSheet, { params: sheetParams(key), body: { ...body, roundId: key.roundId } });
}

// --- organisers ---

export function fetchStaffContests() {
  return request(organiser.staffContests);
}

export function fetchContestSetup(activityId: string) {
  return request(organiser.contestSetup, { params: { id: activityId } });
}

export function saveContestSetup(activityId: string, setup: ContestSetupInput) {
  return request(organiser.saveContestSetup, { params: { id: activityId }, body: setup });
}

export function createJudgeInvitation(activityId: string, body: EndpointBody<typeof organiser.createJudgeInvitation>) {
  return request(organiser.createJudgeInvitation, { params: { id: activityId }, body });
}

export function fetchContestJudges(activityId: string) {
  return request(organiser.contestJudges, { params: { id: activityId } });
}

export function updateContestJudge(
  activityId: string,
  judgeId: string,
  body: EndpointBody<typeof organiser.updateContestJudge>,
) {
  return request(organiser.updateContestJudge, { params: { id: activityId, judgeId }, body });
}

export function removeContestJudge(activityId: string, judgeId: string) {
  return request(organiser.removeContestJudge, { params: { id: activityId, judgeId } });
}

export function fetchRoundProgress(activityId: string, roundId: string) {
  return request(organiser.roundProgress, { params: { id: activityId }, query: { roundId } });
}

export function markAbsent(activityId: string, roundId: string, entrantId: string, absent: boolean) {
  return request(organiser.markAbsent, { params: { id: activityId, entrantId }, body: { roundId, absent } });
}

export function closeRound(activityId: string, roundId: string, requestId: string) {
  return request(organiser.closeRound, { params: { id: activityId }, body: { roundId, requestId } });
}

export function fetchResultsPreview(activityId: string) {
  return request(organiser.resultsPreview, { params: { id: activityId } });
}

export function publishResults(activityId: string, scoresRevision: number) {
  return request(organiser.publishResults, { params: { id: activityId }, body: { scoresRevision } });
}

// --- members and the public ---

export function fetchContestResults(activityId: string) {
  return request(results.contestResults, { params: { id: activityId } });
}

export function saveContestConsent(activityId: string, showFullName: boolean) {
  return request(results.saveContestConsent, { params: { id: activityId }, body: { showFullName } });
}

export function fetchMyContestResults() {
  return request(results.myContestResults);
}

/** The awardee's certificate as PNG bytes, fetched with the session like any protected image. */
export function downloadCertificate(activityId: string) {
  return downloadBinary(results.myCertificate, { params: { id: activityId } });
}

/** No sign-in: whoever scanned the certificate's QR. */
export function verifyCertificate(code: string) {
  return request(results.verifyCertificate, { query: { code } });
}
