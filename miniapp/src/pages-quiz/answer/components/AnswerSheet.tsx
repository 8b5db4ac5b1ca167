import { Text, View } from '@tarojs/components';
import type { QuizAnswers, QuizPaperQuestion } from '@union/shared';

interface AnswerSheetProps {
  questions: QuizPaperQuestion[];
  answers: QuizAnswers;
  current: number;
  onJump: (index: number) => void;
}

export const isAnswered = (answers: QuizAnswers, questionId: string) => (answers[questionId]?.length ?? 0) > 0;

/** 答题卡: every question's number, answered ones filled, the current one ringed; a tap goes there. */
export function AnswerSheet({ questions, answers, current, onJump }: AnswerSheetProps) {
  const answered = questions.filter((q) => isAnswered(answers, q.id)).length;
  return (
    <View className="panel" data-testid="answer-sheet">
      <Text className="panel__title">{`答题卡（已答 ${answered} / ${questions.length}）`}</Text>
      <View className="quiz-sheet">
        {questions.map((question, index) => {
          const done = isAnswered(answers, question.id);
          return (
            <Text
              key={question.id}
              className={`quiz-sheet__cell ${done ? 'quiz-sheet__cell--done' : ''} ${index === current ? 'quiz-sheet__cell--current' : ''}`}
              onClick={() => onJump(index)}
              data-testid="answer-sheet-cell"
              data-state={done ? 'answered' : 'unanswered'}
            >
              {question.no}
            </Text>
          );
        })}
      </View>
      <View className="quiz-sheet__legend">
        <Text className="quiz-sheet__cell quiz-sheet__cell--done quiz-sheet__cell--small"> </Text>
        <Text className="muted">已答</Text>
        <Text className="quiz-sheet__cell quiz-sheet__cell--small"> </Text>
        <Text className="muted">未答</Text>
      </View>
    </View>
  );
}
