import { Text, View } from '@tarojs/components';
import type { MerchantWorkbench } from '../../services/merchant';
import { formatFen } from '../../utils/money';

interface WorkbenchHeaderProps {
  workbench: MerchantWorkbench;
  onOpenToday?: () => void;
}

/** Whose counter this is, and how much it has redeemed today: the clerk's reassurance that scans count. */
export function WorkbenchHeader({ workbench, onOpenToday }: WorkbenchHeaderProps) {
  return (
    <View className="panel workbench" data-testid="merchant-workbench">
      <Text className="workbench__name" data-testid="merchant-workbench-name">
        {workbench.merchant.name}
      </Text>
      <View className="workbench__today">
        <View>
          <Text>今日核销 </Text>
          <Text className="workbench__figure" data-testid="merchant-workbench-count">
            {workbench.today.redemptions}
          </Text>
          <Text> 张 · 面值 </Text>
          <Text data-testid="merchant-workbench-face">{formatFen(workbench.today.faceValueFen)}</Text>
        </View>
        {onOpenToday ? (
          <Text className="workbench__link" onClick={onOpenToday} data-testid="merchant-open-today">
            今日明细 ›
          </Text>
        ) : null}
      </View>
    </View>
  );
}
