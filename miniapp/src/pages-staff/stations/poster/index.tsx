import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../../../services/http';
import { fetchQrPoster } from '../../../services/stations';
import { imageDataUrl } from '../../../utils/bytes';
import { textParam } from '../../../utils/params';
import { isWeapp } from '../../../utils/platform';
import { showMessage } from '../../../utils/toast';
import './index.css';

/**
 * The check-in poster to print and put up at the station. The QR is a protected
 * image (it proves a rider was there), so it is fetched with the staff session and
 * shown from memory rather than linked.
 */
export default function StationPosterPage() {
  const { params } = useRouter();
  const name = textParam(params.name);
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad(() => {
    if (!params.id) return setError('缺少驿站编号');
    fetchQrPoster(params.id)
      .then(setBytes)
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  /** weapp: saved to the app's files and opened full screen, where WeChat offers to save or forward it. */
  function openInWeapp() {
    if (!bytes) return;
    const filePath = `${Taro.env.USER_DATA_PATH}/station-qr-${params.id}.png`;
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: bytes,
      success: () => void Taro.previewImage({ urls: [filePath] }),
      fail: () => showMessage('保存图片失败，请稍后重试'),
    });
  }

  return (
    <View className="page poster-page">
      {error ? (
        <Text className="notice notice--error" data-testid="staff-poster-error">
          {error}
        </Text>
      ) : null}
      <View className="poster-sheet" data-testid="staff-poster-sheet">
        <Text className="poster-sheet__org">工会驿站</Text>
        <Text className="poster-sheet__name" data-testid="staff-poster-name">
          {name}
        </Text>
        {bytes ? (
          // Square QR in a square box: scaleToFill fills it exactly. H5's aspectFit leaves the
          // <img> at its static position, which the sheet's centred text put at left: 50%.
          <Image
            className="poster-sheet__qr"
            src={imageDataUrl(bytes)}
            mode="scaleToFill"
            data-testid="staff-poster-image"
          />
        ) : (
          <View className="poster-sheet__qr poster-sheet__placeholder">
            <Text className="muted">{error ? '二维码加载失败' : '正在生成二维码…'}</Text>
          </View>
        )}
        <Text className="poster-sheet__call">微信扫码 进站打卡</Text>
        <Text className="poster-sheet__hint">打开微信“扫一扫”，扫描上方二维码完成打卡</Text>
        <Text className="poster-sheet__hint">喝水 · 热饭 · 充电 · 歇脚，欢迎户外劳动者进站休息</Text>
      </View>
      <View className="poster-actions">
        {isWeapp() ? (
          <Button className="btn btn--primary" disabled={!bytes} onClick={openInWeapp} data-testid="staff-poster-save">
            保存或转发图片
          </Button>
        ) : (
          <Button
            className="btn btn--primary"
            disabled={!bytes}
            onClick={() => window.print()}
            data-testid="staff-poster-print"
          >
            打印海报
          </Button>
        )}
        <Text className="muted poster-actions__hint">建议 A4 纸彩色打印，张贴在驿站入口醒目位置。</Text>
      </View>
    </View>
  );
}
