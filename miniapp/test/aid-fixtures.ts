/** Tuition-aid data for tests, typed by the contract so a contract change breaks them. */
import type { AidApplication, AidProgramme } from '@union/shared';

export const PROGRAMME_ID = '64b7f0c2a1b2c3d4e5f6e001';
export const APPLICATION_ID = '64b7f0c2a1b2c3d4e5f6e101';
export const CHILD_ID_NUMBER = '11010519491231002X';

export function aidProgramme(overrides: Partial<AidProgramme> = {}): AidProgramme {
  return {
    id: PROGRAMME_ID,
    name: '2026年金秋助学',
    year: 2026,
    orgId: '64b7f0c2a1b2c3d4e5f60101',
    orgName: '西湖区总工会',
    applyFrom: '2026-07-01',
    applyTo: '2026-09-30',
    tiers: [
      { educationLevel: 'undergraduate', amountFen: 300000 },
      { educationLevel: 'junior_college', amountFen: 200000 },
    ],
    eligibility: {
      minMembershipMonths: 12,
      admissionYear: 2026,
      hardshipCategories: [],
      perCapitaMonthlyIncomeCeilingFen: null,
    },
    requiredDocuments: ['admission_letter', 'household_proof'],
    reviewChain: ['street', 'district'],
    noticeDays: 5,
    acceptingApplications: true,
    ...overrides,
  };
}

export function aidApplication(overrides: Partial<AidApplication> = {}): AidApplication {
  return {
    id: APPLICATION_ID,
    programmeId: PROGRAMME_ID,
    programmeName: '2026年金秋助学',
    status: 'draft',
    currentStep: null,
    currentStepLabel: null,
    applicant: { memberId: '64b7f0c2a1b2c3d4e5f60718', name: '张伟', orgName: '西溪街道总工会' },
    child: {},
    household: {},
    payment: {},
    declarationAccepted: false,
    documents: [],
    missingDocuments: ['admission_letter', 'household_proof'],
    amountFen: null,
    noticeEndsAt: null,
    disbursement: null,
    timeline: [{ at: '2026-07-02T02:00:00.000Z', action: 'created', actor: '申请人', step: null, note: null }],
    updatedAt: '2026-07-02T02:00:00.000Z',
    version: 0,
    ...overrides,
  };
}

/** A draft with every part filled in, as the server would hold it before submission. */
export function completeApplication(overrides: Partial<AidApplication> = {}): AidApplication {
  return aidApplication({
    child: {
      name: '张小明',
      idNumber: CHILD_ID_NUMBER,
      school: '浙江大学',
      major: '计算机科学与技术',
      educationLevel: 'undergraduate',
      admissionYear: 2026,
    },
    household: { members: 3, annualIncomeFen: 4800000, hardshipCategory: 'low_income', situation: '' },
    payment: {
      method: 'bank_card',
      bankName: '中国工商银行杭州西溪支行',
      accountName: '张伟',
      accountNumber: '6222021202001234567',
    },
    declarationAccepted: true,
    documents: [
      {
        id: '64b7f0c2a1b2c3d4e5f6f001',
        kind: 'admission_letter',
        contentType: 'image/jpeg',
        size: 204800,
        uploadedAt: '2026-07-02T03:00:00.000Z',
      },
    ],
    missingDocuments: [],
    ...overrides,
  });
}
