/**
 * The quiz editor's form state — numbers and China wall-clock times as typed — and its
 * translation into the shared QuizInput, checked by the same schema the BFF uses.
 */
import {
  chinaDateTime,
  chinaInstant,
  QuizInputSchema,
  type QuizInput,
  type QuizQuestionType,
  type StaffQuizDetail,
} from '@union/shared';
import type { ApiError } from '../../services/http';
import { pathErrorsFromApi, pathErrorsFromZod } from '../../utils/form-errors';

export interface RuleDraft {
  type: QuizQuestionType;
  /** Empty for any category. */
  category: string;
  count: string;
  points: string;
}

export interface QuizDraft {
  title: string;
  description: string;
  orgId: string;
  /** Empty: the host org itself. */
  audienceOrgId: string;
  /** China wall-clock `YYYY-MM-DD HH:mm`. */
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: string;
  attemptsPerMember: string;
  rules: RuleDraft[];
  showExplanations: boolean;
}

/** Errors keyed by the schema path joined with dots: `rules.0.count`, `closesAt`. */
export type DraftErrors = Record<string, string>;

export function emptyRule(type: QuizQuestionType = 'single'): RuleDraft {
  return { type, category: '', count: '', points: '' };
}

/** The paper the unions' contests usually set: 20 single + 10 multiple + 10 true/false. */
export function emptyQuizDraft(orgId: string): QuizDraft {
  return {
    title: '',
    description: '',
    orgId,
    audienceOrgId: '',
    opensAt: '',
    closesAt: '',
    timeLimitMinutes: '30',
    attemptsPerMember: '1',
    rules: [
      { type: 'single', category: '', count: '20', points: '2' },
      { type: 'multiple', category: '', count: '10', points: '3' },
      { type: 'true_false', category: '', count: '10', points: '1' },
    ],
    showExplanations: true,
  };
}

/** `YYYY-MM-DD HH:mm` in China time → ISO instant; anything else is passed on for the schema to refuse. */
function chinaTextToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  if (!match) return text.trim();
  const instant = chinaInstant(match[1]!, match[2]!);
  return Number.isNaN(instant.getTime()) ? text.trim() : instant.toISOString();
}

/** An empty or unparsable number becomes NaN so that its field shows the schema's message. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export function draftToInput(draft: QuizDraft): QuizInput {
  return {
    title: draft.title,
    description: draft.description,
    orgId: draft.orgId,
    ...(draft.audienceOrgId ? { audienceOrgId: draft.audienceOrgId } : {}),
    opensAt: chinaTextToIso(draft.opensAt),
    closesAt: chinaTextToIso(draft.closesAt),
    timeLimitMinutes: numberOf(draft.timeLimitMinutes),
    attemptsPerMember: numberOf(draft.attemptsPerMember),
    rules: draft.rules.map((rule) => ({
      type: rule.type,
      category: rule.category.trim() || null,
      count: numberOf(rule.count),
      points: numberOf(rule.points),
    })),
    showExplanations: draft.showExplanations,
  };
}

export function draftFromDetail(quiz: StaffQuizDetail): QuizDraft {
  return {
    title: quiz.title,
    description: quiz.description,
    orgId: quiz.orgId,
    audienceOrgId: quiz.audienceOrgId === quiz.orgId ? '' : quiz.audienceOrgId,
    opensAt: chinaDateTime(new Date(quiz.opensAt)),
    closesAt: chinaDateTime(new Date(quiz.closesAt)),
    timeLimitMinutes: String(quiz.timeLimitMinutes),
    attemptsPerMember: String(quiz.attemptsPerMember),
    rules: quiz.rules.map((rule) => ({
      type: rule.type,
      category: rule.category ?? '',
      count: String(rule.count),
      points: String(rule.points),
    })),
    showExplanations: quiz.showExplanations,
  };
}

export function validateQuizDraft(draft: QuizDraft): { input: QuizInput | null; errors: DraftErrors } {
  const input = draftToInput(draft);
  const parsed = QuizInputSchema.safeParse(input);
  return parsed.success ? { input, errors: {} } : { input: null, errors: pathErrorsFromZod(parsed.error) };
}

/** The BFF's 400 details keyed like the draft's own errors. */
export const errorsFromApi = (error: ApiError): DraftErrors => pathErrorsFromApi(error);
