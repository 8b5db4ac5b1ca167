import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '../../routes';

/** Shown instead of the counter tools when this account is not (or no longer) a merchant's clerk. */
export function UnboundNotice() {
  return (
    <View className="panel" data-testid="merchant-unbound">
      <Text className="panel__title">尚未绑定商户</Text>
      <Text className="muted">请向工会索取店员邀请码，绑定后即可扫码核销。若曾绑定，可能已被解除。</Text>
      <Button
        className="btn btn--primary"
        onClick={() => void Taro.redirectTo({ url: ROUTES.merchantBind })}
        data-testid="merchant-go-bind"
      >
        输入邀请码绑定
      </Button>
    </View>
  );
}
