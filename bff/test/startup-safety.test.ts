/**
 * Starting several instances at once, as a deployment or a restart of every machine does:
 * on a fresh empty database their index builds race and all of them still come up ready and
 * serve, with every declared index in place; a payment run a crash left half-recorded is
 * settled once, not once per instance, although each instance settles stuck runs at start-up;
 * and production refuses the demo data before touching the database.
 */
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { startTestApi, type TestApi } from './harness';
import { tally } from './race';
import { runRefusedInstance, startOtherInstance, type OtherInstance } from './instances';
import { AidApplicationModel } from '../src/modules/aid/aid-application.model';
import { AidTimelineModel } from '../src/modules/aid/aid-timeline.model';
import { AidDisbursementBatchModel } from '../src/modules/aid-review/disbursement-batch.model';
import {
  approvedApplication,
  crashedBatch,
  createAidWorld,
  type AidWorld,
} from '../src/modules/aid-review/test-support';
import { NotificationModel } from '../src/modules/notifications/notification.model';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(() => api?.stop());

/** A database of its own on the test's server, never used before. */
function freshDatabase() {
  const name = `fresh_${randomBytes(6).toString('hex')}`;
  const address = new URL(inject('mongoUri'));
  address.pathname = `/${name}`;
  const db = mongoose.connection.getClient().db(name);
  return {
    uri: address.toString(),
    db,
    // The embedded server's data dies with the run; a real one's is dropped.
    drop: async () => void (process.env.MONGODB_URI ? await db.dropDatabase() : undefined),
  };
}

const startThree = (env: Record<string, string> = {}) =>
  Promise.all([startOtherInstance(env), startOtherInstance(env), startOtherInstance(env)]);
const stopAll = (instances: OtherInstance[]) => Promise.all(instances.map((instance) => instance.stop()));

describe('three instances started at the same moment', () => {
  it('all become ready on a fresh empty database and serve, with every declared index built', async () => {
    const fresh = freshDatabase();
    const instances = await startThree({ MONGODB_URI: fresh.uri });
    try {
      for (const { url } of instances) {
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
        const login = await fetch(`${url}/api/auth/password-login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'nobody', password: 'guess' }),
        });
        expect(login.status).toBe(401);
        const nearby = await fetch(`${url}/api/stations/nearby?lat=30.28&lng=120.14&radius=2000`);
        expect(nearby.status).toBe(200);
        expect(((await nearby.json()) as { items: unknown[] }).items).toEqual([]);
      }
      // Every index a model declares exists, unique where declared so (they guard invariants).
      const missing: string[] = [];
      let checked = 0;
      for (const model of Object.values(mongoose.models)) {
        const built = await fresh.db
          .collection(model.collection.collectionName)
          .indexes()
          .catch(() => []);
        for (const [keys, options] of model.schema.indexes()) {
          checked += 1;
          const found = built.find((index) => JSON.stringify(index.key) === JSON.stringify(keys));
          if (!found || Boolean(found.unique) !== Boolean(options.unique)) {
            missing.push(`${model.modelName} ${JSON.stringify(keys)}`);
          }
        }
      }
      expect(missing).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    } finally {
      await stopAll(instances);
      await fresh.drop();
    }
  }, 120_000);

  it('settle payment runs a crash left half-recorded once between them, telling each applicant once', async () => {
    const world: AidWorld = await createAidWorld(api);
    const programmeId = await world.createProgramme({ noticeDays: 0 });
    const approved = await approvedApplication(api, world, programmeId, '孙权');
    // Many stuck runs, so the three start-up sweeps overlap: each of 40 approved applications
    // (copies of a real one) in a run recorded in full but never marked done, and 2 more in a
    // run cut off after its first application.
    const template = (await AidApplicationModel.findById(approved.id).lean())!;
    const copies = await AidApplicationModel.insertMany(
      Array.from({ length: 42 }, () => ({ ...template, _id: new Types.ObjectId(), childKey: undefined })),
    );
    const ids = copies.map((copy) => String(copy._id));
    const [paid, cutOff] = [ids.slice(0, 40), ids.slice(40)];
    const stuck = 5 * 60_000;
    const full = [];
    for (const id of paid) full.push(await crashedBatch(programmeId, `req-startup-${id}`, [id], [id], stuck));
    const half = await crashedBatch(programmeId, 'req-startup-half', cutOff, cutOff.slice(0, 1), stuck);

    const instances = await startThree();
    await stopAll(instances);

    const batches = await AidDisbursementBatchModel.find({ _id: { $in: [...full, half] } }).lean();
    expect(tally(batches, (batch) => batch.state)).toEqual({ done: 40, failed: 1 });
    const disbursed = await AidTimelineModel.find({ applicationId: { $in: ids }, action: 'disbursed' }).lean();
    const told = await NotificationModel.find({ accountId: template.accountId, title: '助学金已发放' }).lean();
    const toldAbout = (id: string) => told.filter((message) => message.link?.endsWith(`id=${id}`)).length;
    for (const id of paid) {
      expect((await AidApplicationModel.findById(id).lean())!.status).toBe('disbursed');
      expect(disbursed.filter((entry) => String(entry.applicationId) === id)).toHaveLength(1);
      expect(toldAbout(id)).toBe(1);
    }
    for (const id of cutOff) {
      expect((await AidApplicationModel.findById(id).lean())!.status).toBe('approved');
      expect(disbursed.filter((entry) => String(entry.applicationId) === id)).toHaveLength(0);
      expect(toldAbout(id)).toBe(0);
    }
  }, 120_000);
});

describe('production', () => {
  it('refuses to start with the demo data switched on, before touching the database', async () => {
    const fresh = freshDatabase();
    const secret = () => randomBytes(32).toString('base64');
    const cardKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    // A production configuration that is complete in every other respect.
    const refused = await runRefusedInstance({
      NODE_ENV: 'production',
      MONGODB_URI: fresh.uri,
      JWT_SECRET: secret(),
      FIELD_ENCRYPTION_KEY: secret(),
      BLIND_INDEX_KEY: secret(),
      CARD_SIGNING_KEY: cardKey.toString('base64'),
      WECHAT_APP_SECRET: secret(),
      STATION_CODE_SECRET: secret(),
      WECHAT_API_BASE_URL: 'https://api.weixin.qq.com',
      FILE_STORE: mkdtempSync(join(tmpdir(), 'union-uploads-')),
      SEED_DEMO_DATA: 'true',
    });
    expect(refused.code).toBe(78);
    const problems = refused.output.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toEqual(['  - SEED_DEMO_DATA: 生产环境不能写入演示数据']);
    // Nothing written, not even an index (every start builds them first thing after connecting).
    expect(await fresh.db.collection('members').countDocuments()).toBe(0);
    expect(await fresh.db.collection('stations').countDocuments()).toBe(0);
    const accountIndexes = await fresh.db
      .collection('accounts')
      .indexes()
      .catch(() => []);
    expect(accountIndexes.map((index) => index.name).filter((name) => name !== '_id_')).toEqual([]);
  }, 60_000);
});
