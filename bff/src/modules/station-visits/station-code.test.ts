import { describe, expect, it } from 'vitest';
import { readStationCode, signStationCode } from './station-code';

const secret = 'a-test-station-code-secret-0123456789abcdef';
const stationId = '65f0a1b2c3d4e5f601234567';

describe('station codes', () => {
  it('reads back the station id from a code it signed', () => {
    const code = signStationCode(secret, stationId);
    expect(code).toMatch(/^ST1\.65f0a1b2c3d4e5f601234567\.[A-Za-z0-9_-]{22}$/);
    expect(readStationCode(secret, code)).toBe(stationId);
    expect(readStationCode(secret, `  ${code}\n`)).toBe(stationId);
  });

  it('reads the code from the poster link', () => {
    const code = signStationCode(secret, stationId);
    expect(readStationCode(secret, `https://union.example.cn/s/${code}`)).toBe(stationId);
    expect(readStationCode(secret, `https://union.example.cn/checkin?c=${code}`)).toBeNull();
    expect(readStationCode(secret, `https://union.example.cn/other/${code}`)).toBeNull();
  });

  it('refuses a code signed with another secret, for another station, or altered in any way', () => {
    const code = signStationCode(secret, stationId);
    const signature = code.split('.')[2]!;
    const otherStation = '65f0a1b2c3d4e5f601234568';
    expect(readStationCode('another-secret-of-at-least-32-characters!', code)).toBeNull();
    expect(readStationCode(secret, `ST1.${otherStation}.${signature}`)).toBeNull();
    // Every single-character change of the signature is refused, including the last character's spare bits.
    for (let index = 0; index < signature.length; index++) {
      const changed = signature[index] === 'A' ? 'B' : 'A';
      const altered = signature.slice(0, index) + changed + signature.slice(index + 1);
      expect(readStationCode(secret, `ST1.${stationId}.${altered}`)).toBeNull();
    }
    expect(readStationCode(secret, code.replace('ST1', 'ST2'))).toBeNull();
    expect(readStationCode(secret, 'hello world')).toBeNull();
    expect(readStationCode(secret, '')).toBeNull();
  });
});
