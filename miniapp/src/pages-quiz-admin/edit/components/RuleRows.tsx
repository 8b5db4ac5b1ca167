import { Button, Text, View } from '@tarojs/components';
import { MAX_PAPER_RULES, paperTotals, QUIZ_QUESTION_TYPE_LABELS, QUIZ_QUESTION_TYPES } from '@union/shared';
import { Chip } from '../../../components/Chip';
import { TextField } from '../../../components/TextField';
import { emptyRule, type DraftErrors, type RuleDraft } from '../draft';

interface RuleRowsProps {
  rules: RuleDraft[];
  errors: DraftErrors;
  onChange: (rules: RuleDraft[]) => void;
}

/** 组卷规则: per row a type, an optional category, how many questions and points each; each field shows its own error. */
export function RuleRows({ rules, errors, onChange }: RuleRowsProps) {
  const set = (index: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const numbers = rules.map((rule) => ({ count: Number(rule.count), points: Number(rule.points) }));
  const totals = numbers.every((n) => Number.isInteger(n.count) && Number.isInteger(n.points) && n.count > 0)
    ? paperTotals(numbers)
    : null;
  return (
    <View className="panel" data-testid="quiz-rules-editor">
      <Text className="panel__title">组卷规则</Text>
      <Text className="muted">每位会员的试卷按以下规则从题库随机抽题，题目不重复；填写分类时只从该分类抽取。</Text>
      {errors.rules ? (
        <Text className="field__error" data-testid="quiz-error-rules">
          {errors.rules}
        </Text>
      ) : null}
      {rules.map((rule, index) => (
        <View key={index} className="quiz-admin__item" data-testid="quiz-rule">
          <View className="quiz-admin__chips">
            {QUIZ_QUESTION_TYPES.map((type) => (
              <Chip
                key={type}
                on={rule.type === type}
                onClick={() => set(index, { type })}
                testId={`quiz-rule-${index}-type-${type}`}
              >
                {QUIZ_QUESTION_TYPE_LABELS[type]}
              </Chip>
            ))}
          </View>
          <TextField
            label="分类"
            value={rule.category}
            placeholder="不填为不限分类"
            maxlength={20}
            onChange={(category) => set(index, { category })}
            error={errors[`rules.${index}.category`]}
            testId={`quiz-rule-${index}-category`}
          />
          <TextField
            label="题数"
            type="number"
            value={rule.count}
            onChange={(count) => set(index, { count })}
            error={errors[`rules.${index}.count`]}
            testId={`quiz-rule-${index}-count`}
          />
          <TextField
            label="每题分值"
            type="number"
            value={rule.points}
            onChange={(points) => set(index, { points })}
            error={errors[`rules.${index}.points`]}
            testId={`quiz-rule-${index}-points`}
          />
          {rules.length > 1 ? (
            <Button
              className="btn btn--small"
              onClick={() => onChange(rules.filter((_, i) => i !== index))}
              data-testid={`quiz-rule-${index}-remove`}
            >
              删除此规则
            </Button>
          ) : null}
        </View>
      ))}
      {totals ? (
        <Text data-testid="quiz-rules-totals">{`每份试卷 ${totals.questionCount} 题，满分 ${totals.totalPoints} 分`}</Text>
      ) : null}
      {rules.length < MAX_PAPER_RULES ? (
        <Button
          className="btn btn--small"
          onClick={() => onChange([...rules, emptyRule()])}
          data-testid="quiz-rule-add"
        >
          添加规则
        </Button>
      ) : null}
    </View>
  );
}
