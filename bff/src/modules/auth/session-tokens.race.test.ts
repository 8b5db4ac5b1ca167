/**
 * Refresh-token rotation under contention, raced many times over at HTTP level: a refresh token
 * is exchanged exactly once, and presenting it again (here: at the same moment) is treated as
 * a replay that logs the whole session family out, the freshly rotated pair included.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { RefreshTokenModel } from './refresh-token.model';

const TRIALS = 200;
const PARALLEL = 16;

let api: TestApi;

beforeAll(async () => {
  // Thousands of refreshes from one address: the login rate limit is not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
});
afterAll(() => api.stop());

type Result = ApiResponse | RaceError;
const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
const code = (result: Result) =>
  result instanceof RaceError ? 'error' : (result.body?.error?.code ?? String(result.status));
const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('refresh-token rotation under contention', () => {
  it(
    `rotates exactly once when the same refresh token is presented ${PARALLEL} times at once, refuses the rest as a replay and logs the whole family out (${TRIALS} trials)`,
    async () => {
      const { session } = await loginWechat(api, 'wx-refresh-racer');
      const original = (await RefreshTokenModel.findOne({ tokenHash: digest(session.refreshToken) }).lean())!;
      const family = original.familyId;

      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        // Back to one unused, live token: the tokens a trial rotated to are removed so they do not pile up.
        reset: async () => {
          await RefreshTokenModel.deleteMany({ familyId: family, _id: { $ne: original._id } });
          await RefreshTokenModel.updateOne({ _id: original._id }, { $set: { usedAt: null, revokedAt: null } });
        },
        attempt: () => api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } }),
        check: async (results) => {
          const answers = JSON.stringify(tally(results, code));
          const winners = results.filter((result) => status(result) === 200) as ApiResponse[];
          if (winners.length !== 1) return `${winners.length} rotations succeeded: ${answers}`;
          // Refused as a replay; one that arrives after the family is already revoked is simply invalid.
          const refusals = results.filter((result) => status(result) === 401).map(code);
          const refusedAsExpected = refusals.every(
            (c) => c === 'refresh_token_reused' || c === 'refresh_token_invalid',
          );
          if (refusals.length !== PARALLEL - 1 || !refusedAsExpected) return `answers ${answers}`;
          if (!refusals.includes('refresh_token_reused')) return `no refusal named the replay: ${answers}`;

          const tokens = await RefreshTokenModel.find({ familyId: family }).lean();
          const issued = tokens.filter((token) => !token._id.equals(original._id));
          if (issued.length !== 1) return `${issued.length} new refresh tokens stored`;
          if (issued[0]!.tokenHash !== digest(winners[0]!.body.refreshToken))
            return 'the stored new token is not the one handed out';
          const live = tokens.filter((token) => token.revokedAt === null).length;
          if (live !== 0) return `${live} tokens of the family still live after the replay: ${answers}`;
          const me = await api.request('GET', '/api/me', { token: winners[0]!.body.accessToken });
          return me.status === 401 ? null : `the rotated access token still works (${me.status})`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
