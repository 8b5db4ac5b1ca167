import { Button, Text, View } from '@tarojs/components';
import { Chip } from '../../../components/Chip';
import { TextField } from '../../../components/TextField';
import { FieldError } from '../../components/FieldError';
import {
  emptyItem,
  type AdvancementMode,
  type ItemDraft,
  type RoundDraft,
  type ScoringKind,
  type SetupErrors,
} from '../draft';

const SCORING_LABELS: Record<ScoringKind, string> = { rubric: '评分表', plain: '直接打分', measure: '计时/计量' };
const ADVANCEMENT_LABELS: Record<AdvancementMode, string> = {
  all: '全部晋级',
  top_k: '每组前K名',
  threshold: '分数线',
};

interface RoundEditorProps {
  round: RoundDraft;
  index: number;
  last: boolean;
  weighted: boolean;
  errors: SetupErrors;
  onChange: (patch: Partial<RoundDraft>) => void;
  onRemove: (() => void) | null;
}

/** One round: name, scoring (rubric items / plain maximum / measure unit), aggregation, weight, advancement. */
export function RoundEditor({ round, index, last, weighted, errors, onChange, onRemove }: RoundEditorProps) {
  const at = `rounds.${index}`;
  const tid = `setup-round-${index}`;
  const setItem = (itemIndex: number, patch: Partial<ItemDraft>) =>
    onChange({ items: round.items.map((item, i) => (i === itemIndex ? { ...item, ...patch } : item)) });
  return (
    <View className="panel" data-testid={tid}>
      <Text className="panel__title">{`第${index + 1}轮`}</Text>
      <TextField
        label="轮次名称"
        value={round.name}
        onChange={(name) => onChange({ name })}
        placeholder="如 理论、实操、决赛"
        maxlength={20}
        error={errors[`${at}.name`]}
        testId={`${tid}-name`}
      />
      <View className="contest-admin__chips">
        {(Object.keys(SCORING_LABELS) as ScoringKind[]).map((kind) => (
          <Chip
            key={kind}
            on={round.scoring === kind}
            onClick={() => onChange({ scoring: kind })}
            testId={`${tid}-scoring-${kind}`}
          >
            {SCORING_LABELS[kind]}
          </Chip>
        ))}
      </View>
      <FieldError errors={errors} path={`${at}.scoring`} />
      {round.scoring === 'rubric' ? (
        <View className="contest-admin__sub">
          {round.items.map((item, itemIndex) => {
            const itemAt = `${at}.scoring.items.${itemIndex}`;
            return (
              <View key={item.id} data-testid={`${tid}-item-${itemIndex}`}>
                <TextField
                  label="评分项"
                  value={item.name}
                  onChange={(name) => setItem(itemIndex, { name })}
                  placeholder="如 操作规范"
                  maxlength={20}
                  error={errors[`${itemAt}.name`]}
                  testId={`${tid}-item-${itemIndex}-name`}
                />
                <TextField
                  label="满分"
                  type="digit"
                  value={item.maxPoints}
                  onChange={(maxPoints) => setItem(itemIndex, { maxPoints })}
                  error={errors[`${itemAt}.maxPoints`]}
                  testId={`${tid}-item-${itemIndex}-max`}
                />
                <TextField
                  label="权重"
                  type="digit"
                  value={item.weight}
                  onChange={(weight) => setItem(itemIndex, { weight })}
                  error={errors[`${itemAt}.weight`]}
                  testId={`${tid}-item-${itemIndex}-weight`}
                />
                {round.items.length > 1 ? (
                  <Button
                    className="btn btn--small"
                    onClick={() => onChange({ items: round.items.filter((_, i) => i !== itemIndex) })}
                  >
                    删除此项
                  </Button>
                ) : null}
              </View>
            );
          })}
          <FieldError errors={errors} path={`${at}.scoring.items`} />
          <Button
            className="btn btn--small"
            onClick={() => onChange({ items: [...round.items, emptyItem(round.items.map((i) => i.id))] })}
            data-testid={`${tid}-item-add`}
          >
            添加评分项
          </Button>
        </View>
      ) : null}
      {round.scoring === 'plain' ? (
        <TextField
          label="满分"
          type="digit"
          value={round.maxPoints}
          onChange={(maxPoints) => onChange({ maxPoints })}
          error={errors[`${at}.scoring.maxPoints`]}
          testId={`${tid}-max`}
        />
      ) : null}
      {round.scoring === 'measure' ? (
        <>
          <TextField
            label="计量单位"
            value={round.unit}
            onChange={(unit) => onChange({ unit })}
            placeholder="如 秒、米"
            maxlength={8}
            error={errors[`${at}.scoring.unit`]}
            testId={`${tid}-unit`}
          />
          <View className="contest-admin__chips">
            <Chip on={round.better === 'lower'} onClick={() => onChange({ better: 'lower' })}>
              越小越好
            </Chip>
            <Chip on={round.better === 'higher'} onClick={() => onChange({ better: 'higher' })}>
              越大越好
            </Chip>
          </View>
        </>
      ) : null}
      <View className="contest-admin__chips">
        <Chip on={round.method === 'mean'} onClick={() => onChange({ method: 'mean' })} testId={`${tid}-mean`}>
          平均分
        </Chip>
        <Chip
          on={round.method === 'trimmed_mean'}
          onClick={() => onChange({ method: 'trimmed_mean' })}
          testId={`${tid}-trimmed`}
        >
          去掉最高最低分
        </Chip>
      </View>
      {round.method === 'trimmed_mean' ? (
        <TextField
          label="评委≥N人时"
          type="number"
          value={round.trimWhenAtLeast}
          onChange={(trimWhenAtLeast) => onChange({ trimWhenAtLeast })}
          error={errors[`${at}.aggregation.trimWhenAtLeast`]}
          testId={`${tid}-trim`}
        />
      ) : null}
      {weighted ? (
        <TextField
          label="轮次权重%"
          type="digit"
          value={round.weight}
          onChange={(weight) => onChange({ weight })}
          error={errors[`${at}.weight`]}
          testId={`${tid}-weight`}
        />
      ) : null}
      {!last ? (
        <>
          <View className="contest-admin__chips">
            {(Object.keys(ADVANCEMENT_LABELS) as AdvancementMode[]).map((mode) => (
              <Chip
                key={mode}
                on={round.advancement === mode}
                onClick={() => onChange({ advancement: mode })}
                testId={`${tid}-advance-${mode}`}
              >
                {ADVANCEMENT_LABELS[mode]}
              </Chip>
            ))}
          </View>
          {round.advancement === 'top_k' ? (
            <TextField
              label="每组晋级"
              type="number"
              value={round.k}
              onChange={(k) => onChange({ k })}
              placeholder="人数（与第K名并列者一同晋级）"
              error={errors[`${at}.advancement.k`]}
              testId={`${tid}-k`}
            />
          ) : null}
          {round.advancement === 'threshold' ? (
            <TextField
              label="晋级分数线"
              type="digit"
              value={round.threshold}
              onChange={(threshold) => onChange({ threshold })}
              error={errors[`${at}.advancement.score`]}
              testId={`${tid}-threshold`}
            />
          ) : null}
        </>
      ) : null}
      {onRemove ? (
        <Button className="btn btn--small" onClick={onRemove}>
          删除本轮
        </Button>
      ) : null}
    </View>
  );
}
