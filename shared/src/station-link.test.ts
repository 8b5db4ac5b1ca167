import { describe, expect, it } from 'vitest';
import { STATION_CHECK_IN_PAGE, stationCheckInLink, stationCheckInPageUrl, stationCodeFromScan } from './station-link';

const CODE = 'ST1.65f0a1b2c3d4e5f601234567.AbCdEfGhIjKlMnOpQr-_01';

describe('the link on a station poster', () => {
  it('is the code under /s/ of the public base URL, with or without a trailing slash', () => {
    expect(stationCheckInLink('https://union.example.cn', CODE)).toBe(`https://union.example.cn/s/${CODE}`);
    expect(stationCheckInLink('https://union.example.cn/', CODE)).toBe(`https://union.example.cn/s/${CODE}`);
    expect(stationCheckInLink('https://example.cn/union/', CODE)).toBe(`https://example.cn/union/s/${CODE}`);
  });

  it('opens the check-in page of the stations subpackage with the code', () => {
    expect(STATION_CHECK_IN_PAGE).toMatch(/^\/pages-stations\//);
    expect(stationCheckInPageUrl(CODE)).toBe(`${STATION_CHECK_IN_PAGE}?code=${CODE}`);
  });
});

describe('reading a scanned or typed station code', () => {
  it('reads the bare code, as older posters and the typed code carry it', () => {
    expect(stationCodeFromScan(CODE)).toBe(CODE);
    expect(stationCodeFromScan(`  ${CODE}\n`)).toBe(CODE);
  });

  it('reads the code out of the poster link, whatever the origin or the path before /s/', () => {
    expect(stationCodeFromScan(stationCheckInLink('https://union.example.cn', CODE))).toBe(CODE);
    expect(stationCodeFromScan(`http://127.0.0.1:3000/s/${CODE}`)).toBe(CODE);
    expect(stationCodeFromScan(`https://example.cn/union/s/${CODE}/`)).toBe(CODE);
    expect(stationCodeFromScan(`HTTPS://UNION.EXAMPLE.CN/s/${CODE}?from=poster#top`)).toBe(CODE);
    expect(stationCodeFromScan(`https://union.example.cn/s/${CODE.replace(/\./g, '%2E')}`)).toBe(CODE);
  });

  it('reads what weapp hands over as `q` once decoded', () => {
    const q = encodeURIComponent(stationCheckInLink('https://union.example.cn', CODE));
    expect(stationCodeFromScan(decodeURIComponent(q))).toBe(CODE);
  });

  it('finds nothing in text that is not a station code', () => {
    for (const text of [
      '',
      'hello world',
      'ST1.some-code',
      `${CODE}x`,
      CODE.replace('ST1', 'ST2'),
      `https://union.example.cn/other/${CODE}`,
      `https://union.example.cn/s/${CODE}/extra`,
      `https://union.example.cn/s/%E0%A4%A`,
      `ftp://union.example.cn/s/${CODE}`,
      'UC1.65f0a1b2c3d4e5f601234567.1.2.dev1.signature',
    ]) {
      expect(stationCodeFromScan(text), text).toBeNull();
    }
  });
});
