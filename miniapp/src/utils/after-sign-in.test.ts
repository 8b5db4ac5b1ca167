import { stationCheckInLink } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../routes';
import { pageAfterSignIn, signInThenOpen } from './after-sign-in';

const CODE = 'ST1.65f0a1b2c3d4e5f601234567.AbCdEfGhIjKlMnOpQr-_01';
const CHECK_IN = `${ROUTES.stationCheckIn}?code=${CODE}`;

describe('where the launch page goes once signed in', () => {
  it('checks in at the station whose poster WeChat scanned (`q`, the link percent-encoded)', () => {
    const q = encodeURIComponent(stationCheckInLink('https://union.example.cn', CODE));
    expect(pageAfterSignIn({ q, scancode_time: '1767225600' })).toBe(CHECK_IN);
  });

  it('opens nothing special for a scanned link that is not a station poster', () => {
    expect(pageAfterSignIn({ q: encodeURIComponent('https://union.example.cn/other') })).toBeNull();
  });

  it('returns to the page that asked for the sign-in, as signInThenOpen sends it', () => {
    const then = new URLSearchParams(signInThenOpen(CHECK_IN).split('?')[1]).get('then') ?? '';
    expect(then).toBe(CHECK_IN);
    // weapp hands it over still encoded, H5 decoded: both lead back.
    expect(pageAfterSignIn({ then })).toBe(CHECK_IN);
    expect(pageAfterSignIn({ then: encodeURIComponent(then) })).toBe(CHECK_IN);
  });

  it('goes to 首页 for no request, a tab, itself or anything that is not one of our pages', () => {
    expect(pageAfterSignIn({})).toBeNull();
    for (const then of [ROUTES.mine, ROUTES.login, 'https://evil.example.com/', '/pages-stations/unknown/index']) {
      expect(pageAfterSignIn({ then }), then).toBeNull();
    }
  });
});
