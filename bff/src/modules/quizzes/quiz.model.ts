/**
 * A knowledge contest (知识竞赛): settings, paper rules and status. The bank is written only
 * while it is a draft, by one writer at a time (`bankLockedUntil`, a lease), and every bank
 * write bumps `bankRevision`, so publishing checks the very bank it freezes.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { QUIZ_QUESTION_TYPES, QUIZ_STATUSES } from '@union/shared';

const paperRuleSchema = new Schema(
  {
    type: { type: String, enum: QUIZ_QUESTION_TYPES, required: true },
    category: { type: String, default: null },
    count: { type: Number, required: true },
    points: { type: Number, required: true },
  },
  { _id: false },
);

const quizSchema = new Schema(
  {
    title: { type: String, required: true },
    description: { type: String, default: '' },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    audienceOrgId: { type: Schema.Types.ObjectId, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    timeLimitMinutes: { type: Number, required: true },
    attemptsPerMember: { type: Number, required: true },
    rules: { type: [paperRuleSchema], required: true },
    showExplanations: { type: Boolean, default: true },
    status: { type: String, enum: QUIZ_STATUSES, default: 'draft' },
    publishedAt: { type: Date, default: null },
    bankRevision: { type: Number, default: 0 },
    bankLockedUntil: { type: Date, default: () => new Date(0) },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
quizSchema.index({ orgPath: 1, _id: -1 });
quizSchema.index({ audienceOrgId: 1, status: 1, _id: -1 });

export type QuizDoc = InferSchemaType<typeof quizSchema> & { _id: Types.ObjectId };
export const QuizModel = mongoose.model('Quiz', quizSchema);
