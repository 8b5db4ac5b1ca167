/**
 * Tuition-aid output. Personal numbers are unsealed here and shown in full only to
 * the applicant; reviewers see them masked (revealing is a separate, logged action).
 */
import {
  AID_REVIEW_STEP_TEXT,
  chinaDateOf,
  maskIdNumber,
  type AidApplication,
  type AidEligibility,
  type AidProgramme,
  type DocumentKind,
} from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { organizationNames } from '../organizations/service';
import type { AidApplicationDoc } from './aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from './aid-programme.model';
import type { AidTimelineDoc } from './aid-timeline.model';
import { timelinesOf } from './timeline';

/** `6222021234567890123` → `***************0123`: enough to confirm which card, not to use it. */
export function maskAccountNumber(accountNumber: string): string {
  if (accountNumber.length <= 4) return '*'.repeat(accountNumber.length);
  return '*'.repeat(accountNumber.length - 4) + accountNumber.slice(-4);
}

/** Applications open on the programme's first day and close at the end of its last, China time. */
export function isAcceptingApplications(programme: Pick<AidProgrammeDoc, 'applyFrom' | 'applyTo'>, now: Date) {
  const today = chinaDateOf(now);
  return programme.applyFrom <= today && today <= programme.applyTo;
}

/** The programme's rules as the shared eligibility check takes them (a required subdocument in practice). */
export function programmeEligibility(programme: AidProgrammeDoc): AidEligibility {
  const eligibility = programme.eligibility!;
  return {
    minMembershipMonths: eligibility.minMembershipMonths,
    admissionYear: eligibility.admissionYear,
    hardshipCategories: [...eligibility.hardshipCategories],
    perCapitaMonthlyIncomeCeilingFen: eligibility.perCapitaMonthlyIncomeCeilingFen ?? null,
  };
}

export function presentAidProgramme(programme: AidProgrammeDoc, orgName: string, now: Date): AidProgramme {
  return {
    id: String(programme._id),
    name: programme.name,
    year: programme.year,
    orgId: String(programme.orgId),
    orgName,
    applyFrom: programme.applyFrom,
    applyTo: programme.applyTo,
    tiers: programme.tiers.map((tier) => ({ educationLevel: tier.educationLevel!, amountFen: tier.amountFen! })),
    eligibility: programmeEligibility(programme),
    requiredDocuments: [...programme.requiredDocuments],
    reviewChain: [...programme.reviewChain],
    noticeDays: programme.noticeDays,
    acceptingApplications: isAcceptingApplications(programme, now),
  };
}

export interface PresentAidApplicationOptions {
  programme: AidProgrammeDoc;
  /** Name of the applicant's own organisation (application.orgId). */
  orgName: string;
  /** The application's timeline entries, oldest first. */
  timeline: AidTimelineDoc[];
  cipher: FieldCipher;
  /** Only the applicant sees the child's ID number and the account number in full. */
  forApplicant: boolean;
  now: Date;
  /** The disbursement batch that paid this application, when there is one. */
  disbursement?: { paidOn: string; reference: string } | null;
}

/** Drops the keys a partly filled draft has not set, so the client sees only what was typed. */
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>;
}

export function missingDocumentKinds(application: AidApplicationDoc, programme: AidProgrammeDoc): DocumentKind[] {
  const uploaded = new Set(application.documents.map((document) => document.kind));
  return programme.requiredDocuments.filter((kind) => !uploaded.has(kind));
}

export function presentAidApplication(
  application: AidApplicationDoc,
  options: PresentAidApplicationOptions,
): AidApplication {
  const { programme, cipher, forApplicant } = options;
  const child = application.child ?? {};
  const payment = application.payment ?? {};
  const childIdNumber = child.idNumberSealed ? cipher.decrypt(child.idNumberSealed) : undefined;
  const accountNumber = payment.accountNumberSealed ? cipher.decrypt(payment.accountNumberSealed) : undefined;
  const step = application.currentStep ?? null;
  const stepLevel = step === null ? undefined : programme.reviewChain[step];
  return {
    id: String(application._id),
    programmeId: String(application.programmeId),
    programmeName: programme.name,
    status: application.status,
    currentStep: step,
    currentStepLabel: stepLevel ? AID_REVIEW_STEP_TEXT[stepLevel] : null,
    applicant: { memberId: String(application.memberId), name: application.applicantName, orgName: options.orgName },
    child: definedOnly({
      name: child.name ?? undefined,
      idNumber: childIdNumber && (forApplicant ? childIdNumber : maskIdNumber(childIdNumber)),
      school: child.school ?? undefined,
      major: child.major ?? undefined,
      educationLevel: child.educationLevel ?? undefined,
      admissionYear: child.admissionYear ?? undefined,
    }),
    household: definedOnly({
      members: application.household?.members ?? undefined,
      annualIncomeFen: application.household?.annualIncomeFen ?? undefined,
      hardshipCategory: application.household?.hardshipCategory ?? undefined,
      situation: application.household?.situation ?? undefined,
    }),
    payment: definedOnly({
      method: payment.method ?? undefined,
      bankName: payment.bankName ?? undefined,
      accountName: payment.accountName ?? undefined,
      accountNumber: accountNumber && (forApplicant ? accountNumber : maskAccountNumber(accountNumber)),
    }),
    declarationAccepted: application.declarationAccepted ?? false,
    documents: application.documents.map((document) => ({
      id: String(document._id),
      kind: document.kind!,
      contentType: document.contentType ?? '',
      size: document.size ?? 0,
      uploadedAt: (document.uploadedAt ?? application.updatedAt).toISOString(),
    })),
    missingDocuments: missingDocumentKinds(application, programme),
    amountFen: application.amountFen ?? null,
    noticeEndsAt: application.noticeEndsAt ? application.noticeEndsAt.toISOString() : null,
    disbursement: options.disbursement ?? null,
    timeline: options.timeline.map((entry) => ({
      at: entry.at.toISOString(),
      action: entry.action as AidApplication['timeline'][number]['action'],
      actor: entry.actorLabel,
      step: entry.step ?? null,
      note: entry.note ?? null,
    })),
    updatedAt: application.updatedAt.toISOString(),
    version: application.version,
  };
}

// ---- a page of output, with what it needs loaded at once ----------------------

/** Programmes with the names of the organisations running them. */
export async function presentProgrammes(programmes: AidProgrammeDoc[], now: Date): Promise<AidProgramme[]> {
  const names = await organizationNames(programmes.map((programme) => programme.orgId));
  return programmes.map((programme) => presentAidProgramme(programme, names.get(String(programme.orgId)) ?? '', now));
}

/** The member's own applications, in full (the applicant sees their own numbers). */
export async function presentForApplicant(
  applications: AidApplicationDoc[],
  cipher: FieldCipher,
  now: Date,
): Promise<AidApplication[]> {
  const programmeIds = [...new Set(applications.map((application) => String(application.programmeId)))];
  const [programmes, names, timelines] = await Promise.all([
    AidProgrammeModel.find({ _id: { $in: programmeIds } }).lean<AidProgrammeDoc[]>(),
    organizationNames(applications.map((application) => application.orgId)),
    timelinesOf(applications.map((application) => application._id)),
  ]);
  const byId = new Map(programmes.map((programme) => [String(programme._id), programme]));
  return applications.map((application) =>
    presentAidApplication(application, {
      programme: byId.get(String(application.programmeId))!,
      orgName: names.get(String(application.orgId)) ?? '',
      timeline: timelines.get(String(application._id)) ?? [],
      cipher,
      forApplicant: true,
      now,
    }),
  );
}
