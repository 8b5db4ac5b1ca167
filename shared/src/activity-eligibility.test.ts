/** Activities: windows and deadlines at their exact instants in China time, and who may sign up. */
import { describe, expect, it } from 'vitest';
import {
  type ActivityAudience,
  type AudienceMember,
  ageOn,
  ageRangeText,
  audienceProblem,
  cancelProblem,
  currentCheckInSession,
  mayCancel,
  sessionOpenForCheckIn,
  signUpWindowState,
} from './activity-eligibility';
import { chinaInstant } from './china-time';
import { idNumberCheckChar } from './identity';

/** An instant one second before or after a China wall-clock time. */
const secondBefore = (at: Date) => new Date(at.getTime() - 1000);
const secondAfter = (at: Date) => new Date(at.getTime() + 1000);

describe('signUpWindowState', () => {
  const activity = {
    signUpOpensAt: chinaInstant('2026-12-01', '09:00'),
    signUpClosesAt: chinaInstant('2026-12-05', '18:00'),
  };

  it('opens at the opening minute in China time, not a second before', () => {
    expect(activity.signUpOpensAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(signUpWindowState(activity, secondBefore(activity.signUpOpensAt))).toBe('not_open');
    expect(signUpWindowState(activity, activity.signUpOpensAt)).toBe('open');
  });

  it('closes at the closing minute: 17:59:59 is the last second', () => {
    expect(signUpWindowState(activity, secondBefore(activity.signUpClosesAt))).toBe('open');
    expect(signUpWindowState(activity, activity.signUpClosesAt)).toBe('closed');
    expect(signUpWindowState(activity, secondAfter(activity.signUpClosesAt))).toBe('closed');
  });
});

describe('cancelling', () => {
  const activity = { cancelDeadline: chinaInstant('2026-12-10', '12:00') };
  const afterDeadline = secondAfter(activity.cancelDeadline);

  it('lets a confirmed member cancel until the deadline, not at it', () => {
    expect(mayCancel(activity, { status: 'confirmed' }, secondBefore(activity.cancelDeadline))).toBe(true);
    expect(cancelProblem(activity, { status: 'confirmed' }, activity.cancelDeadline)).toBe(
      '已过取消截止时间，如有特殊情况请联系组织者',
    );
  });

  it('always lets a member give up an entry that holds no place yet, or a place not yet taken up', () => {
    for (const status of ['waitlisted', 'awaiting_draw', 'pending_review', 'offered', 'pending_payment'] as const) {
      expect(mayCancel(activity, { status }, afterDeadline), status).toBe(true);
    }
  });

  it('refuses to cancel what is already over', () => {
    expect(cancelProblem(activity, { status: 'checked_in' }, secondBefore(activity.cancelDeadline))).toBe(
      '当前状态为“已签到”，不能取消',
    );
    expect(mayCancel(activity, { status: 'cancelled' }, secondBefore(activity.cancelDeadline))).toBe(false);
    expect(mayCancel(activity, { status: 'not_drawn' }, secondBefore(activity.cancelDeadline))).toBe(false);
  });
});

describe('check-in', () => {
  const morning = { startsAt: chinaInstant('2026-12-12', '09:00'), endsAt: chinaInstant('2026-12-12', '11:30') };
  const afternoon = { startsAt: chinaInstant('2026-12-12', '14:00'), endsAt: chinaInstant('2026-12-12', '16:00') };

  it('opens 30 minutes before the start, to the second', () => {
    expect(sessionOpenForCheckIn(morning, secondBefore(chinaInstant('2026-12-12', '08:30')))).toBe(false);
    expect(sessionOpenForCheckIn(morning, chinaInstant('2026-12-12', '08:30'))).toBe(true);
  });

  it('closes when the session ends', () => {
    expect(sessionOpenForCheckIn(morning, secondBefore(morning.endsAt))).toBe(true);
    expect(sessionOpenForCheckIn(morning, morning.endsAt)).toBe(false);
  });

  it('finds the session open now, if any', () => {
    const sessions = [afternoon, morning];
    expect(currentCheckInSession(sessions, chinaInstant('2026-12-12', '10:00'))).toBe(morning);
    expect(currentCheckInSession(sessions, chinaInstant('2026-12-12', '13:30'))).toBe(afternoon);
    expect(currentCheckInSession(sessions, chinaInstant('2026-12-12', '12:00'))).toBeNull();
  });

  it('picks the earlier of two overlapping sessions', () => {
    const early = { startsAt: chinaInstant('2026-12-12', '09:00'), endsAt: chinaInstant('2026-12-12', '10:00') };
    const next = { startsAt: chinaInstant('2026-12-12', '10:00'), endsAt: chinaInstant('2026-12-12', '11:00') };
    expect(currentCheckInSession([next, early], chinaInstant('2026-12-12', '09:45'))).toBe(early);
  });
});

describe('audience', () => {
  /** A valid ID number: birth date `YYYYMMDD`, sequence ending odd for a man, even for a woman. */
  const idNumber = (birth: string, sequence: string) => {
    const first17 = `110101${birth}${sequence}`;
    return first17 + idNumberCheckChar(first17);
  };
  const city = 'org-city';
  const district = 'org-district';
  const street = 'org-street';
  const anywhere: ActivityAudience = {
    orgId: district,
    orgName: '东城区总工会',
    occupations: [],
    hardshipFamiliesOnly: false,
    gender: null,
    minAge: null,
    maxAge: null,
  };
  const member: AudienceMember = {
    status: 'active',
    realNameBound: true,
    orgPath: [city, district, street],
    occupation: 'rider',
    hardshipFamily: false,
    idNumber: idNumber('19911213', '002'),
  };
  const firstSession = chinaInstant('2026-12-12', '09:00');

  it('admits an active, real-name-bound member of the subtree', () => {
    expect(audienceProblem(anywhere, member, firstSession)).toBeNull();
  });

  it('refuses a member outside the organiser’s subtree', () => {
    expect(audienceProblem(anywhere, { ...member, orgPath: [city, 'org-other-district'] }, firstSession)).toBe(
      '本活动仅限东城区总工会所属会员报名',
    );
  });

  it('refuses a suspended member and one not yet bound by real name', () => {
    expect(audienceProblem(anywhere, { ...member, status: 'suspended' }, firstSession)).toBe(
      '会籍状态正常的会员方可报名',
    );
    expect(audienceProblem(anywhere, { ...member, realNameBound: false }, firstSession)).toBe(
      '请先完成实名绑定后再报名',
    );
  });

  it('admits only the chosen occupations', () => {
    const riders = { ...anywhere, occupations: ['rider', 'courier'] as const };
    expect(audienceProblem(riders, member, firstSession)).toBeNull();
    expect(audienceProblem(riders, { ...member, occupation: 'employee' }, firstSession)).toBe(
      '本活动仅限外卖骑手、快递员报名',
    );
  });

  it('admits only hardship families when asked', () => {
    const hardship = { ...anywhere, hardshipFamiliesOnly: true };
    expect(audienceProblem(hardship, member, firstSession)).toBe('本活动仅限困难职工家庭报名');
    expect(audienceProblem(hardship, { ...member, hardshipFamily: true }, firstSession)).toBeNull();
  });

  it('reads gender from the 17th digit of the ID number', () => {
    const women = { ...anywhere, gender: 'female' as const };
    expect(audienceProblem(women, member, firstSession)).toBeNull();
    expect(audienceProblem(women, { ...member, idNumber: idNumber('19911213', '001') }, firstSession)).toBe(
      '本活动仅限女性会员报名',
    );
  });

  it('takes age on the first session’s China date, birthday included', () => {
    const screening = { ...anywhere, gender: 'female' as const, minAge: 35, maxAge: 60 };
    expect(audienceProblem(screening, { ...member, idNumber: idNumber('19911212', '002') }, firstSession)).toBeNull();
    expect(audienceProblem(screening, { ...member, idNumber: idNumber('19911213', '002') }, firstSession)).toBe(
      '本活动面向35至60周岁的会员，您活动当天34周岁',
    );
    // Still 60 on the day before turning 61.
    expect(audienceProblem(screening, { ...member, idNumber: idNumber('19651213', '002') }, firstSession)).toBeNull();
    expect(audienceProblem(screening, { ...member, idNumber: idNumber('19651212', '002') }, firstSession)).toBe(
      '本活动面向35至60周岁的会员，您活动当天61周岁',
    );
  });

  it('uses the China date of a session starting just after midnight', () => {
    const earlyStart = chinaInstant('2026-12-13', '00:30');
    expect(earlyStart.toISOString().slice(0, 10)).toBe('2026-12-12');
    const adults = { ...anywhere, minAge: 35 };
    expect(audienceProblem(adults, member, earlyStart)).toBeNull();
  });

  it('counts years of age, with a leap-day birthday on 1 March in a common year', () => {
    expect(ageOn('1990-03-15', '2026-03-14')).toBe(35);
    expect(ageOn('1990-03-15', '2026-03-15')).toBe(36);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('words an age range', () => {
    expect(ageRangeText(35, 60)).toBe('35至60周岁');
    expect(ageRangeText(18, null)).toBe('18周岁及以上');
    expect(ageRangeText(null, 60)).toBe('60周岁及以下');
  });
});
