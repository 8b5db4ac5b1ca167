import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter, useShareAppMessage } from '@tarojs/taro';
import type { MyContestResult } from '@union/shared';
import { useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { downloadCertificate, fetchMyContestResults } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { imageDataUrl } from '../../utils/bytes';
import { isWeapp } from '../../utils/platform';
import { showMessage, showSuccess } from '../../utils/toast';
import { saveCertificate, writeCertificateFile } from './save-certificate';
import '../contests.css';

/**
 * The awardee's certificate: the PNG the BFF draws (with the QR that verifies it), fetched with
 * the session, saved to the album and shared. Others reach the published result, not this page.
 */
export default function CertificatePage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [result, setResult] = useState<MyContestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useLoad(() => {
    downloadCertificate(activityId)
      .then(setBytes)
      .catch((e: unknown) => setError(errorMessage(e)));
    fetchMyContestResults()
      .then(({ items }) => setResult(items.find((item) => item.activityId === activityId) ?? null))
      .catch(() => undefined);
  });

  const resultsPage = `${ROUTES.contestResults}?id=${activityId}`;
  // 转发 opens the published ranking: the certificate itself is only for its holder.
  useShareAppMessage(() => ({
    title: result?.award ? `我在「${result.title}」中荣获${result.award}` : '竞赛成绩',
    path: resultsPage,
  }));

  async function save() {
    if (!bytes) return;
    setSaving(true);
    await saveCertificate(bytes, activityId).finally(() => setSaving(false));
  }

  async function share() {
    if (!bytes) return;
    if (isWeapp()) {
      const filePath = await writeCertificateFile(bytes, activityId).catch(() => null);
      if (!filePath) return showMessage('分享失败，请稍后重试');
      // The picture goes to a chat or 朋友圈 with its QR, which anyone can scan to verify.
      void Taro.showShareImageMenu({ path: filePath });
      return;
    }
    const link = `${window.location.origin}${window.location.pathname}#${resultsPage}`;
    await Taro.setClipboardData({ data: link });
    showSuccess('链接已复制');
  }

  return (
    <MemberPage testId="certificate-page">
      {result ? (
        <View className="panel">
          <Text className="panel__title">{result.title}</Text>
          <Text className="muted">{`${result.groupName} · ${result.award ?? ''}`}</Text>
        </View>
      ) : null}
      {error ? (
        <Text className="notice notice--error" data-testid="certificate-error">
          {error}
        </Text>
      ) : null}
      {bytes ? (
        <>
          <Image
            className="certificate-image"
            src={imageDataUrl(bytes)}
            mode="aspectFit"
            showMenuByLongpress
            data-testid="certificate-image"
          />
          <Text className="muted" data-testid="certificate-hint">
            {isWeapp() ? '证书上的二维码可供他人扫码验证。' : '如无法下载，请长按图片保存到手机。'}
          </Text>
          <Button
            className="btn btn--primary"
            disabled={saving}
            onClick={() => void save()}
            data-testid="certificate-save"
          >
            {isWeapp() ? '保存到相册' : '保存图片'}
          </Button>
          <Button className="btn" onClick={() => void share()} data-testid="certificate-share">
            {isWeapp() ? '分享证书' : '复制成绩链接'}
          </Button>
        </>
      ) : !error ? (
        <Text className="muted">正在生成证书…</Text>
      ) : null}
    </MemberPage>
  );
}
