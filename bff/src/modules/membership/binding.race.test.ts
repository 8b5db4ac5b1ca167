/**
 * Real-name binding under contention, raced many times over at HTTP level: a roster member is
 * bound to at most one WeChat account and an account to at most one member, both sides always
 * agree, and a request repeated in parallel is as harmless as a retried one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createOrgTree, loginWechat, makeIdNumber } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AccountModel } from '../auth/account.model';
import { MemberModel } from './member.model';
import { sameId } from './race-support';

const TRIALS = 200;
const PARALLEL = 16;

interface Person {
  id: string;
  name: string;
  idNumber: string;
  mobile: string;
}
interface Session {
  accountId: string;
  token: string;
}

let api: TestApi;
let zhang: Person;
let li: Person;
let accounts: Session[];

beforeAll(async () => {
  // Thousands of binds per account: the bind rate limit is not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  const cipher = api.running.runtime.cipher;
  const roster = async (name: string, idNumber: string, mobile: string) => ({
    ...(await createMember(cipher, orgs.xihuTech, { name, idNumber, mobile })),
  });
  zhang = await roster('张伟', makeIdNumber('330106', '19880512', '031'), '13800000001');
  li = await roster('李娜', makeIdNumber('330106', '19920211', '042'), '13800000002');
  accounts = [];
  for (let i = 0; i < PARALLEL; i++) {
    const { token, session } = await loginWechat(api, `wx-bind-racer-${i}`);
    accounts.push({ token, accountId: session.me.id });
  }
}, 120_000);
afterAll(() => api.stop());

type Result = ApiResponse | RaceError;
const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
const code = (result: Result) =>
  result instanceof RaceError ? 'error' : (result.body?.error?.code ?? String(result.status));
const bind = (session: Session, person: Person) =>
  api.request('POST', '/api/membership/bind', {
    token: session.token,
    body: { name: person.name, idNumber: person.idNumber, mobile: person.mobile },
  });

/** Nobody bound: both roster members free, every racing account without a member. */
async function unbindAll() {
  await MemberModel.updateMany({ _id: { $in: [zhang.id, li.id] } }, { $set: { boundAccountId: null } });
  await AccountModel.updateMany(
    { _id: { $in: accounts.map((account) => account.accountId) } },
    { $unset: { memberId: 1 } },
  );
}

/** Who is bound to whom, read from both sides. */
async function bindings() {
  const [members, bound] = await Promise.all([
    MemberModel.find({ _id: { $in: [zhang.id, li.id] } }, { boundAccountId: 1 }).lean(),
    AccountModel.find(
      { _id: { $in: accounts.map((account) => account.accountId) }, memberId: { $ne: null } },
      { memberId: 1 },
    ).lean(),
  ]);
  const memberOf = (person: Person) => members.find((member) => sameId(member._id, person.id))!;
  return { zhang: memberOf(zhang).boundAccountId, li: memberOf(li).boundAccountId, accounts: bound };
}

describe('binding under contention', () => {
  it(
    `binds a roster member to exactly one of ${PARALLEL} accounts claiming it at once, and refuses the others with 409 (${TRIALS} trials)`,
    async () => {
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: unbindAll,
        attempt: (contender) => bind(accounts[contender]!, zhang),
        check: async (results) => {
          const answers = JSON.stringify(tally(results, code));
          const winners = results.flatMap((result, contender) => (status(result) === 200 ? [contender] : []));
          if (winners.length !== 1) return `${winners.length} accounts bound: ${answers}`;
          const refused = results.filter((result) => code(result) === 'member_already_bound').length;
          if (refused !== PARALLEL - 1) return `answers ${answers}`;
          const winner = accounts[winners[0]!]!;
          const state = await bindings();
          if (!sameId(state.zhang, winner.accountId)) return `the member is bound to ${state.zhang}, not the winner`;
          if (state.accounts.length !== 1) return `${state.accounts.length} accounts hold a member`;
          const [account] = state.accounts;
          return sameId(account!._id, winner.accountId) && sameId(account!.memberId, zhang.id)
            ? null
            : 'the account side disagrees';
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    `binds once, consistently on both sides, when one account sends the same bind ${PARALLEL} times at once, and every request succeeds like a retry (${TRIALS} trials)`,
    async () => {
      const [account] = accounts;
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: unbindAll,
        attempt: () => bind(account!, zhang),
        check: async (results) => {
          const answers = JSON.stringify(tally(results, code));
          const state = await bindings();
          if (!sameId(state.zhang, account!.accountId)) return `member bound to ${state.zhang}: ${answers}`;
          if (state.accounts.length !== 1 || !sameId(state.accounts[0]!.memberId, zhang.id)) {
            return `the account holds ${state.accounts[0]?.memberId ?? 'no member'}: ${answers}`;
          }
          return results.every((result) => status(result) === 200) ? null : `answers ${answers}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    `binds an account to exactly one of two roster members it claims at once (${PARALLEL} requests, half each), and leaves the other free (${TRIALS} trials)`,
    async () => {
      const [account] = accounts;
      const personOf = (contender: number, trial: number) => ((contender + trial) % 2 === 0 ? zhang : li);
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: unbindAll,
        attempt: (contender, trial) => bind(account!, personOf(contender, trial)),
        check: async (results, trial) => {
          const answers = JSON.stringify(tally(results, code));
          const state = await bindings();
          if (state.accounts.length !== 1) return `account holds no member: ${answers}`;
          const heldId = state.accounts[0]!.memberId;
          const [held, other] = sameId(heldId, zhang.id) ? ['zhang', 'li'] : ['li', 'zhang'];
          if (!sameId(state[held as 'zhang' | 'li'], account!.accountId)) return `member side disagrees: ${answers}`;
          if (state[other as 'zhang' | 'li'] !== null) return `both members bound: ${answers}`;
          // Requests for the member it holds succeed; those for the other are refused as "account already bound".
          const wrong = results.filter((result, contender) =>
            sameId(personOf(contender, trial).id, heldId)
              ? status(result) !== 200
              : code(result) !== 'account_already_bound',
          );
          return wrong.length === 0 ? null : `answers ${answers}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
