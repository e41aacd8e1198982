// Evidence photos are resized and re-encoded on the phone: a 4 MB camera picture would
// take minutes on 2G and fill a cheap phone's storage. Target: ≤ 200 KB each.
export const MAX_PHOTO_BYTES = 200_000;

export async function resizePhoto(file: Blob, maxBytes = MAX_PHOTO_BYTES): Promise<string> {
  const bitmap = await createImageBitmap(file);
  let maxSide = 1280;
  for (let attempt = 0; attempt < 8; attempt++) {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.8, 0.65, 0.5]) {
      const dataUrl = canvas.toDataURL('image/jpeg', quality);
      if (dataUrlBytes(dataUrl) <= maxBytes) {
        bitmap.close();
        return dataUrl;
      }
    }
    maxSide = Math.round(maxSide * 0.75);
  }
  bitmap.close();
  throw new Error('Không nén được ảnh xuống dưới 200 KB.');
}

/** Bytes of the decoded image in a base64 data URL. */
export function dataUrlBytes(dataUrl: string): number {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}
