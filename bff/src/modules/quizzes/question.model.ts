/**
 * One question of a quiz's bank. `stemKey` is the stem without spacing and punctuation, so the
 * same question typed twice is refused by a unique index, not only by the import's check.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { QUIZ_QUESTION_TYPES } from '@union/shared';

const questionSchema = new Schema(
  {
    quizId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: QUIZ_QUESTION_TYPES, required: true },
    stem: { type: String, required: true },
    stemKey: { type: String, required: true },
    options: { type: [String], default: [] },
    answer: { type: [String], required: true },
    explanation: { type: String, default: '' },
    category: { type: String, default: '' },
  },
  { versionKey: false },
);
questionSchema.index({ quizId: 1, stemKey: 1 }, { unique: true });
questionSchema.index({ quizId: 1, _id: 1 });

export type QuestionDoc = InferSchemaType<typeof questionSchema> & { _id: Types.ObjectId };
export const QuestionModel = mongoose.model('QuizQuestion', questionSchema);

/** What makes two stems the same question: the text without spaces and punctuation. */
export function stemKeyOf(stem: string): string {
  return stem.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}
