/**
 * `pnpm bench`: how fast the union card is issued and verified, in-process and over
 * HTTP under concurrent load, how fast the nearest stations are found among 200,000
 * (stations.ts), and benefit vouchers: claims under contention with the oversell count,
 * and voucher-QR verification (benefits.ts), and committing a 4,900-row station sheet
 * (imports.ts), and the annual report of a synthetic city of 500 orgs from counters versus
 * from raw records (figures.ts), printed as tables. Numbers, never pass/fail.
 *
 * `pnpm bench card stations benefits` runs only the named parts (all when none is named, except
 * the 20-minute mixed soak, soak.ts, which runs only when named: `pnpm bench soak`).
 */
import { generateKeyPairSync } from 'node:crypto';
import { verifyCardToken } from '@union/shared';
import { createCardSigner } from '../../bff/src/crypto/card-signer';
import { startEmbeddedMongo } from '../../bff/src/db/embedded-mongo';
import { memberSessions } from '../../bff/src/modules/activities/test-support';
import { createOrgTree } from '../../bff/test/fixtures';
import { activitiesBench } from './activities';
import { benefitsBench } from './benefits';
import { figuresBench } from './figures';
import { importBench } from './imports';
import { lotteryBench } from './lottery';
import { quizBench } from './quiz';
import { soakBench } from './soak';
import { bearer, json, loadRows, opsPerSecond } from './measure';
import { startInProcessBff } from './in-process-bff';
import { ownProcessGroup } from './process-group';
import { startBff } from './start-bff';
import { stationSearchBench } from './stations';

function cryptoBench() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = createCardSigner(privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), 'bench');
  const memberId = '65a1b2c3d4e5f60718293a4b';
  const token = signer.issue(memberId).token;
  const keys = signer.publicKeys();
  return [
    opsPerSecond('issue card QR token (Node Ed25519 sign)', () => signer.issue(memberId)),
    opsPerSecond('verify token offline (shared, pure JS as on a phone)', () => {
      if (verifyCardToken(token, keys).result !== 'valid') throw new Error('bench token invalid');
    }),
    opsPerSecond('verify token in the BFF (native Ed25519)', () => {
      if (signer.check(token).result !== 'valid') throw new Error('bench token invalid');
    }),
  ];
}

async function httpBench() {
  const bff = await startBff({ RATE_LIMIT_SCALE: '1000', CHECK_RESPONSES: 'false' });
  try {
    const member = await json(`${bff.url}/api/auth/dev-login`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'demo-member-li' }),
    });
    const staff = await json(`${bff.url}/api/auth/password-login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'station_keeper', password: 'Demo@2026' }),
    });
    const card = await json(`${bff.url}/api/card`, { headers: bearer(member.accessToken) });
    return await loadRows(bff, [
      {
        name: 'POST /api/staff/card-verifications',
        method: 'POST',
        path: '/api/staff/card-verifications',
        token: staff.accessToken,
        body: JSON.stringify({ token: card.qr.tokens[0].token }),
      },
      {
        name: 'GET /api/card, one member on 20 connections (contended)',
        method: 'GET',
        path: '/api/card',
        token: member.accessToken,
      },
      { name: 'GET /healthz (server floor)', method: 'GET', path: '/healthz' },
    ]);
  } finally {
    await bff.stop();
  }
}

/** Members whose cards are loaded in turn, as many phones would (not one member's document, contended). */
const CARD_MEMBERS = 200;

/**
 * The card endpoints as production sees them: many members, each asking for their own card.
 * The members are made by a BFF in this process on an embedded database; the BFF measured runs
 * in its own process on that database, so its CPU is counted apart from the load's.
 */
async function manyMembersHttpBench() {
  const embedded = await startEmbeddedMongo();
  const dbName = `card_bench_${Date.now()}`;
  try {
    const builder = await startInProcessBff({}, { embedded, dbName });
    let tokens: string[];
    try {
      const orgs = await createOrgTree();
      tokens = (await memberSessions(builder, orgs.xihuTech, CARD_MEMBERS)).map((member) => member.token);
    } finally {
      await builder.stop();
    }
    const uri = new URL(embedded.uri);
    uri.pathname = `/${dbName}`;
    const bff = await startBff({
      MONGODB_URI: uri.toString(),
      SEED_DEMO_DATA: 'false',
      RATE_LIMIT_SCALE: '1000',
      CHECK_RESPONSES: 'false',
    });
    try {
      return await loadRows(
        bff,
        [
          { name: `GET /api/card, ${CARD_MEMBERS} members in turn`, method: 'GET', path: '/api/card', tokens },
          { name: `POST /api/card/qr, ${CARD_MEMBERS} members in turn`, method: 'POST', path: '/api/card/qr', tokens },
        ],
        { databaseGroup: ownProcessGroup() },
      );
    } finally {
      await bff.stop();
    }
  } finally {
    await embedded.stop();
  }
}

async function cardBench() {
  console.log(`\nUnion card crypto (in-process, Node ${process.version})`);
  console.table(cryptoBench());
  console.log('\nBFF over HTTP (20 connections, 5 s each, embedded database with demo data)');
  console.log('Note: the embedded database is an in-memory stand-in; production throughput depends on MongoDB.');
  console.table(await httpBench());
  console.log(`\nThe card over HTTP, ${CARD_MEMBERS} members (20 connections, 5 s each, embedded database)`);
  console.table(await manyMembersHttpBench());
}

const PARTS: Record<string, () => Promise<void>> = {
  card: cardBench,
  stations: stationSearchBench,
  benefits: benefitsBench,
  imports: importBench,
  lottery: lotteryBench,
  activities: activitiesBench,
  quiz: quizBench,
  figures: figuresBench,
  soak: soakBench,
};
/** Parts too long for a plain `pnpm bench`. */
const ONLY_WHEN_NAMED = new Set(['soak']);
const asked = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = asked.filter((name) => !(name in PARTS));
if (unknown.length) {
  console.error(`Unknown benchmark part: ${unknown.join(', ')} (known: ${Object.keys(PARTS).join(', ')})`);
  process.exit(2);
}
for (const [name, run] of Object.entries(PARTS)) {
  if (asked.includes(name) || (asked.length === 0 && !ONLY_WHEN_NAMED.has(name))) await run();
}
