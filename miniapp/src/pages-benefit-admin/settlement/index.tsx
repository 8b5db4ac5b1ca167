import { Button, Picker, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { chinaMonthOf, MERCHANT_CATEGORY_LABELS, type Settlement } from '@union/shared';
import { useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { InfoRow } from '../../components/InfoRow';
import { downloadSettlementSheet, fetchSettlement } from '../../services/benefit-admin';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { formatFen } from '../../utils/money';
import { stationManagementOrgs } from '../../utils/roles';
import { saveSpreadsheet } from '../../utils/save-spreadsheet';
import '../admin.css';

/** 月度结算: per merchant, what was redeemed in a China calendar month and what the union owes for it. */
export default function BenefitAdminSettlementPage() {
  const me = loadSession()?.me ?? null;
  const [orgs] = useState(() => (me ? stationManagementOrgs(me) : []));
  const [month, setMonth] = useState(() => chinaMonthOf(new Date()));
  // Undefined: every organisation the staff member covers.
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [settlement, setSettlement] = useState<Settlement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function load(chosenMonth: string, chosenOrg: string | undefined) {
    const call = ++latest.current;
    setBusy(true);
    try {
      const answer = await fetchSettlement(chosenMonth, chosenOrg);
      if (call !== latest.current) return;
      setSettlement(answer);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) setBusy(false);
    }
  }

  useLoad(() => void load(month, orgId));

  function chooseMonth(next: string) {
    setMonth(next);
    void load(next, orgId);
  }

  function chooseOrg(next: string | undefined) {
    setOrgId(next);
    void load(month, next);
  }

  const exportSheet = () => saveSpreadsheet(() => downloadSettlementSheet(month, orgId), `普惠结算-${month}.xlsx`);

  return (
    <View className="page">
      <View className="panel">
        <View className="row">
          <Text>结算月份</Text>
          <Picker
            mode="date"
            fields="month"
            value={month}
            onChange={(e) => chooseMonth(e.detail.value.slice(0, 7))}
            data-testid="settlement-month"
          >
            <Text className="time-box">{month}</Text>
          </Picker>
        </View>
        {orgs.length > 1 ? (
          <View className="choice-row" data-testid="settlement-orgs">
            <Chip on={orgId === undefined} onClick={() => chooseOrg(undefined)} testId="settlement-org-all">
              全部
            </Chip>
            {orgs.map((org) => (
              <Chip
                key={org.id}
                on={orgId === org.id}
                onClick={() => chooseOrg(org.id)}
                testId={`settlement-org-${org.id}`}
              >
                {org.name}
              </Chip>
            ))}
          </View>
        ) : null}
        <Button className="btn" disabled={busy} onClick={() => void exportSheet()} data-testid="settlement-export">
          导出 Excel（含明细）
        </Button>
      </View>

      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {settlement ? (
        <>
          <View className="panel" data-testid="settlement-totals">
            <Text className="panel__title">{`${settlement.month} 合计`}</Text>
            <InfoRow label="核销张数">
              <Text data-testid="settlement-total-count">{settlement.totals.redeemedCount}</Text>
            </InfoRow>
            <InfoRow label="面值合计">{formatFen(settlement.totals.faceValueFen)}</InfoRow>
            <InfoRow label="会员实付">{formatFen(settlement.totals.memberPaidFen)}</InfoRow>
            <InfoRow label="工会补贴">{formatFen(settlement.totals.unionSubsidyFen)}</InfoRow>
            <InfoRow label="应付商户">
              <Text data-testid="settlement-total-owed">{formatFen(settlement.totals.owedToMerchantFen)}</Text>
            </InfoRow>
          </View>
          <View className="panel">
            <Text className="panel__title">各商家</Text>
            {settlement.rows.length === 0 ? (
              <Text className="muted" data-testid="settlement-empty">
                本月没有核销记录
              </Text>
            ) : null}
            {settlement.rows.map((row) => (
              <View key={row.merchantId} className="settlement-table__row" data-testid="settlement-row">
                <View className="settlement-table__name">
                  <Text>{row.merchantName}</Text>
                  <Text className="muted">{` ${MERCHANT_CATEGORY_LABELS[row.category]}`}</Text>
                  <Text className="muted admin-item__line">
                    {`核销 ${row.redeemedCount} 张 · 面值 ${formatFen(row.faceValueFen)} · 会员实付 ${formatFen(row.memberPaidFen)} · 工会补贴 ${formatFen(row.unionSubsidyFen)}`}
                  </Text>
                </View>
                <View className="settlement-table__cell">
                  <Text className="muted">应付</Text>
                  <Text className="admin-item__line" data-testid="settlement-row-owed">
                    {formatFen(row.owedToMerchantFen)}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}
