import { Button, Input, Text, View } from '@tarojs/components';
import { Chip } from '../../../components/Chip';
import { FieldError } from '../../components/FieldError';
import type { RoundDraft, SetupDraft, SetupErrors, TieBreakDraft, TierDraft } from '../draft';

const AWARD_NAMES = ['一等奖', '二等奖', '三等奖', '优秀奖'];

interface RankingEditorProps {
  draft: SetupDraft;
  groups: readonly { id: string; name: string; entrants: number }[];
  errors: SetupErrors;
  onChange: (patch: Partial<SetupDraft>) => void;
}

function roundLabel(rounds: readonly RoundDraft[], id: string) {
  const index = rounds.findIndex((r) => r.id === id);
  return index < 0 ? id : rounds[index]!.name || `第${index + 1}轮`;
}

/** Ranking basis, the declared tie-break order, and each group's awards by count or share. */
export function RankingEditor({ draft, groups, errors, onChange }: RankingEditorProps) {
  const setRule = (index: number, patch: Partial<TieBreakDraft>) =>
    onChange({ tieBreak: draft.tieBreak.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });
  const setTiers = (groupId: string, tiers: TierDraft[]) => onChange({ awards: { ...draft.awards, [groupId]: tiers } });
  const rubricRounds = draft.rounds.filter((r) => r.scoring === 'rubric');

  return (
    <>
      <View className="panel" data-testid="setup-ranking">
        <Text className="panel__title">排名</Text>
        <View className="contest-admin__chips">
          <Chip
            on={draft.basis === 'weighted_total'}
            onClick={() => onChange({ basis: 'weighted_total' })}
            testId="setup-basis-weighted"
          >
            按各轮加权总分
          </Chip>
          <Chip
            on={draft.basis === 'last_round'}
            onClick={() => onChange({ basis: 'last_round' })}
            testId="setup-basis-last"
          >
            按最后一轮成绩
          </Chip>
        </View>
        <FieldError errors={errors} path="rounds" />
        <Text className="muted">成绩相同时依次比较（仍相同则并列同名次）：</Text>
        {draft.tieBreak.map((rule, index) => {
          const round = draft.rounds.find((r) => r.id === rule.roundId);
          return (
            <View key={index} className="contest-admin__sub" data-testid={`setup-tie-${index}`}>
              <View className="contest-admin__chips">
                {draft.rounds.map((r) => (
                  <Chip
                    key={r.id}
                    on={rule.roundId === r.id}
                    onClick={() => setRule(index, { roundId: r.id, itemId: '' })}
                  >
                    {roundLabel(draft.rounds, r.id)}
                  </Chip>
                ))}
              </View>
              <FieldError errors={errors} path={`ranking.tieBreak.${index}.roundId`} />
              {rule.by === 'item' ? (
                <View className="contest-admin__chips">
                  {(round?.scoring === 'rubric' ? round.items : []).map((item) => (
                    <Chip
                      key={item.id}
                      on={rule.itemId === item.id}
                      onClick={() => setRule(index, { itemId: item.id })}
                    >
                      {item.name || item.id}
                    </Chip>
                  ))}
                </View>
              ) : null}
              <FieldError errors={errors} path={`ranking.tieBreak.${index}.itemId`} />
              <Text className="muted">{rule.by === 'item' ? '该评分项平均分高者在前' : '该轮成绩好者在前'}</Text>
              <Button
                className="btn btn--small"
                onClick={() => onChange({ tieBreak: draft.tieBreak.filter((_, i) => i !== index) })}
              >
                删除
              </Button>
            </View>
          );
        })}
        <View className="contest-admin__actions">
          <Button
            className="btn btn--small"
            onClick={() =>
              onChange({ tieBreak: [...draft.tieBreak, { by: 'round', roundId: draft.rounds[0]!.id, itemId: '' }] })
            }
            data-testid="setup-tie-add-round"
          >
            按轮次比较
          </Button>
          {rubricRounds.length > 0 ? (
            <Button
              className="btn btn--small"
              onClick={() =>
                onChange({
                  tieBreak: [
                    ...draft.tieBreak,
                    { by: 'item', roundId: rubricRounds[0]!.id, itemId: rubricRounds[0]!.items[0]!.id },
                  ],
                })
              }
              data-testid="setup-tie-add-item"
            >
              按评分项比较
            </Button>
          ) : null}
        </View>
      </View>
      {groups.map((group, groupIndex) => {
        const tiers = draft.awards[group.id] ?? [];
        const setTier = (index: number, patch: Partial<TierDraft>) =>
          setTiers(
            group.id,
            tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)),
          );
        const at = `awards.${groupIndex}`;
        return (
          <View key={group.id} className="panel" data-testid={`setup-awards-${group.id}`}>
            <Text className="panel__title">{`${group.name} 奖项（${group.entrants}人/队）`}</Text>
            {tiers.map((tier, index) => (
              <View key={index} className="contest-admin__sub">
                <View className="contest-admin__chips">
                  {AWARD_NAMES.map((name) => (
                    <Chip key={name} on={tier.name === name} onClick={() => setTier(index, { name })}>
                      {name}
                    </Chip>
                  ))}
                </View>
                <FieldError errors={errors} path={`${at}.tiers.${index}.name`} />
                <View className="contest-admin__line">
                  <Chip on={tier.mode === 'count'} onClick={() => setTier(index, { mode: 'count' })}>
                    名额
                  </Chip>
                  <Chip on={tier.mode === 'share'} onClick={() => setTier(index, { mode: 'share' })}>
                    比例%
                  </Chip>
                  <Input
                    className="field__input"
                    type="digit"
                    value={tier.amount}
                    placeholder={tier.mode === 'count' ? '人数' : '百分比'}
                    onInput={(e) => setTier(index, { amount: e.detail.value })}
                    data-testid={`setup-award-${group.id}-${index}-amount`}
                  />
                  <Text
                    className="link"
                    onClick={() =>
                      setTiers(
                        group.id,
                        tiers.filter((_, i) => i !== index),
                      )
                    }
                  >
                    删除
                  </Text>
                </View>
                <FieldError errors={errors} path={`${at}.tiers.${index}.count`} />
                <FieldError errors={errors} path={`${at}.tiers.${index}.sharePercent`} />
                <FieldError errors={errors} path={`${at}.tiers.${index}`} />
              </View>
            ))}
            <FieldError errors={errors} path={`${at}.tiers`} />
            <Button
              className="btn btn--small"
              onClick={() =>
                setTiers(group.id, [
                  ...tiers,
                  { name: AWARD_NAMES[Math.min(tiers.length, 3)]!, mode: 'count', amount: '' },
                ])
              }
            >
              添加奖项
            </Button>
          </View>
        );
      })}
    </>
  );
}
