/**
 * Benefit vouchers (普惠): claims under contention and voucher-QR verification.
 *
 * Claims: the real BFF (embedded database, demo data) in a child process. A union staff
 * member publishes a free coupon at the demo merchant with little stock and a per-member
 * limit; a few hundred members of the seeded roster sign in and bind (实名绑定) the way the
 * mini-program does; then thousands of claims race, several per member at once. What
 * matters is that nothing is oversold and no member exceeds the limit, whatever the speed.
 *
 * Voucher QR: verifying the signed rotating token in-process (native Ed25519 in the BFF,
 * the shared pure-JS check a phone runs), and the clerk's scan preview over HTTP.
 */
import { generateKeyPairSync } from 'node:crypto';
import { verifyVoucherToken } from '@union/shared';
import { createCardSigner } from '../../bff/src/crypto/card-signer';
import { createVoucherSigner } from '../../bff/src/crypto/voucher-signer';
import { DEMO_MERCHANT, DEMO_MERCHANT_CLERK } from '../../bff/src/seed/benefits-data';
import { buildDemoRoster } from '../../bff/src/seed/demo-data';
import { buildOrganizations } from '../../bff/src/seed/demo-organizations';
import { DEMO_STAFF } from '../../bff/src/seed/demo-people';
import { createIdFactory } from '../../bff/src/seed/deterministic-ids';
import { bearer, json, loadRows, opsPerSecond, percentile, pool } from './measure';
import { startBff, type StartedBff } from './start-bff';

const STOCK = 300;
const LIMIT_PER_MEMBER = 2;
/** The generated roster holds about 220 active members; each new document slows jongodb a little. */
const MEMBERS = 200;
const CLAIMS_PER_MEMBER = 20;
/** Claims of one member sent at the same moment (the double-tap / scripted-client case). */
const PARALLEL_PER_MEMBER = 5;
const IN_FLIGHT = 100;
/** The union staff login whose scope (西湖区总工会) covers the demo merchant (西溪街道总工会). */
const OFFICE_LOGIN = 'district_staff';

interface Member {
  openid: string;
  accessToken: string;
}

const newRequestId = (() => {
  let next = 0;
  const run = Date.now().toString(36);
  return () => `bench-${run}-${(next++).toString(36)}`;
})();

const ms = (value: number) => +value.toFixed(1);

async function staffLogin(bff: StartedBff, username: string, password: string): Promise<string> {
  const session = await json(`${bff.url}/api/auth/password-login`, {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  return session.accessToken;
}

/** New WeChat users (dev-login) bound to active members of the seeded roster, as the mini-program does it. */
async function signInMembers(bff: StartedBff, count: number): Promise<Member[]> {
  const newId = createIdFactory();
  const roster = buildDemoRoster(buildOrganizations(() => newId(new Date(0))))
    // Named demo people have 1380000000x numbers (some are bound already); suspended or transferred ones may not claim.
    .filter((entry) => entry.status === 'active' && !entry.mobile.startsWith('1380000000'))
    .slice(0, count);
  const run = Date.now().toString(36);
  return pool(
    20,
    roster.map((entry, index) => async () => {
      const openid = `bench-${run}-${index}`;
      const session = await json(`${bff.url}/api/auth/dev-login`, {
        method: 'POST',
        body: JSON.stringify({ openid }),
      });
      await json(`${bff.url}/api/membership/bind`, {
        method: 'POST',
        headers: bearer(session.accessToken),
        body: JSON.stringify({ name: entry.name, idNumber: entry.idNumber, mobile: entry.mobile }),
      });
      return { openid, accessToken: session.accessToken as string };
    }),
  );
}

async function createContendedOffer(bff: StartedBff, officeToken: string) {
  const merchants = await json(`${bff.url}/api/admin/merchants?q=${encodeURIComponent(DEMO_MERCHANT.name)}`, {
    headers: bearer(officeToken),
  });
  const merchant = merchants.items.find((item: { name: string }) => item.name === DEMO_MERCHANT.name);
  if (!merchant) throw new Error(`${OFFICE_LOGIN} cannot see ${DEMO_MERCHANT.name}`);
  const now = Date.now();
  return json(`${bff.url}/api/admin/offers`, {
    method: 'POST',
    headers: bearer(officeToken),
    body: JSON.stringify({
      merchantId: merchant.id,
      kind: 'coupon',
      coupon: { type: 'threshold', thresholdFen: 5000, reductionFen: 1000 },
      title: '基准测试限量券',
      usageNotes: '基准测试用',
      stockTotal: STOCK,
      limitPerMember: LIMIT_PER_MEMBER,
      limitPeriod: 'month',
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 86_400_000).toISOString(),
      status: 'active',
    }),
  });
}

type Outcome = 'issued' | 'sold_out' | 'claim_limit_reached' | 'other';

interface ClaimResult {
  member: number;
  outcome: Outcome;
  detail: string;
  voucherId: string | null;
  startedAt: number;
  finishedAt: number;
}

async function claim(bff: StartedBff, offerId: string, members: Member[], member: number): Promise<ClaimResult> {
  const startedAt = performance.now();
  let outcome: Outcome = 'other';
  let detail = '';
  let voucherId: string | null = null;
  try {
    const response = await fetch(`${bff.url}/api/benefits/offers/${offerId}/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(members[member]!.accessToken) },
      body: JSON.stringify({ requestId: newRequestId() }),
    });
    const body = (await response.json()) as { id?: string; error?: { code: string } };
    if (response.ok) {
      outcome = 'issued';
      voucherId = body.id ?? null;
    } else if (body.error?.code === 'sold_out' || body.error?.code === 'claim_limit_reached') {
      outcome = body.error.code;
    } else {
      detail = `${response.status} ${body.error?.code ?? ''}`;
    }
  } catch (caught) {
    detail = (caught as Error).message;
  }
  return { member, outcome, detail, voucherId, startedAt, finishedAt: performance.now() };
}

/** The bench offer's vouchers in one member's 我的券 (unused: nothing is redeemed during the run). */
async function myOfferVouchers(bff: StartedBff, member: Member, offerId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { items: { offer: { id: string } }[]; nextCursor: string | null } = await json(
      `${bff.url}/api/benefits/vouchers?view=unused&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      { headers: bearer(member.accessToken) },
    );
    count += page.items.filter((voucher) => voucher.offer.id === offerId).length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

async function claimContention(bff: StartedBff) {
  const officeStaff = DEMO_STAFF.find((staff) => staff.username === OFFICE_LOGIN)!;
  const officeToken = await staffLogin(bff, officeStaff.username, officeStaff.password);
  const offer = await createContendedOffer(bff, officeToken);
  let started = performance.now();
  const members = await signInMembers(bff, MEMBERS);
  const signInSeconds = (performance.now() - started) / 1000;

  // Each member's claims go out in groups sent together; the queue interleaves members.
  const order: number[] = [];
  for (let round = 0; round < CLAIMS_PER_MEMBER / PARALLEL_PER_MEMBER; round++) {
    for (let member = 0; member < members.length; member++) {
      for (let i = 0; i < PARALLEL_PER_MEMBER; i++) order.push(member);
    }
  }
  started = performance.now();
  const results = await pool(
    IN_FLIGHT,
    order.map((member) => () => claim(bff, offer.id, members, member)),
  );
  const burstSeconds = (performance.now() - started) / 1000;

  const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
  const issued = results.filter((result) => result.outcome === 'issued');
  const lastIssued = Math.max(...issued.map((result) => result.finishedAt));
  const sellingSeconds = (lastIssued - started) / 1000;
  const latencies = (outcome?: Outcome) =>
    results
      .filter((result) => !outcome || result.outcome === outcome)
      .map((result) => result.finishedAt - result.startedAt)
      .sort((a, b) => a - b);
  const all = latencies();

  const afterwards = await json(`${bff.url}/api/admin/offers/${offer.id}`, { headers: bearer(officeToken) });
  const held = await pool(
    20,
    members.map((member) => () => myOfferVouchers(bff, member, offer.id)),
  );
  const distinctVouchers = new Set(issued.map((result) => result.voucherId)).size;
  const otherErrors = results.filter((result) => result.outcome === 'other');

  console.log(
    `\nClaims under contention over HTTP: a free coupon with stock ${STOCK} and a limit of ` +
      `${LIMIT_PER_MEMBER} per member per month; ${members.length} members signed in and bound ` +
      `(${signInSeconds.toFixed(1)} s), ${results.length} claims, ${IN_FLIGHT} in flight, ` +
      `${PARALLEL_PER_MEMBER} of one member's at once`,
  );
  console.table([
    { measure: 'claim requests', value: results.length },
    { measure: 'vouchers issued', value: issued.length },
    { measure: 'answered sold out (409 sold_out)', value: count('sold_out') },
    { measure: 'answered limit reached (409 claim_limit_reached)', value: count('claim_limit_reached') },
    { measure: 'other errors', value: otherErrors.length },
    {
      measure: 'claims/s (issued ÷ time until the last was issued)',
      value: Math.round(issued.length / sellingSeconds),
    },
    { measure: 'requests/s (whole burst)', value: Math.round(results.length / burstSeconds) },
    { measure: 'p50 / p99 ms, all answers', value: `${ms(percentile(all, 50))} / ${ms(percentile(all, 99))}` },
    ...(['issued', 'sold_out', 'claim_limit_reached'] as const).map((outcome) => {
      const sorted = latencies(outcome);
      return {
        measure: `p50 / p99 ms, ${outcome}`,
        value: `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))}`,
      };
    }),
    { measure: 'OVERSELL: issued − stock (must be 0)', value: issued.length - STOCK },
    {
      measure: 'members over their limit in 我的券 (must be 0)',
      value: held.filter((n) => n > LIMIT_PER_MEMBER).length,
    },
    { measure: 'most vouchers held by one member', value: Math.max(...held) },
    {
      measure: 'vouchers in all 我的券 / distinct issued ids',
      value: `${held.reduce((a, b) => a + b, 0)} / ${distinctVouchers}`,
    },
    {
      measure: 'admin offer: claimedCount / stockRemaining',
      value: `${afterwards.claimedCount} / ${afterwards.stockRemaining}`,
    },
  ]);
  if (otherErrors.length) {
    const kinds = new Map<string, number>();
    for (const result of otherErrors) kinds.set(result.detail, (kinds.get(result.detail) ?? 0) + 1);
    console.log('Other errors:', Object.fromEntries(kinds));
  }
  const firstIssued = issued[0]!;
  return { offerId: offer.id as string, member: members[firstIssued.member]!, voucherId: firstIssued.voucherId! };
}

function qrCryptoBench() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const signer = createVoucherSigner(pkcs8, 'bench');
  // The same key published for cards and vouchers: the card signer hands out its public half.
  const keys = createCardSigner(pkcs8, 'bench').publicKeys();
  const voucherId = '65a1b2c3d4e5f60718293a4b';
  const token = signer.issueBatch(voucherId, Date.now(), 1)[0]!.token;
  return [
    opsPerSecond('issue voucher QR token (Node Ed25519 sign)', () => signer.issueBatch(voucherId, Date.now(), 1)),
    opsPerSecond('verify voucher token (shared, pure JS as on a phone)', () => {
      if (verifyVoucherToken(token, keys).result !== 'valid') throw new Error('bench token invalid');
    }),
    opsPerSecond('verify voucher token in the BFF (native Ed25519)', () => {
      if (signer.check(token).result !== 'valid') throw new Error('bench token invalid');
    }),
  ];
}

async function qrHttpBench(bff: StartedBff, voucher: { member: Member; voucherId: string }) {
  const clerkToken = await staffLogin(bff, DEMO_MERCHANT_CLERK.username, DEMO_MERCHANT_CLERK.password);
  const qrPath = `/api/benefits/vouchers/${voucher.voucherId}/qr`;
  const qr = await json(bff.url + qrPath, { method: 'POST', headers: bearer(voucher.member.accessToken) });
  const previewBody = JSON.stringify({ token: qr.tokens[0].token });
  const preview = await json(`${bff.url}/api/merchant/redemptions/preview`, {
    method: 'POST',
    headers: bearer(clerkToken),
    body: previewBody,
  });
  if (preview.result !== 'redeemable') throw new Error(`bench voucher preview: ${preview.result}`);
  return loadRows(bff, [
    {
      name: 'POST /api/merchant/redemptions/preview (clerk scans QR)',
      method: 'POST',
      path: '/api/merchant/redemptions/preview',
      token: clerkToken,
      body: previewBody,
    },
    {
      name: 'POST /api/benefits/vouchers/:id/qr (member, 10 tokens)',
      method: 'POST',
      path: qrPath,
      token: voucher.member.accessToken,
    },
  ]);
}

export async function benefitsBench() {
  console.log(`\nVoucher QR crypto (in-process, Node ${process.version})`);
  console.table(qrCryptoBench());

  const bff = await startBff({ RATE_LIMIT_SCALE: '1000', CHECK_RESPONSES: 'false' });
  try {
    const contended = await claimContention(bff);
    console.log(
      'Note: claims/s counts vouchers issued per second until the stock ran out; the oversell and ' +
        'over-limit rows must be 0 whatever the speed. Each claim is several conditional updates in ' +
        'the embedded in-memory database (jongodb, slower as collections grow), not MongoDB: the ' +
        'rates measure that stand-in. A refused over-limit claim waits up to 0.5 s for a parallel ' +
        'duplicate of itself before answering (claim.service.ts), hence its latency.',
    );
    console.log('\nVoucher QR over HTTP (20 connections, 5 s each, same BFF after the claims)');
    console.table(await qrHttpBench(bff, contended));
  } finally {
    await bff.stop();
  }
}
