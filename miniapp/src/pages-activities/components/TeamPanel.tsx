/**
 * 我的队伍 beside an entry: the invitation code (for captain and joiners alike, so anyone in the
 * team can invite), the members as the BFF masks them, size against the rule, whether it is
 * locked, 退出队伍 for a joiner and 移出 of a member for the captain, before it locks.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { fetchMyTeam, leaveTeam, removeTeamMember, type Team } from '../../services/activities';
import { ApiError, errorMessage } from '../../services/http';
import { showMessage, showSuccess } from '../../utils/toast';

function stateText(team: Team): string {
  if (team.status === 'cancelled') return '队伍已解散';
  if (team.locked) return '已锁定（报名已截止）';
  return '组队中，报名截止时锁定';
}

export function TeamPanel({
  activityId,
  activityTitle,
  reloadKey,
  onLeft,
}: {
  activityId: string;
  activityTitle: string;
  /** Changes when the page reloads its entry, so the team is read again with it. */
  reloadKey?: unknown;
  onLeft: () => void;
}) {
  const [team, setTeam] = useState<Team | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setTeam(await fetchMyTeam(activityId));
      setError(null);
    } catch (e) {
      setTeam(null);
      // 404: no team (left, or dissolved and freed); nothing to show.
      setError(e instanceof ApiError && e.status === 404 ? null : errorMessage(e));
    }
  }, [activityId]);
  useEffect(() => void load(), [load, reloadKey]);

  if (error) {
    return (
      <View className="notice notice--error" data-testid="team-error">
        <Text>{error}</Text>
      </View>
    );
  }
  if (!team) return null;

  const open = team.status === 'open' && !team.locked;
  const copy = () =>
    void Taro.setClipboardData({
      data: `邀请你加入「${activityTitle}」的队伍「${team.name}」：在工会小程序打开该活动，选择「加入队伍」，输入邀请码 ${team.code}`,
    });
  const leave = async () => {
    if (busy) return;
    const answer = await Taro.showModal({
      title: '退出队伍',
      content: `确定退出队伍「${team.name}」吗？退出后本活动将不再为您保留名额。`,
    });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      await leaveTeam(team.id);
      showSuccess('已退出队伍');
      onLeft();
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (member: Team['members'][number]) => {
    if (busy) return;
    const answer = await Taro.showModal({ title: '移出队员', content: `确定将${member.name}移出队伍吗？` });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      setTeam(await removeTeamMember(team.id, member.memberId));
      showSuccess('已移出');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const size = team.min === team.max ? `${team.min}` : `${team.min}–${team.max}`;
  return (
    <View className="panel" data-testid="team-panel">
      <Text className="panel__title" data-testid="team-name">
        {`我的队伍：${team.name}（${team.role === 'captain' ? '队长' : '队员'}）`}
      </Text>
      <Text className="muted">邀请码</Text>
      <Text className="team-code" data-testid="team-code">
        {team.code}
      </Text>
      {open ? (
        <>
          <Button className="btn btn--small" onClick={copy} data-testid="team-copy">
            复制
          </Button>
          <Text className="muted" data-testid="team-share-hint">
            分享：复制后发到微信群或发给队友，队友打开本活动选择「加入队伍」并输入邀请码即可加入
          </Text>
        </>
      ) : null}
      <Text data-testid="team-size">{`人数：${team.size}人（需${size}人）`}</Text>
      {open && team.size < team.min ? (
        <Text className="activity-state">{`还差${team.min - team.size}人，截止时人数不足队伍将被取消`}</Text>
      ) : null}
      <Text className="activity-state" data-testid="team-state">
        {stateText(team)}
      </Text>
      <View data-testid="team-members">
        {team.members.map((m) => (
          <View key={m.memberId} className="team-member" data-testid="team-member">
            <Text className="muted">{`${m.name}${m.captain ? '（队长）' : ''}`}</Text>
            {team.role === 'captain' && open && !m.captain ? (
              <Button className="btn btn--ghost btn--small" onClick={() => void remove(m)} data-testid="team-remove">
                移出
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {team.role === 'captain' && open ? <Text className="muted">取消报名将解散整个队伍</Text> : null}
      {team.role === 'member' && open ? (
        <Button className="btn btn--ghost" loading={busy} onClick={() => void leave()} data-testid="team-leave">
          退出队伍
        </Button>
      ) : null}
    </View>
  );
}
