/**
 * A merchant's logo and photos. Uploads are judged by their bytes (http/raw-body.ts) and
 * kept in the FileStore. The image list lives on the merchant and is replaced as a whole
 * ($set: the embedded database has no $push/$pull), so each change is conditional on the
 * revision it was computed from and retried when someone else got there first (a catalogue
 * write, catalogue.ts). A refused caller's upload is never read.
 */
import { Types } from 'mongoose';
import { MAX_PHOTOS_PER_STATION } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import { discardFile, type FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { recordEvent } from '../event-trail/record';
import { catalogueWrites } from './catalogue';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { unionStaffActor } from './merchants.service';
import { merchantForManaging } from './policy';
import { presentAdminMerchant } from './presenter';

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
  const imagesAfter = (merchant: MerchantDoc) =>
    change({ logo: merchant.logo ? copy(merchant.logo) : null, photos: merchant.photos.map(copy) });
  const updated = await catalogueWrites.retry(
    async (takeRevision) => {
      const current = await merchantForManaging(actor, merchantId);
      const next = imagesAfter(current);
      // Applies only to the revision the change was computed from; otherwise read again and retry.
      return updateIfAndRead(
        MerchantModel,
        { key: { _id: current._id }, when: { revision: current.revision } },
        { $set: { logo: next.logo, photos: next.photos, revision: await takeRevision() } },
      );
    },
    { busy: () => ConflictError('商家正在被他人修改，请稍后再试', 'merchant_busy') },
  );
  await recordEvent({
    kind: 'merchant.updated',
    actor: unionStaffActor(actor),
    merchantId: updated._id,
    summary: `${what}：${updated.name}`,
  });
  return updated as MerchantDoc;
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
  let merchant: MerchantDoc;
  try {
    merchant = await replaceImages(actor, merchantId, '更换商家标志', (images) => {
      replaced = images.logo;
      return { ...images, logo: image };
    });
  } catch (error) {
    await discardFile(files, image.key!);
    throw error;
  }
  // Removed only once the merchant no longer points at it (and outside the try above: the new
  // logo is the merchant's now, so a failure here must not discard it).
  const old = replaced as StoredImage | null;
  if (old?.key) await discardFile(files, old.key);
  return merchant;
}

export async function addMerchantPhoto(actor: Actor, files: FileStore, merchantId: string, upload: RawUpload) {
  const image = await storeUpload(files, upload);
  try {
    return await replaceImages(actor, merchantId, '上传商家照片', (images) => {
      assertRoomForPhoto(images);
      return { ...images, photos: [...images.photos, image] };
    });
  } catch (error) {
    await discardFile(files, image.key!);
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
  if (removed?.key) await discardFile(files, removed.key);
  return merchant;
}

/** The logo upload of a merchant the actor manages, checked before its bytes are read. */
export async function uploadMerchantLogo(
  actor: Actor,
  files: FileStore,
  merchantId: string,
  readUpload: () => Promise<RawUpload>,
) {
  await merchantForManaging(actor, merchantId);
  return presentAdminMerchant(await setMerchantLogo(actor, files, merchantId, await readUpload()));
}

/** A photo upload, refused before its bytes are read when the merchant is out of reach or full. */
export async function uploadMerchantPhoto(
  actor: Actor,
  files: FileStore,
  merchantId: string,
  readUpload: () => Promise<RawUpload>,
) {
  assertRoomForPhoto(await merchantForManaging(actor, merchantId));
  return presentAdminMerchant(await addMerchantPhoto(actor, files, merchantId, await readUpload()));
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
