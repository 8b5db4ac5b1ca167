/**
 * The emulated merchant and WeChat Pay's side of it: a merchant API key pair (the BFF signs
 * with the private half, the emulator verifies with the public one), a WeChat Pay public key
 * pair with a 微信支付公钥 id (the emulator signs notifications, the BFF verifies) and a random
 * APIv3 key for the encrypted resources. Generated, never configured: nothing here is a secret.
 */
import { generateKeyPair, randomBytes, randomInt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export interface EmulatorIdentity {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPrivateKey: KeyObject;
  merchantPublicKey: KeyObject;
  platformKeyId: string;
  platformPrivateKey: KeyObject;
  platformPublicKey: KeyObject;
  apiV3Key: string;
}

const generateRsa = promisify(generateKeyPair);

interface KeyPairs {
  merchant: { publicKey: KeyObject; privateKey: KeyObject };
  platform: { publicKey: KeyObject; privateKey: KeyObject };
}

// RSA-2048 generation takes a noticeable moment; one set per process serves every emulator.
let keyPairs: Promise<KeyPairs> | null = null;

function generateKeyPairs(): Promise<KeyPairs> {
  keyPairs ??= Promise.all([
    generateRsa('rsa', { modulusLength: 2048 }),
    generateRsa('rsa', { modulusLength: 2048 }),
  ]).then(([merchant, platform]) => ({ merchant, platform }));
  return keyPairs;
}

export const digits = (count: number) => Array.from({ length: count }, () => randomInt(0, 10)).join('');
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export async function createEmulatorIdentity(options: { appId: string }): Promise<EmulatorIdentity> {
  const { merchant, platform } = await generateKeyPairs();
  return {
    mchId: `19${digits(8)}`,
    appId: options.appId,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    platformKeyId: `PUB_KEY_ID_0112${digits(24)}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: Array.from({ length: 32 }, () => ALPHANUMERIC[randomInt(0, ALPHANUMERIC.length)]).join(''),
  };
}
