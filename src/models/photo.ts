// Evidence photos are resized and re-encoded on the phone: a 4 MB camera picture would
// take minutes on 2G and fill a cheap phone's storage. Target: ≤ 200 KB each, as JPEG bytes
// (a Blob, not a data URL: base64 costs a third more on the wire and in IndexedDB).
import { m } from './messages.ts';

export const MAX_PHOTO_BYTES = 200_000;

/** A problem with the picture itself, worded for the person holding the phone. */
export class PhotoError extends Error {
  override name = 'PhotoError';
}

// Read when thrown (English may be installed after this module loads).
const NOT_AN_IMAGE = () => m.notAnImage;
const HEIC = () => m.heic;
const UNREADABLE = () => m.unreadable;
const TOO_BIG = () => m.tooBig;

const isHeic = (file: Blob) => /^image\/hei[cf]/i.test(file.type) || /\.hei[cf]$/i.test((file as Partial<File>).name ?? '');

function encodeJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * The picture as a JPEG of at most `maxBytes`. Throws PhotoError (a message in the interface
 * language, to show as is) when the file is not a picture this phone can decode: the browser's own
 * message ("The source image could not be decoded.") must never reach the user.
 */
export async function resizePhoto(file: Blob, maxBytes = MAX_PHOTO_BYTES): Promise<Blob> {
  // Some pickers give no type at all; only a type that says "not an image" is refused unread.
  if (file.type !== '' && !file.type.startsWith('image/') && !isHeic(file)) throw new PhotoError(NOT_AN_IMAGE());
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // Chrome on Android decodes no HEIC; Safari does, so HEIC is tried first like any picture.
    throw new PhotoError(isHeic(file) ? HEIC() : UNREADABLE());
  }
  try {
    let maxSide = 1280;
    for (let attempt = 0; attempt < 8; attempt++) {
      const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      if (!context) throw new PhotoError(UNREADABLE());
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.8, 0.65, 0.5]) {
        const jpeg = await encodeJpeg(canvas, quality);
        // null: out of memory for this canvas; another type: this browser cannot encode JPEG.
        if (!jpeg || jpeg.type !== 'image/jpeg') throw new PhotoError(UNREADABLE());
        if (jpeg.size <= maxBytes) return jpeg;
      }
      maxSide = Math.round(maxSide * 0.75);
    }
    throw new PhotoError(TOO_BIG());
  } finally {
    bitmap.close();
  }
}
