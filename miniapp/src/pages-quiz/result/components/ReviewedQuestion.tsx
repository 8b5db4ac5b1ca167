import { Text, View } from '@tarojs/components';
import type { QuizPaperQuestion, ReviewedQuizQuestion } from '@union/shared';
import { useState } from 'react';
import { lettersText } from '../../format';

/** One question after submission: my answer against the key, and the explanation on request. */
export function ReviewedQuestion({ question, review }: { question: QuizPaperQuestion; review: ReviewedQuizQuestion }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="panel quiz-question" data-testid="quiz-review" data-correct={review.correct}>
      <View className="quiz-question__head">
        <Text className="quiz-type">{`${question.no}. ${question.typeLabel}`}</Text>
        <Text className={`tag ${review.correct ? 'tag--approved' : 'tag--rejected'}`} data-testid="quiz-review-verdict">
          {review.correct ? `正确 +${review.earned}` : '错误'}
        </Text>
      </View>
      <Text className="quiz-question__stem">{question.stem}</Text>
      {question.options.map((option) => {
        const key = review.key.includes(option.letter);
        const mine = review.chosen.includes(option.letter);
        return (
          <View
            key={option.letter}
            className={`quiz-option ${key ? 'quiz-option--key' : ''} ${mine && !key ? 'quiz-option--wrong' : ''}`}
          >
            <Text className="quiz-option__mark">{option.letter}</Text>
            <Text className="quiz-option__text">{option.text}</Text>
          </View>
        );
      })}
      <Text data-testid="quiz-review-answers">{`我的答案：${lettersText(review.chosen)}，正确答案：${lettersText(review.key)}`}</Text>
      {review.explanation ? (
        <>
          <Text className="link" onClick={() => setOpen(!open)} data-testid="quiz-review-toggle">
            {open ? '收起解析' : '查看解析'}
          </Text>
          {open ? (
            <Text className="quiz-explanation" data-testid="quiz-review-explanation">
              {review.explanation}
            </Text>
          ) : null}
        </>
      ) : null}
    </View>
  );
}
