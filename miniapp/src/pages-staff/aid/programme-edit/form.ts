/**
 * The programme form's state and its translation to the contract's AidProgrammeInput.
 * People type yuan, whole numbers and dates as text; everything stays text until the
 * form is checked with the same schema the BFF uses, so a half-typed amount is never lost.
 */
import {
  AidProgrammeInputSchema,
  EDUCATION_LEVELS,
  type DocumentKind,
  type EducationLevel,
  type HardshipCategory,
  type OrgLevel,
} from '@union/shared';
import type { AidProgrammeInput } from '../../../services/aid';
import type { ApiError } from '../../../services/http';
import { yuanToFen } from '../../../utils/money';

export interface ProgrammeForm {
  name: string;
  year: string;
  orgId: string;
  applyFrom: string;
  applyTo: string;
  /** Grant per education level in yuan; empty for a level the programme does not fund. */
  tiers: Record<EducationLevel, string>;
  minMembershipMonths: string;
  admissionYear: string;
  hardshipCategories: HardshipCategory[];
  /** Per-capita monthly income ceiling in yuan; empty for no ceiling. */
  incomeCeiling: string;
  requiredDocuments: DocumentKind[];
  reviewChain: OrgLevel[];
  noticeDays: string;
}

export type FormField =
  | 'name'
  | 'year'
  | 'orgId'
  | 'applyFrom'
  | 'applyTo'
  | 'tiers'
  | 'minMembershipMonths'
  | 'admissionYear'
  | 'hardshipCategories'
  | 'incomeCeiling'
  | 'requiredDocuments'
  | 'reviewChain'
  | 'noticeDays';
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(today: string, orgId: string): ProgrammeForm {
  const year = today.slice(0, 4);
  return {
    name: `${year}年金秋助学`,
    year,
    orgId,
    applyFrom: today,
    // The usual window closes at the end of September; after that the staff picks the date.
    applyTo: today <= `${year}-09-30` ? `${year}-09-30` : '',
    tiers: { postgraduate: '', undergraduate: '', junior_college: '' },
    minMembershipMonths: '12',
    admissionYear: year,
    hardshipCategories: [],
    incomeCeiling: '',
    requiredDocuments: ['admission_letter', 'household_proof', 'child_id'],
    reviewChain: ['street', 'district'],
    noticeDays: '5',
  };
}

/** Where a schema path (`eligibility.admissionYear`, `tiers.0.amountFen`) is shown on the form. */
function fieldOf(path: readonly PropertyKey[]): FormField | null {
  const [head, sub] = path.map(String);
  if (head === 'eligibility') {
    if (sub === 'perCapitaMonthlyIncomeCeilingFen') return 'incomeCeiling';
    if (sub === 'minMembershipMonths' || sub === 'admissionYear' || sub === 'hardshipCategories') return sub;
    return 'minMembershipMonths';
  }
  const fields: readonly string[] = [
    'name',
    'year',
    'orgId',
    'applyFrom',
    'applyTo',
    'tiers',
    'requiredDocuments',
    'reviewChain',
    'noticeDays',
  ];
  return head && fields.includes(head) ? (head as FormField) : null;
}

function addProblem(errors: FormErrors, path: readonly PropertyKey[], message: string): void {
  const field = fieldOf(path);
  if (field && !errors[field]) errors[field] = message;
}

/** A whole number typed as text, or NaN (reported by the caller with a message people understand). */
function wholeNumber(text: string): number {
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** The input to send (amounts in fen), or what to fix, per field. */
export function checkForm(form: ProgrammeForm): { input: AidProgrammeInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const tiers: { educationLevel: EducationLevel; amountFen: number }[] = [];
  for (const educationLevel of EDUCATION_LEVELS) {
    const text = form.tiers[educationLevel].trim();
    if (!text) continue;
    const amountFen = yuanToFen(text);
    if (amountFen === null) errors.tiers ??= '金额请填写数字（元），最多两位小数';
    else tiers.push({ educationLevel, amountFen });
  }
  const ceiling = form.incomeCeiling.trim() ? yuanToFen(form.incomeCeiling) : null;
  if (form.incomeCeiling.trim() && ceiling === null) errors.incomeCeiling = '金额请填写数字（元），最多两位小数';
  const numbers = {
    year: wholeNumber(form.year),
    minMembershipMonths: wholeNumber(form.minMembershipMonths),
    admissionYear: wholeNumber(form.admissionYear),
    noticeDays: wholeNumber(form.noticeDays),
  };
  for (const [field, value] of Object.entries(numbers))
    if (Number.isNaN(value)) errors[field as FormField] = '请填写整数';
  if (!form.orgId) errors.orgId = '请选择举办的工会';

  const parsed = AidProgrammeInputSchema.safeParse({
    name: form.name,
    year: numbers.year,
    orgId: form.orgId,
    applyFrom: form.applyFrom,
    applyTo: form.applyTo,
    tiers,
    eligibility: {
      minMembershipMonths: numbers.minMembershipMonths,
      admissionYear: numbers.admissionYear,
      hardshipCategories: form.hardshipCategories,
      perCapitaMonthlyIncomeCeilingFen: ceiling,
    },
    requiredDocuments: form.requiredDocuments,
    reviewChain: form.reviewChain,
    noticeDays: numbers.noticeDays,
  });
  if (!parsed.success) for (const issue of parsed.error.issues) addProblem(errors, issue.path, issue.message);
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { input: parsed.data };
}

/** The BFF's field details (`body.eligibility.admissionYear`, `orgId`) as form errors. */
export function formErrorsFromApi(error: ApiError): FormErrors {
  const errors: FormErrors = {};
  for (const { path, message } of error.details) addProblem(errors, path.replace(/^body\./, '').split('.'), message);
  return errors;
}
