import { Button, Image, Text, View } from '@tarojs/components';
import { PHOTO_CONTENT_TYPES, type AdminMerchant } from '@union/shared';
import { useState } from 'react';
import { BrowserFilePicker } from '../../../components/FilePicker';
import { addMerchantPhoto, removeMerchantPhoto, uploadMerchantLogo } from '../../../services/benefit-admin';
import { errorMessage } from '../../../services/http';
import { photoSrc, pickPhotoInWeapp, type PickedFile } from '../../../services/stations';
import { isWeapp } from '../../../utils/platform';
import { confirm, showMessage, showSuccess } from '../../../utils/toast';

interface MerchantImagesProps {
  merchant: AdminMerchant;
  onChange: (merchant: AdminMerchant) => void;
}

/** The logo members see on every offer card, and the shop photos on the offer page. */
export function MerchantImages({ merchant, onChange }: MerchantImagesProps) {
  const [busy, setBusy] = useState(false);

  async function upload(send: (file: PickedFile) => Promise<AdminMerchant>, file: PickedFile | null, done: string) {
    if (!file) return;
    setBusy(true);
    try {
      onChange(await send(file));
      showSuccess(done);
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const sendLogo = (file: PickedFile) => uploadMerchantLogo(merchant.id, file);
  const sendPhoto = (file: PickedFile) => addMerchantPhoto(merchant.id, file);

  async function pickInWeapp(send: (file: PickedFile) => Promise<AdminMerchant>, done: string) {
    try {
      await upload(send, await pickPhotoInWeapp(), done);
    } catch (e) {
      showMessage(errorMessage(e));
    }
  }

  async function remove(photoId: string) {
    if (!(await confirm('删除照片', '删除后会员将看不到这张照片，确定删除？'))) return;
    setBusy(true);
    try {
      onChange(await removeMerchantPhoto(merchant.id, photoId));
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const picker = (send: (file: PickedFile) => Promise<AdminMerchant>, label: string, done: string, testId: string) =>
    isWeapp() ? (
      <Button
        className="btn btn--small"
        disabled={busy}
        onClick={() => void pickInWeapp(send, done)}
        data-testid={testId}
      >
        {busy ? '正在上传…' : label}
      </Button>
    ) : (
      <BrowserFilePicker
        label={busy ? '正在上传…' : label}
        accept={PHOTO_CONTENT_TYPES.join(',')}
        disabled={busy}
        onPick={(file) => void upload(send, file, done)}
        testId={`${testId}-file`}
      />
    );

  return (
    <View className="panel" data-testid="admin-merchant-images">
      <Text className="panel__title">标志与照片</Text>
      <View className="row">
        {merchant.logoUrl ? (
          <Image
            className="logo-box"
            src={photoSrc(merchant.logoUrl)}
            mode="aspectFit"
            data-testid="admin-merchant-logo"
          />
        ) : (
          <Text className="muted">尚未上传标志</Text>
        )}
        {picker(sendLogo, merchant.logoUrl ? '更换标志' : '上传标志', '标志已上传', 'admin-merchant-logo-upload')}
      </View>
      <View className="photo-grid">
        {merchant.photos.map((photo) => (
          <View key={photo.id} className="photo-grid__item">
            <Image className="photo-grid__image" src={photoSrc(photo.url)} mode="aspectFill" />
            <Text className="link" onClick={() => void remove(photo.id)} data-testid="admin-merchant-photo-delete">
              删除
            </Text>
          </View>
        ))}
      </View>
      {picker(sendPhoto, '上传店铺照片', '照片已上传', 'admin-merchant-photo-upload')}
    </View>
  );
}
