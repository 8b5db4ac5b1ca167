/**
 * The federation's 2026 tuition-aid programme (金秋助学), reviewed first by the
 * applicant's street federation and then by the district, so the demo staff
 * (street_staff, district_staff) can take an application all the way through.
 */
import type { Types } from 'mongoose';

export const DEMO_AID_PROGRAMME = {
  name: '2026年杭州市总工会金秋助学',
  orgName: '杭州市总工会',
  year: 2026,
  applyFrom: '2026-07-01',
  applyTo: '2026-12-31',
  tiers: [
    { educationLevel: 'postgraduate', amountFen: 500_000 },
    { educationLevel: 'undergraduate', amountFen: 300_000 },
    { educationLevel: 'junior_college', amountFen: 200_000 },
  ],
  eligibility: {
    minMembershipMonths: 12,
    admissionYear: 2026,
    hardshipCategories: [],
    perCapitaMonthlyIncomeCeilingFen: 300_000,
  },
  requiredDocuments: ['admission_letter', 'child_id', 'household_proof'],
  reviewChain: ['street', 'district'],
  noticeDays: 0,
} as const;

export function buildDemoAidProgramme(options: {
  _id: Types.ObjectId;
  org: { _id: Types.ObjectId; path: Types.ObjectId[] };
  createdBy: Types.ObjectId;
}) {
  const { orgName: _orgName, ...programme } = DEMO_AID_PROGRAMME;
  return {
    ...programme,
    _id: options._id,
    orgId: options.org._id,
    orgPath: options.org.path,
    createdBy: options.createdBy,
  };
}
