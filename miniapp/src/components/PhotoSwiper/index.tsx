import { Image, Swiper, SwiperItem } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StationDetail } from '@union/shared';
import { photoSrc } from '../../services/stations';
import './index.css';

interface PhotoSwiperProps {
  photos: StationDetail['photos'];
  /** Names the test ids: `<prefix>-photos` for the swiper, `<prefix>-photo` for each image. */
  testIdPrefix?: string;
}

/** A station's or a merchant's photos; a tap opens them full screen. */
export function PhotoSwiper({ photos, testIdPrefix = 'station' }: PhotoSwiperProps) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photoSrc(photo.url));
  return (
    <Swiper className="photo-swiper" indicatorDots={photos.length > 1} circular data-testid={`${testIdPrefix}-photos`}>
      {urls.map((url) => (
        <SwiperItem key={url}>
          <Image
            className="photo-swiper__image"
            src={url}
            mode="aspectFill"
            lazyLoad
            onClick={() => void Taro.previewImage({ urls, current: url })}
            data-testid={`${testIdPrefix}-photo`}
          />
        </SwiperItem>
      ))}
    </Swiper>
  );
}
