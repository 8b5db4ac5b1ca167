/**
 * A merchant's logo and photos. Uploads are judged by their bytes (http/raw-body.ts) and
 * kept in the FileStore. The image list lives on the merchant and is replaced as a whole
 * ($set: the embedded database has no $push/$pull), so each change is conditional on the
 * revision it was computed from and retried when someone else got there first.
 */
import { Types } from 'mongoose';
import { MAX_PHOTOS_PER_STATION } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import type { FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { nextCatalogueRevision } from '../offers/catalogue-revision';
import { recordBenefitEvent } from '../vouchers/events';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { unionStaffActor } from './merchants.service';
import { merchantForManaging } from './scope';

interface StoredImage {
  _id?: Types.ObjectId | null;
  key?: string | null;
  contentType?: string | null;
}

interface Images {
  logo: StoredImage | null;
  photos: StoredImage[];
}

/** The same cap as a station's photos: enough to show the shop front, the counter and the goods. */
const MAX_MERCHANT_PHOTOS = MAX_PHOTOS_PER_STATION;
const IMAGE_FOLDER = 'merchant-images';
const CONTENT_TYPES: Partial<Record<RawUpload['kind'], string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const MAX_ATTEMPTS = 8;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const copy = ({ _id, key, contentType }: StoredImage): StoredImage => ({ _id, key, contentType });

export function assertRoomForPhoto(merchant: { photos: readonly unknown[] }) {
  if (merchant.photos.length >= MAX_MERCHANT_PHOTOS) {
    throw ConflictError(`每个商家最多 ${MAX_MERCHANT_PHOTOS} 张照片，请先删除不用的照片`, 'too_many_photos');
  }
}

async function replaceImages(
  actor: Actor,
  merchantId: string,
  what: string,
  change: (images: Images) => Images,
): Promise<MerchantDoc> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await merchantForManaging(actor, merchantId);
    const next = change({ logo: current.logo ? copy(current.logo) : null, photos: current.photos.map(copy) });
    // Applies only to the revision the change was computed from; otherwise read again and retry.
    const updated = await updateIfAndRead(
      MerchantModel,
      { key: { _id: current._id }, when: { revision: current.revision } },
      { $set: { logo: next.logo, photos: next.photos, revision: await nextCatalogueRevision() } },
    );
    if (updated) {
      await recordBenefitEvent({
        kind: 'merchant.updated',
        actor: unionStaffActor(actor),
        merchantId: current._id,
        summary: `${what}：${current.name}`,
      });
      return updated as MerchantDoc;
    }
    await pause(5 + Math.random() * 20 * (attempt + 1));
  }
  throw ConflictError('商家正在被他人修改，请稍后再试', 'merchant_busy');
}

async function storeUpload(files: FileStore, upload: RawUpload): Promise<StoredImage> {
  const contentType = CONTENT_TYPES[upload.kind];
  if (!contentType) throw new Error(`not an image: ${upload.kind}`);
  const stored = await files.put(IMAGE_FOLDER, upload.bytes, contentType);
  return { _id: new Types.ObjectId(), key: stored.key, contentType };
}

export async function setMerchantLogo(actor: Actor, files: FileStore, merchantId: string, upload: RawUpload) {
  const image = await storeUpload(files, upload);
  let replaced: StoredImage | null = null;
  try {
    const merchant = await replaceImages(actor, merchantId, '更换商家标志', (images) => {
      replaced = images.logo;
      return { ...images, logo: image };
    });
    // Removed only once the merchant no longer points at it.
    const old = replaced as StoredImage | null;
    if (old?.key) await files.remove(old.key);
    return merchant;
  } catch (error) {
    await files.remove(image.key!);
    throw error;
  }
}

export async function addMerchantPhoto(actor: Actor, files: FileStore, merchantId: string, upload: RawUpload) {
  const image = await storeUpload(files, upload);
  try {
    return await replaceImages(actor, merchantId, '上传商家照片', (images) => {
      assertRoomForPhoto(images);
      return { ...images, photos: [...images.photos, image] };
    });
  } catch (error) {
    await files.remove(image.key!);
    throw error;
  }
}

export async function removeMerchantPhoto(actor: Actor, files: FileStore, merchantId: string, photoId: string) {
  let removed: StoredImage | undefined;
  const merchant = await replaceImages(actor, merchantId, '删除商家照片', (images) => {
    removed = images.photos.find((photo) => String(photo._id) === photoId);
    if (!removed) throw NotFoundError('照片不存在');
    return { ...images, photos: images.photos.filter((photo) => photo !== removed) };
  });
  if (removed?.key) await files.remove(removed.key);
  return merchant;
}

/** The bytes of a merchant's logo or photo, for anyone (offer pages show them). */
export async function readMerchantImage(files: FileStore, merchantId: string, imageId: string) {
  const merchant = await MerchantModel.findById(merchantId, { logo: 1, photos: 1 }).lean();
  const images = merchant ? [merchant.logo, ...merchant.photos] : [];
  const image = images.find((entry) => entry && String(entry._id) === imageId);
  const file = image?.key ? await files.get(image.key) : null;
  if (!file) throw NotFoundError('图片不存在');
  return file;
}
