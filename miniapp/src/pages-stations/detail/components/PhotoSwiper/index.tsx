import { Image, Swiper, SwiperItem } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StationDetail } from '@union/shared';
import { photoSrc } from '../../../../services/stations';

/** The station's photos; a tap opens them full screen. */
export function PhotoSwiper({ photos }: { photos: StationDetail['photos'] }) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photoSrc(photo.url));
  return (
    <Swiper className="photo-swiper" indicatorDots={photos.length > 1} circular data-testid="station-photos">
      {urls.map((url) => (
        <SwiperItem key={url}>
          <Image
            className="photo-swiper__image"
            src={url}
            mode="aspectFill"
            lazyLoad
            onClick={() => void Taro.previewImage({ urls, current: url })}
            data-testid="station-photo"
          />
        </SwiperItem>
      ))}
    </Swiper>
  );
}
