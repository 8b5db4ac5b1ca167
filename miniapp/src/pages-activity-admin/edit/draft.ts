/**
 * The activity editor's form state: what people type (yuan, China wall-clock times, text
 * numbers) and its translation into the shared ActivityInput (fen, ISO instants, numbers).
 */
import {
  ActivityInputSchema,
  chinaDateTime,
  chinaInstant,
  type ActivityDetail,
  type ActivityInputDraft,
  type ActivityKind,
  type ActivityQuestion,
  type AllocationMode,
} from '@union/shared';
import type { ApiError } from '../../services/http';
import { pathErrorsFromApi, pathErrorsFromZod } from '../../utils/form-errors';
import { fenToYuanInput, yuanToFen } from '../../utils/money';

export interface SessionDraft {
  date: string;
  start: string;
  end: string;
}

export interface GroupDraft {
  id?: string;
  name: string;
  capacity: string;
  allocation: AllocationMode;
  team: boolean;
  teamMin: string;
  teamMax: string;
}

export type QuestionKind = 'short_text' | 'single_choice' | 'multiple_choice';

export interface QuestionDraft {
  id?: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  /** One option per line. */
  options: string;
}

export interface ActivityDraft {
  title: string;
  kind: ActivityKind;
  description: string;
  orgId: string;
  online: boolean;
  venueName: string;
  address: string;
  lat: string;
  lng: string;
  sessions: SessionDraft[];
  groups: GroupDraft[];
  questions: QuestionDraft[];
  priceYuan: string;
  subsidyYuan: string;
  /** China wall-clock `YYYY-MM-DD HH:mm`. */
  signUpOpensAt: string;
  signUpClosesAt: string;
  cancelDeadline: string;
  offerHoldHours: string;
  minAge: string;
  maxAge: string;
  hardshipFamiliesOnly: boolean;
}

/** Errors keyed by the schema path joined with dots: `sessions.0.end`, `fee.subsidyFen`. */
export type DraftErrors = Record<string, string>;

export function emptyGroup(): GroupDraft {
  return { name: '', capacity: '', allocation: 'first_come', team: false, teamMin: '2', teamMax: '5' };
}

export function emptySession(): SessionDraft {
  return { date: '', start: '09:00', end: '11:00' };
}

export function emptyQuestion(): QuestionDraft {
  return { kind: 'short_text', label: '', required: true, options: '' };
}

export function emptyDraft(orgId: string, kind: ActivityKind): ActivityDraft {
  return {
    title: '',
    kind,
    description: '',
    orgId,
    online: false,
    venueName: '',
    address: '',
    lat: '',
    lng: '',
    sessions: [emptySession()],
    groups: [emptyGroup()],
    questions: [],
    priceYuan: '0',
    subsidyYuan: '0',
    signUpOpensAt: '',
    signUpClosesAt: '',
    cancelDeadline: '',
    offerHoldHours: '12',
    minAge: '',
    maxAge: '',
    hardshipFamiliesOnly: false,
  };
}

/** `YYYY-MM-DD HH:mm` in China time → ISO instant; '' when not typed that way (the schema reports it). */
export function chinaTextToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  if (!match) return text.trim();
  const instant = chinaInstant(match[1]!, match[2]!);
  return Number.isNaN(instant.getTime()) ? text.trim() : instant.toISOString();
}

function numberOrNaN(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

/** Yuan the schema can check: an unparsable amount becomes NaN so its field shows the error. */
function fenOf(text: string): number {
  return yuanToFen(text || '0') ?? Number.NaN;
}

export function draftToInput(draft: ActivityDraft): ActivityInputDraft {
  return {
    title: draft.title,
    kind: draft.kind,
    description: draft.description,
    orgId: draft.orgId,
    venue: draft.online
      ? { kind: 'online', name: draft.venueName.trim() || '线上' }
      : {
          kind: 'place',
          name: draft.venueName,
          address: draft.address,
          location: { lat: numberOrNaN(draft.lat), lng: numberOrNaN(draft.lng) },
        },
    sessions: draft.sessions.map((session) => ({ ...session })),
    groups: draft.groups.map((group) => ({
      ...(group.id ? { id: group.id } : {}),
      name: group.name,
      capacity: numberOrNaN(group.capacity),
      allocation: group.allocation,
      team: group.team ? { min: numberOrNaN(group.teamMin), max: numberOrNaN(group.teamMax) } : null,
    })),
    audience: {
      occupations: [],
      gender: null,
      minAge: numberOrNull(draft.minAge),
      maxAge: numberOrNull(draft.maxAge),
      hardshipFamiliesOnly: draft.hardshipFamiliesOnly,
    },
    questions: draft.questions.map((question, index): ActivityQuestion => {
      const base = { id: question.id ?? `q${index + 1}`, title: question.label, required: question.required };
      if (question.kind === 'short_text') return { ...base, type: 'short_text', maxLength: 200 };
      const options = question.options
        .split('\n')
        .map((option) => option.trim())
        .filter(Boolean);
      return question.kind === 'single_choice'
        ? { ...base, type: 'single_choice', options }
        : { ...base, type: 'multiple_choice', options, minPicks: 0, maxPicks: Math.max(1, options.length) };
    }),
    fee: { priceFen: fenOf(draft.priceYuan), subsidyFen: fenOf(draft.subsidyYuan) },
    signUpOpensAt: chinaTextToIso(draft.signUpOpensAt),
    signUpClosesAt: chinaTextToIso(draft.signUpClosesAt),
    cancelDeadline: chinaTextToIso(draft.cancelDeadline),
    offerHoldHours: numberOrNaN(draft.offerHoldHours),
  };
}

export function draftFromDetail(activity: ActivityDetail): ActivityDraft {
  const venue = activity.venue;
  return {
    title: activity.title,
    kind: activity.kind,
    description: activity.description,
    orgId: activity.orgId,
    online: venue.kind === 'online',
    venueName: venue.name,
    address: venue.kind === 'place' ? venue.address : '',
    lat: venue.kind === 'place' ? String(venue.location.lat) : '',
    lng: venue.kind === 'place' ? String(venue.location.lng) : '',
    sessions: activity.sessions.map((session) => {
      const [date = '', start = ''] = chinaDateTime(new Date(session.startsAt)).split(' ');
      return { date, start, end: chinaDateTime(new Date(session.endsAt)).split(' ')[1] ?? '' };
    }),
    groups: activity.groups.map((group) => ({
      id: group.id,
      name: group.name,
      capacity: String(group.capacity),
      allocation: group.allocation,
      team: group.team !== null,
      teamMin: String(group.team?.min ?? 2),
      teamMax: String(group.team?.max ?? 5),
    })),
    questions: activity.questions.map((question) => ({
      id: question.id,
      kind: question.type,
      label: question.title,
      required: question.required,
      options: question.type === 'short_text' ? '' : question.options.join('\n'),
    })),
    priceYuan: fenToYuanInput(activity.fee.priceFen),
    subsidyYuan: fenToYuanInput(activity.fee.subsidyFen),
    signUpOpensAt: chinaDateTime(new Date(activity.signUpOpensAt)),
    signUpClosesAt: chinaDateTime(new Date(activity.signUpClosesAt)),
    cancelDeadline: chinaDateTime(new Date(activity.cancelDeadline)),
    offerHoldHours: String(activity.offerHoldHours),
    minAge: activity.audience.minAge === null ? '' : String(activity.audience.minAge),
    maxAge: activity.audience.maxAge === null ? '' : String(activity.audience.maxAge),
    hardshipFamiliesOnly: activity.audience.hardshipFamiliesOnly,
  };
}

/** The same schema the BFF uses; errors keyed by their full path so each shows at its field. */
export function validateDraft(draft: ActivityDraft): { input: ActivityInputDraft | null; errors: DraftErrors } {
  const input = draftToInput(draft);
  const parsed = ActivityInputSchema.safeParse(input);
  return parsed.success ? { input, errors: {} } : { input: null, errors: pathErrorsFromZod(parsed.error) };
}

/** The BFF's 400 details keyed like the draft's own errors. */
export const errorsFromApi = (error: ApiError): DraftErrors => pathErrorsFromApi(error);
