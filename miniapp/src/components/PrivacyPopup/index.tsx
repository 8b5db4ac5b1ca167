import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AGREE_BUTTON_ID, answerPrivacyRequest, subscribeToPrivacyRequests } from './privacy-request';
import './index.css';

/**
 * The consent popup WeChat requires before privacy-sensitive APIs (location first).
 * Render it on every page that may call one; it stays hidden until WeChat asks.
 */
export function PrivacyPopup() {
  const [asking, setAsking] = useState(false);
  useEffect(() => subscribeToPrivacyRequests(setAsking), []);

  if (!asking) return null;
  return (
    <View className="privacy-mask" data-testid="privacy-popup">
      <View className="privacy-sheet">
        <Text className="panel__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__text">
          在使用查找附近驿站等功能前，请阅读并同意
          <Text className="link" onClick={() => Taro.openPrivacyContract({})}>
            《用户隐私保护指引》
          </Text>
          。同意后，我们仅在您使用相关功能时获取必要信息。
        </Text>
        <View className="privacy-sheet__actions">
          <Button className="btn" onClick={() => answerPrivacyRequest(false)}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="btn btn--primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacyRequest(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
