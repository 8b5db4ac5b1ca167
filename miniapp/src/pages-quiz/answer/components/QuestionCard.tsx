import { Text, View } from '@tarojs/components';
import type { QuizPaperQuestion } from '@union/shared';

interface QuestionCardProps {
  question: QuizPaperQuestion;
  total: number;
  chosen: readonly string[];
  onChoose: (letters: string[]) => void;
}

/** One question: single choice and true/false pick one option (like radios), multiple choice toggles (多选). */
export function QuestionCard({ question, total, chosen, onChoose }: QuestionCardProps) {
  const multiple = question.type === 'multiple';
  const tap = (letter: string) => {
    if (!multiple) return onChoose([letter]);
    const next = chosen.includes(letter) ? chosen.filter((l) => l !== letter) : [...chosen, letter];
    onChoose(next.sort());
  };
  return (
    <View className="panel quiz-question" data-testid="quiz-question" data-question-id={question.id}>
      <View className="quiz-question__head">
        <Text className="quiz-type">{question.typeLabel}</Text>
        <Text className="muted">{`第${question.no}/${total}题 · ${question.points}分${multiple ? ' · 可选多项' : ''}`}</Text>
      </View>
      <Text className="quiz-question__stem" data-testid="quiz-stem">
        {question.stem}
      </Text>
      <View role={multiple ? 'group' : 'radiogroup'}>
        {question.options.map((option) => {
          const on = chosen.includes(option.letter);
          return (
            <View
              key={option.letter}
              className={`quiz-option ${on ? 'quiz-option--on' : ''}`}
              role={multiple ? 'checkbox' : 'radio'}
              aria-checked={on}
              onClick={() => tap(option.letter)}
              data-testid={`quiz-option-${option.letter}`}
            >
              <Text className={`quiz-option__mark ${multiple ? 'quiz-option__mark--square' : ''}`}>
                {option.letter}
              </Text>
              <Text className="quiz-option__text">{option.text}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
