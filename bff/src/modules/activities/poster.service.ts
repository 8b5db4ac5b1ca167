/**
 * An activity's poster. Its organisers upload it (judged by its bytes, http/raw-body.ts, before
 * which the caller's reach is checked so a refused upload is never read); it is kept in the
 * FileStore as a merchant's logo is, and served to whoever may see the activity. Each upload
 * gets a new random version, carried in the poster's URL: a replaced poster is a new address
 * to every cache, and a draft's poster reaches only those given that address (its organisers,
 * through the staff pages), since an image tag sends no sign-in.
 */
import { randomBytes } from 'node:crypto';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import { discardFile, type FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EDITABLE, managedActivity } from './organise.service';
import { posterUrlOf } from './presenter';

const POSTER_FOLDER = 'activity-posters';
const CONTENT_TYPES: Partial<Record<RawUpload['kind'], string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Stores the upload as the activity's poster and lets go of the one it replaces. */
export async function uploadPoster(
  actor: Actor,
  files: FileStore,
  id: string,
  readUpload: () => Promise<RawUpload>,
): Promise<{ posterUrl: string }> {
  const activity = await managedActivity(actor, id);
  if (!EDITABLE.includes(activity.status)) throw ConflictError('活动已取消，不能更换海报', 'activity_closed');
  const upload = await readUpload();
  const contentType = CONTENT_TYPES[upload.kind];
  // The endpoint's rawBody admits images only; anything else here is a wiring mistake.
  if (!contentType) throw new Error(`not an image: ${upload.kind}`);
  const stored = await files.put(POSTER_FOLDER, upload.bytes, contentType);
  const poster = { key: stored.key, contentType, version: randomBytes(12).toString('base64url') };
  const previous = activity.poster ?? null;
  // Against the poster read above: of two parallel uploads one wins, and no stored file is orphaned.
  const replaced = await updateIf(
    ActivityModel,
    {
      key: { _id: activity._id },
      when: {
        status: { $in: EDITABLE },
        ...(previous?.version ? { 'poster.version': previous.version } : { poster: null }),
      },
    },
    { $set: { poster } },
  ).catch(async (error: unknown) => {
    await discardFile(files, stored.key);
    throw error;
  });
  if (!replaced) {
    await discardFile(files, stored.key);
    throw ConflictError('海报刚刚被更换或活动状态已变化，请刷新后重试', 'poster_changed');
  }
  if (previous?.key) await discardFile(files, previous.key);
  return { posterUrl: posterUrlOf({ _id: activity._id, poster })! };
}

export interface PosterFile {
  bytes: Buffer;
  contentType: string;
  /** Whether the address named the current version, so a cache may keep the answer under it. */
  current: boolean;
  public: boolean;
}

/**
 * The poster's bytes: anyone may see a published (or paused, or cancelled) activity's poster, as
 * they may see the activity (the viewAsMember rule); a draft's only through its current address.
 */
export async function readPoster(files: FileStore, id: string, version: string | undefined): Promise<PosterFile> {
  const activity = await ActivityModel.findById(id, { status: 1, poster: 1 }).lean<ActivityDoc>();
  const poster = activity?.poster;
  const current = Boolean(poster?.version) && version === poster?.version;
  const isDraft = activity?.status === 'draft';
  if (!poster?.key || (isDraft && !current)) throw NotFoundError('海报不存在');
  const file = await files.get(poster.key);
  if (!file) throw NotFoundError('海报不存在');
  return { bytes: file.bytes, contentType: file.contentType, current, public: !isDraft };
}
