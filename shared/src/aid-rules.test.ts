import { describe, expect, it } from 'vitest';
import { AID_STATUSES, type AidStatus } from './contract/aid';
import {
  AID_EVENTS,
  type AidEligibilityInput,
  type AidEvent,
  type AidState,
  checkAidEligibility,
  membershipMonths,
  nextAidState,
  perCapitaMonthlyIncomeFen,
  tierAmountFen,
} from './aid-rules';

/** An instant given as China wall-clock time, so tests read the way a member would see the date. */
function china(date: string, time = '12:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

describe('membershipMonths', () => {
  it('counts a month complete on the same day of the month, not the day before', () => {
    expect(membershipMonths(china('2026-03-15'), china('2026-09-15'))).toBe(6);
    expect(membershipMonths(china('2026-03-15'), china('2026-09-14'))).toBe(5);
  });

  it('counts across years', () => {
    expect(membershipMonths(china('2020-06-01'), china('2026-06-01'))).toBe(72);
    expect(membershipMonths(china('2025-11-20'), china('2026-02-19'))).toBe(2);
    expect(membershipMonths(china('2025-11-20'), china('2026-02-20'))).toBe(3);
  });

  it('completes a month on the last day of a shorter month', () => {
    expect(membershipMonths(china('2026-01-31'), china('2026-02-28'))).toBe(1);
    expect(membershipMonths(china('2026-01-31'), china('2026-02-27'))).toBe(0);
    expect(membershipMonths(china('2026-01-30'), china('2026-02-28'))).toBe(1);
    expect(membershipMonths(china('2026-03-31'), china('2026-04-30'))).toBe(1);
    expect(membershipMonths(china('2026-03-31'), china('2026-04-29'))).toBe(0);
  });

  it('waits for 29 February in a leap year', () => {
    expect(membershipMonths(china('2028-01-31'), china('2028-02-28'))).toBe(0);
    expect(membershipMonths(china('2028-01-31'), china('2028-02-29'))).toBe(1);
  });

  it('does not treat joining on the last day of February as joining at month end', () => {
    expect(membershipMonths(china('2026-02-28'), china('2026-03-27'))).toBe(0);
    expect(membershipMonths(china('2026-02-28'), china('2026-03-28'))).toBe(1);
  });

  it('uses China dates when the UTC date is a day earlier', () => {
    // Joined 00:10 on 15 March in China, which is still 14 March in UTC.
    const joinedAt = china('2026-03-15', '00:10:00');
    expect(joinedAt.toISOString().slice(0, 10)).toBe('2026-03-14');
    expect(membershipMonths(joinedAt, china('2026-09-14', '23:50:00'))).toBe(5);
    expect(membershipMonths(joinedAt, china('2026-09-15', '00:05:00'))).toBe(6);
  });

  it('is zero on the joining day and never negative', () => {
    expect(membershipMonths(china('2026-03-15', '08:00:00'), china('2026-03-15', '20:00:00'))).toBe(0);
    expect(membershipMonths(china('2026-09-15'), china('2026-03-15'))).toBe(0);
  });
});

describe('perCapitaMonthlyIncomeFen', () => {
  it('divides the annual income by members and twelve months, rounding down', () => {
    expect(perCapitaMonthlyIncomeFen({ members: 3, annualIncomeFen: 5_400_000 })).toBe(150_000);
    expect(perCapitaMonthlyIncomeFen({ members: 3, annualIncomeFen: 5_400_035 })).toBe(150_000);
    expect(perCapitaMonthlyIncomeFen({ members: 3, annualIncomeFen: 5_400_036 })).toBe(150_001);
    expect(perCapitaMonthlyIncomeFen({ members: 1, annualIncomeFen: 0 })).toBe(0);
  });
});

describe('tierAmountFen', () => {
  const tiers = [
    { educationLevel: 'undergraduate' as const, amountFen: 500_000 },
    { educationLevel: 'junior_college' as const, amountFen: 300_000 },
  ];

  it('gives the grant for a level the programme funds, and null otherwise', () => {
    expect(tierAmountFen(tiers, 'undergraduate')).toBe(500_000);
    expect(tierAmountFen(tiers, 'junior_college')).toBe(300_000);
    expect(tierAmountFen(tiers, 'postgraduate')).toBeNull();
  });
});

describe('checkAidEligibility', () => {
  const programme: AidEligibilityInput['programme'] = {
    applyFrom: '2026-07-01',
    applyTo: '2026-08-31',
    tiers: [
      { educationLevel: 'undergraduate', amountFen: 500_000 },
      { educationLevel: 'junior_college', amountFen: 300_000 },
    ],
    eligibility: {
      minMembershipMonths: 6,
      admissionYear: 2026,
      hardshipCategories: [],
      perCapitaMonthlyIncomeCeilingFen: 150_000,
    },
  };
  const member: AidEligibilityInput['member'] = { status: 'active', joinedAt: china('2025-01-10') };
  const today = china('2026-07-15');

  function check(overrides: Partial<AidEligibilityInput> = {}) {
    return checkAidEligibility({ programme, member, today, ...overrides });
  }
  function codes(overrides: Partial<AidEligibilityInput> = {}) {
    return check(overrides).reasons.map((reason) => reason.code);
  }
  function withEligibility(eligibility: Partial<AidEligibilityInput['programme']['eligibility']>) {
    return { ...programme, eligibility: { ...programme.eligibility, ...eligibility } };
  }

  it('passes an active long-standing member inside the window with no reasons', () => {
    expect(check()).toEqual({ eligible: true, reasons: [] });
  });

  it('passes a complete, qualifying application', () => {
    const result = check({
      child: { educationLevel: 'undergraduate', admissionYear: 2026 },
      household: { members: 3, annualIncomeFen: 3_600_000, hardshipCategory: 'none' },
    });
    expect(result).toEqual({ eligible: true, reasons: [] });
  });

  describe('application window, in China time', () => {
    it('opens at midnight China time on the first day', () => {
      expect(codes({ today: china('2026-07-01', '00:00:00') })).toEqual([]);
      const dayBefore = check({ today: china('2026-06-30', '23:59:59') });
      expect(dayBefore.eligible).toBe(false);
      expect(dayBefore.reasons).toEqual([{ code: 'outside_window', message: expect.stringContaining('2026-07-01') }]);
      expect(dayBefore.reasons[0]!.message).toContain('尚未开始');
    });

    it('stays open through the whole last day and closes at midnight China time', () => {
      // 23:59 on 31 August in China; 15:59 UTC the same day.
      expect(codes({ today: china('2026-08-31', '23:59:59') })).toEqual([]);
      // 00:00 on 1 September in China is still 31 August in UTC.
      const dayAfter = china('2026-09-01', '00:00:00');
      expect(dayAfter.toISOString().slice(0, 10)).toBe('2026-08-31');
      const result = check({ today: dayAfter });
      expect(result.reasons.map((reason) => reason.code)).toEqual(['outside_window']);
      expect(result.reasons[0]!.message).toContain('2026-08-31');
      expect(result.reasons[0]!.message).toContain('截止');
    });
  });

  it('refuses a member whose membership is not active, naming the status', () => {
    const suspended = check({ member: { ...member, status: 'suspended' } });
    expect(suspended.reasons).toEqual([{ code: 'not_active_member', message: expect.stringContaining('已暂停') }]);
    expect(codes({ member: { ...member, status: 'transferred' } })).toEqual(['not_active_member']);
  });

  describe('membership length', () => {
    it('accepts a member on the day they reach the minimum months', () => {
      expect(codes({ member: { ...member, joinedAt: china('2026-01-15') }, today: china('2026-07-15') })).toEqual([]);
    });

    it('refuses one day earlier, saying how long is needed and how long they have', () => {
      const result = check({ member: { ...member, joinedAt: china('2026-01-15') }, today: china('2026-07-14') });
      expect(result).toEqual({
        eligible: false,
        reasons: [{ code: 'membership_too_short', message: '入会满 6 个月方可申请，您目前入会 5 个月' }],
      });
    });

    it('counts the joining day in China time', () => {
      // Joined 00:30 on 15 January China time (still 14 January in UTC).
      const joinedAt = china('2026-01-15', '00:30:00');
      expect(codes({ member: { ...member, joinedAt }, today: china('2026-07-14', '23:30:00') })).toEqual([
        'membership_too_short',
      ]);
      expect(codes({ member: { ...member, joinedAt }, today: china('2026-07-15', '00:30:00') })).toEqual([]);
    });

    it('accepts anyone when the programme asks for zero months', () => {
      const joinedAt = china('2026-07-15', '09:00:00');
      expect(
        codes({ programme: withEligibility({ minMembershipMonths: 0 }), member: { ...member, joinedAt } }),
      ).toEqual([]);
    });
  });

  describe('admission year', () => {
    it('accepts a child admitted in the programme year only', () => {
      expect(codes({ child: { admissionYear: 2026 } })).toEqual([]);
      expect(codes({ child: { admissionYear: 2027 } })).toEqual(['admission_year']);
      const lastYear = check({ child: { admissionYear: 2025 } });
      expect(lastYear.reasons).toEqual([
        { code: 'admission_year', message: '本项目资助 2026 年录取的新生，所填录取年份为 2025 年' },
      ]);
    });
  });

  describe('education level', () => {
    it('refuses a level the programme has no tier for, listing the levels it funds', () => {
      expect(codes({ child: { educationLevel: 'junior_college' } })).toEqual([]);
      const result = check({ child: { educationLevel: 'postgraduate' } });
      expect(result.reasons).toEqual([
        { code: 'no_tier', message: '本项目不资助研究生层次，可资助的层次为：本科、专科' },
      ]);
    });
  });

  describe('hardship category', () => {
    it('accepts every category, including none, when the programme lists none', () => {
      expect(codes({ household: { hardshipCategory: 'none' } })).toEqual([]);
      expect(codes({ household: { hardshipCategory: 'single_parent' } })).toEqual([]);
    });

    it('accepts only the listed categories when the programme restricts them', () => {
      const restricted = withEligibility({ hardshipCategories: ['registered_hardship', 'low_income'] });
      expect(codes({ programme: restricted, household: { hardshipCategory: 'low_income' } })).toEqual([]);
      expect(codes({ programme: restricted, household: { hardshipCategory: 'none' } })).toEqual(['hardship_category']);
      const result = check({ programme: restricted, household: { hardshipCategory: 'single_parent' } });
      expect(result.reasons).toEqual([
        {
          code: 'hardship_category',
          message: expect.stringMatching(/建档困难职工家庭、低收入家庭.*单亲家庭/),
        },
      ]);
    });
  });

  describe('income ceiling', () => {
    it('accepts a household exactly at the per-capita ceiling', () => {
      // 3 people × 12 months × 1,500.00 yuan.
      expect(codes({ household: { members: 3, annualIncomeFen: 5_400_000 } })).toEqual([]);
      // Rounding down: 35 fen more a year is still under 1 fen a person a month.
      expect(codes({ household: { members: 3, annualIncomeFen: 5_400_035 } })).toEqual([]);
    });

    it('refuses a household 1 fen a person a month above, showing both amounts in yuan', () => {
      const result = check({ household: { members: 3, annualIncomeFen: 5_400_036 } });
      expect(result).toEqual({
        eligible: false,
        reasons: [{ code: 'income_ceiling', message: '家庭人均月收入 1500.01 元，超过本项目上限 1500.00 元' }],
      });
    });

    it('has no ceiling when the programme sets none', () => {
      const uncapped = withEligibility({ perCapitaMonthlyIncomeCeilingFen: null });
      expect(codes({ programme: uncapped, household: { members: 1, annualIncomeFen: 100_000_000 } })).toEqual([]);
    });

    it('skips the check until both household size and income are known', () => {
      expect(codes({ household: { annualIncomeFen: 100_000_000 } })).toEqual([]);
      expect(codes({ household: { members: 1 } })).toEqual([]);
    });
  });

  it('lists every failing reason at once, in a stable order', () => {
    const result = check({
      programme: withEligibility({ hardshipCategories: ['low_income'] }),
      member: { status: 'suspended', joinedAt: china('2026-06-01') },
      today: china('2026-09-01'),
      child: { educationLevel: 'postgraduate', admissionYear: 2025 },
      household: { members: 2, annualIncomeFen: 10_000_000, hardshipCategory: 'none' },
    });
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual([
      'outside_window',
      'not_active_member',
      'membership_too_short',
      'admission_year',
      'no_tier',
      'hardship_category',
      'income_ceiling',
    ]);
    for (const reason of result.reasons) expect(reason.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('runs only the member checks in the pre-check, without child or household', () => {
    const result = check({ member: { status: 'transferred', joinedAt: china('2026-05-01') } });
    expect(result.reasons.map((reason) => reason.code)).toEqual(['not_active_member', 'membership_too_short']);
  });
});

describe('nextAidState', () => {
  type Programme = { chainLength: number; noticeDays: number };
  type Legal = { from: AidState; event: AidEvent; to: AidState };

  const programmes: Programme[] = [1, 2, 3].flatMap((chainLength) =>
    [0, 7].map((noticeDays) => ({ chainLength, noticeDays })),
  );
  const steps = (programme: Programme) => Array.from({ length: programme.chainLength }, (_, step) => step);

  /** Every legal transition for a programme, written out from the rules rather than derived from the code. */
  function legalTransitions(programme: Programme): Legal[] {
    const last = programme.chainLength - 1;
    const afterLastStep: AidState = {
      status: programme.noticeDays > 0 ? 'in_notice' : 'approved',
      currentStep: null,
    };
    const ended = (status: AidStatus): AidState => ({ status, currentStep: null });
    return [
      { from: { status: 'draft', currentStep: null }, event: 'submit', to: { status: 'in_review', currentStep: 0 } },
      { from: { status: 'draft', currentStep: null }, event: 'withdraw', to: ended('withdrawn') },
      ...steps(programme).flatMap((step): Legal[] => [
        {
          from: { status: 'returned', currentStep: step },
          event: 'submit',
          to: { status: 'in_review', currentStep: step },
        },
        { from: { status: 'returned', currentStep: step }, event: 'withdraw', to: ended('withdrawn') },
        {
          from: { status: 'in_review', currentStep: step },
          event: 'approve',
          to: step < last ? { status: 'in_review', currentStep: step + 1 } : afterLastStep,
        },
        {
          from: { status: 'in_review', currentStep: step },
          event: 'return',
          to: { status: 'returned', currentStep: step },
        },
        { from: { status: 'in_review', currentStep: step }, event: 'reject', to: ended('rejected') },
        { from: { status: 'in_review', currentStep: step }, event: 'withdraw', to: ended('withdrawn') },
      ]),
      { from: ended('in_notice'), event: 'reject', to: ended('rejected') },
      { from: ended('in_notice'), event: 'notice_elapsed', to: ended('approved') },
      { from: ended('approved'), event: 'disburse', to: ended('disbursed') },
    ];
  }

  const legalCases = programmes.flatMap((programme) =>
    legalTransitions(programme).map((transition) => ({ programme, ...transition })),
  );

  it.each(legalCases)(
    'chain $programme.chainLength, notice $programme.noticeDays days: $from.status@$from.currentStep --$event--> $to.status@$to.currentStep',
    ({ programme, from, event, to }) => {
      expect(nextAidState(from, event, programme)).toEqual({ ok: true, ...to });
    },
  );

  const legalPairs = new Set(legalCases.map(({ from, event }) => `${from.status}:${event}`));
  const illegalPairs = AID_STATUSES.flatMap((status) =>
    AID_EVENTS.filter((event) => !legalPairs.has(`${status}:${event}`)).map((event) => ({ status, event })),
  );

  it('has exactly eleven legal (status, event) pairs out of all fifty-six', () => {
    expect(legalPairs.size).toBe(11);
    expect(illegalPairs).toHaveLength(AID_STATUSES.length * AID_EVENTS.length - 11);
  });

  it.each(illegalPairs)('refuses $event from $status, whatever the step and programme', ({ status, event }) => {
    const possibleSteps = [null, 0, 1, 2];
    for (const programme of programmes) {
      for (const currentStep of possibleSteps) {
        expect(nextAidState({ status, currentStep }, event, programme)).toEqual({
          ok: false,
          message: '当前状态不能执行此操作',
        });
      }
    }
  });

  it('refuses to approve or return an application whose step is outside the chain', () => {
    const programme = { chainLength: 2, noticeDays: 0 };
    for (const currentStep of [null, -1, 2]) {
      expect(nextAidState({ status: 'in_review', currentStep }, 'approve', programme).ok).toBe(false);
      expect(nextAidState({ status: 'in_review', currentStep }, 'return', programme).ok).toBe(false);
    }
  });

  /** Applies events in order, failing loudly on the first illegal one. */
  function run(programme: Programme, events: AidEvent[]): AidState {
    let state: AidState = { status: 'draft', currentStep: null };
    for (const event of events) {
      const next = nextAidState(state, event, programme);
      if (!next.ok) throw new Error(`${event} refused from ${state.status}`);
      state = { status: next.status, currentStep: next.currentStep };
    }
    return state;
  }

  it.each(programmes)(
    'walks a chain of $chainLength with $noticeDays notice days from submission to disbursement',
    (programme) => {
      const approvals: AidEvent[] = steps(programme).map(() => 'approve');
      const notice: AidEvent[] = programme.noticeDays > 0 ? ['notice_elapsed'] : [];
      expect(run(programme, ['submit', ...approvals.slice(0, -1)])).toEqual({
        status: 'in_review',
        currentStep: programme.chainLength - 1,
      });
      expect(run(programme, ['submit', ...approvals])).toEqual({
        status: programme.noticeDays > 0 ? 'in_notice' : 'approved',
        currentStep: null,
      });
      expect(run(programme, ['submit', ...approvals, ...notice, 'disburse'])).toEqual({
        status: 'disbursed',
        currentStep: null,
      });
    },
  );

  it('resumes a returned application at the step that returned it, not at the start', () => {
    const programme = { chainLength: 3, noticeDays: 5 };
    expect(run(programme, ['submit', 'approve', 'return'])).toEqual({ status: 'returned', currentStep: 1 });
    expect(run(programme, ['submit', 'approve', 'return', 'submit'])).toEqual({ status: 'in_review', currentStep: 1 });
    expect(run(programme, ['submit', 'approve', 'return', 'submit', 'approve', 'approve'])).toEqual({
      status: 'in_notice',
      currentStep: null,
    });
  });

  it('lets a rejection during the public notice stop the grant', () => {
    const programme = { chainLength: 1, noticeDays: 7 };
    expect(run(programme, ['submit', 'approve', 'reject'])).toEqual({ status: 'rejected', currentStep: null });
    expect(() => run(programme, ['submit', 'approve', 'reject', 'notice_elapsed'])).toThrow(/notice_elapsed/);
  });

  it('skips the notice entirely when the programme has none', () => {
    const programme = { chainLength: 1, noticeDays: 0 };
    expect(() => run(programme, ['submit', 'approve', 'notice_elapsed'])).toThrow(
      /notice_elapsed refused from approved/,
    );
  });
});
