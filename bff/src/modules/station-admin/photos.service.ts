/**
 * Station photos. The photo list lives on the station and is replaced as a whole
 * ($set: the embedded database has no $push/$pull), so every change is conditional
 * on the revision it was computed from and retried when someone else got there first.
 */
import { Types } from 'mongoose';
import { MAX_PHOTOS_PER_STATION } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import { discardFile, type FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { managedStation } from '../stations/policy';
import { stationWrites } from '../stations/station-revision';
import { StationModel, type StationDoc } from '../stations/station.model';

/** A photo entry as stored on the station (a lean read gives plain objects). */
interface StoredPhoto {
  _id?: Types.ObjectId | null;
  key?: string | null;
  contentType?: string | null;
}

const PHOTO_FOLDER = 'station-photos';
const CONTENT_TYPES: Partial<Record<RawUpload['kind'], string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export function assertRoomForPhoto(station: { photos: readonly unknown[] }) {
  if (station.photos.length >= MAX_PHOTOS_PER_STATION) {
    throw ConflictError(`每个驿站最多 ${MAX_PHOTOS_PER_STATION} 张照片，请先删除不用的照片`, 'too_many_photos');
  }
}

function replacePhotos(
  actor: Actor,
  stationId: string,
  change: (photos: StoredPhoto[]) => StoredPhoto[],
): Promise<StationDoc> {
  return stationWrites.retry(
    async (takeRevision) => {
      const current = await managedStation(actor, stationId);
      const photos = change(current.photos.map(({ _id, key, contentType }) => ({ _id, key, contentType })));
      return updateIfAndRead(
        StationModel,
        { key: { _id: current._id }, when: { published: true, revision: current.revision } },
        { $set: { photos, revision: await takeRevision() } },
      );
    },
    { busy: () => ConflictError('驿站正在被他人修改，请稍后再试', 'station_busy') },
  );
}

/** `readUpload` reads the photo: only once the station is known to be the actor's and to have room. */
export async function addStationPhoto(
  actor: Actor,
  files: FileStore,
  stationId: string,
  readUpload: () => Promise<RawUpload>,
): Promise<StationDoc> {
  // Refuse before reading megabytes for a station the actor cannot touch or that is full.
  assertRoomForPhoto(await managedStation(actor, stationId));
  const upload = await readUpload();
  const contentType = CONTENT_TYPES[upload.kind];
  if (!contentType) throw new Error(`not a photo: ${upload.kind}`);
  const stored = await files.put(PHOTO_FOLDER, upload.bytes, contentType);
  try {
    return await replacePhotos(actor, stationId, (photos) => {
      assertRoomForPhoto({ photos });
      return [...photos, { _id: new Types.ObjectId(), key: stored.key, contentType }];
    });
  } catch (error) {
    // The station never pointed at the file: do not leave it behind.
    await discardFile(files, stored.key);
    throw error;
  }
}

export async function deleteStationPhoto(
  actor: Actor,
  files: FileStore,
  stationId: string,
  photoId: string,
): Promise<StationDoc> {
  let removed: StoredPhoto | undefined;
  const station = await replacePhotos(actor, stationId, (photos) => {
    removed = photos.find((photo) => String(photo._id) === photoId);
    if (!removed) throw NotFoundError('照片不存在');
    return photos.filter((photo) => photo !== removed);
  });
  // Removed only once the station no longer lists it, so no reader is left with a dangling link.
  if (removed?.key) await discardFile(files, removed.key);
  return station;
}

/** The bytes of a photo of a published station, for anyone (the station detail page shows them). */
export async function readStationPhoto(files: FileStore, photoId: string) {
  const station = await StationModel.findOne(
    { 'photos._id': new Types.ObjectId(photoId), published: true },
    { photos: 1 },
  ).lean<Pick<StationDoc, 'photos'>>();
  const photo = station?.photos.find((entry) => String(entry._id) === photoId);
  const file = photo?.key ? await files.get(photo.key) : null;
  if (!file) throw NotFoundError('照片不存在');
  return file;
}
