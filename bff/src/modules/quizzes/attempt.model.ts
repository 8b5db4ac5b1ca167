/**
 * One sitting of a quiz by a member: the paper drawn for it (question ids and points; the texts
 * come from the frozen bank), the answers saved before the deadline, and once finished the grade.
 */
import mongoose, { Schema, type Types } from 'mongoose';
import { QUIZ_ATTEMPT_STATUSES, type QuizAttemptStatus } from '@union/shared';

const slotSchema = new Schema(
  { questionId: { type: Schema.Types.ObjectId, required: true }, points: { type: Number, required: true } },
  { _id: false },
);
const gradedSchema = new Schema(
  {
    questionId: { type: Schema.Types.ObjectId, required: true },
    correct: { type: Boolean, required: true },
    earned: { type: Number, required: true },
  },
  { _id: false },
);

const attemptSchema = new Schema(
  {
    quizId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    /** 1 for the member's first attempt at this quiz, and so on. */
    seq: { type: Number, required: true },
    status: { type: String, enum: QUIZ_ATTEMPT_STATUSES, default: 'in_progress' },
    startedAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    paper: { type: [slotSchema], required: true },
    /** Question id → chosen letters; only what arrived before the deadline. */
    answers: { type: Schema.Types.Mixed, default: {} },
    savedAt: { type: Date, default: null },
    submittedAt: { type: Date, default: null },
    score: { type: Number, default: null },
    correctCount: { type: Number, default: null },
    durationSeconds: { type: Number, default: null },
    graded: { type: [gradedSchema], default: [] },
  },
  { versionKey: false, minimize: false },
);
attemptSchema.index({ quizId: 1, memberId: 1, seq: 1 }, { unique: true });
attemptSchema.index({ status: 1, deadline: 1 });

/** An attempt as read with `lean()`. */
export interface AttemptDoc {
  _id: Types.ObjectId;
  quizId: Types.ObjectId;
  memberId: Types.ObjectId;
  seq: number;
  status: QuizAttemptStatus;
  startedAt: Date;
  deadline: Date;
  paper: { questionId: Types.ObjectId; points: number }[];
  answers: Record<string, string[]>;
  savedAt: Date | null;
  submittedAt: Date | null;
  score: number | null;
  correctCount: number | null;
  durationSeconds: number | null;
  graded: { questionId: Types.ObjectId | string; correct: boolean; earned: number }[];
}
export const AttemptModel = mongoose.model('QuizAttempt', attemptSchema);
