import { Button, Image, Text, View } from '@tarojs/components';
import { MAX_PHOTOS_PER_STATION, PHOTO_CONTENT_TYPES, type StationDetail } from '@union/shared';
import { useState } from 'react';
import { BrowserFilePicker } from '../../../../../components/FilePicker';
import { errorMessage } from '../../../../../services/http';
import {
  deleteStationPhoto,
  photoSrc,
  pickPhotoInWeapp,
  uploadStationPhoto,
  type PickedFile,
} from '../../../../../services/stations';
import { isWeapp } from '../../../../../utils/platform';
import { confirm, showMessage, showSuccess } from '../../../../../utils/toast';

interface PhotoManagerProps {
  station: StationDetail;
  onChange: (station: StationDetail) => void;
}

/** The station's photos: riders see them first, so staff can add (up to nine) and remove them. */
export function PhotoManager({ station, onChange }: PhotoManagerProps) {
  const [busy, setBusy] = useState(false);
  const full = station.photos.length >= MAX_PHOTOS_PER_STATION;

  async function upload(photo: PickedFile | null) {
    if (!photo) return;
    setBusy(true);
    try {
      onChange(await uploadStationPhoto(station.id, photo));
      showSuccess('照片已上传');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function chooseInWeapp() {
    try {
      await upload(await pickPhotoInWeapp());
    } catch (e) {
      showMessage(errorMessage(e));
    }
  }

  async function remove(photoId: string) {
    if (!(await confirm('删除照片', '删除后骑手将看不到这张照片，确定删除？'))) return;
    setBusy(true);
    try {
      onChange(await deleteStationPhoto(station.id, photoId));
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="staff-photos">
      <Text className="panel__title">{`驿站照片（${station.photos.length}/${MAX_PHOTOS_PER_STATION}）`}</Text>
      <View className="photo-grid">
        {station.photos.map((photo) => (
          <View key={photo.id} className="photo-grid__item">
            <Image
              className="photo-grid__image"
              src={photoSrc(photo.url)}
              mode="aspectFill"
              data-testid="staff-photo"
            />
            <Text className="link" onClick={() => void remove(photo.id)} data-testid="staff-photo-delete">
              删除
            </Text>
          </View>
        ))}
      </View>
      {full ? <Text className="muted">照片已达上限，删除后可继续上传</Text> : null}
      {!full && isWeapp() ? (
        <Button className="btn" disabled={busy} onClick={() => void chooseInWeapp()} data-testid="staff-photo-upload">
          {busy ? '正在上传…' : '上传照片'}
        </Button>
      ) : null}
      {!full && !isWeapp() ? (
        <BrowserFilePicker
          label={busy ? '正在上传…' : '上传照片'}
          accept={PHOTO_CONTENT_TYPES.join(',')}
          disabled={busy}
          onPick={(photo) => void upload(photo)}
          testId="staff-photo-file"
        />
      ) : null}
    </View>
  );
}
