import { Text, View } from '@tarojs/components';
import type { CardCheckResult } from '@union/shared';
import { MEMBER_STATUS_LABELS } from '../../../../strings/membership';
import { formatDateTime } from '../../../../utils/datetime';
import type { CardCheck } from '../../check-card';
import './index.css';
import { InfoRow } from '../../../../components/InfoRow';

const RESULT_TITLES: Record<CardCheckResult, string> = {
  valid: '有效会员',
  expired: '二维码已过期，请会员刷新',
  not_yet_valid: '二维码尚未生效，请会员刷新或核对手机时间',
  forged: '无效二维码（可能被篡改）',
  suspended: '会籍状态异常（已暂停或已转出）',
  not_found: '未找到会员',
};

const OFFLINE_VALID_TITLE = '二维码真实有效';
const OFFLINE_NOTICE =
  '离线核验：网络不可用，已用本机保存的公钥验证二维码签名。会籍状态（是否暂停、转出）需联网后确认。';

export function VerifyResult({ check }: { check: CardCheck }) {
  if (check.mode === 'offline-unavailable') {
    return <Unverifiable reason="网络不可用，且本机尚未保存核验公钥，无法离线核验。请联网后重试。" />;
  }

  if (check.mode === 'offline-code') {
    return <Unverifiable reason="网络不可用，核验码只能联网核验。请扫描会员卡二维码（可离线核验），或联网后重试。" />;
  }

  if (check.mode === 'offline') {
    const good = check.result === 'valid';
    return (
      <View
        className={`verify-result ${good ? 'verify-result--unknown' : 'verify-result--bad'}`}
        data-testid="verify-result"
        data-result={check.result}
        data-mode="offline"
      >
        <Text className="verify-result__title" data-testid="verify-result-title">
          {good ? OFFLINE_VALID_TITLE : RESULT_TITLES[check.result]}
        </Text>
        <Text className="verify-result__offline" data-testid="verify-offline-notice">
          {OFFLINE_NOTICE}
        </Text>
      </View>
    );
  }

  const { result, member, checkedAt } = check.response;
  return (
    <View
      className={`verify-result ${result === 'valid' ? 'verify-result--good' : 'verify-result--bad'}`}
      data-testid="verify-result"
      data-result={result}
      data-mode="online"
    >
      <Text className="verify-result__title" data-testid="verify-result-title">
        {RESULT_TITLES[result]}
      </Text>
      {member ? (
        <View className="verify-result__member" data-testid="verify-member">
          <InfoRow label="姓名">{member.maskedName}</InfoRow>
          <InfoRow label="会员号">{member.memberNo}</InfoRow>
          <InfoRow label="所属工会">{member.orgName}</InfoRow>
          <InfoRow label="会籍状态">{MEMBER_STATUS_LABELS[member.status]}</InfoRow>
        </View>
      ) : null}
      <Text className="muted">核验时间 {formatDateTime(checkedAt)}</Text>
    </View>
  );
}

/** Nothing could be checked offline: says why, and what would work instead. */
function Unverifiable({ reason }: { reason: string }) {
  return (
    <View
      className="verify-result verify-result--unknown"
      data-testid="verify-result"
      data-result="unavailable"
      data-mode="offline"
    >
      <Text className="verify-result__title" data-testid="verify-result-title">
        无法核验
      </Text>
      <Text className="verify-result__offline" data-testid="verify-offline-notice">
        {reason}
      </Text>
    </View>
  );
}
