// QR codes for hand-off bundles: drawn with lean-qr, read with the browser's BarcodeDetector
// where it has one (Chrome on Android) and with jsqr otherwise. Both are imported here, on
// demand, so neither weighs on any other screen.

/** The part of the Shape Detection API used here (not in TypeScript's DOM types). */
interface Detector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

/** A PNG data URL of the code: one pixel per module times `scale`, a quiet zone of 4 modules. */
export async function qrDataUrl(text: string, scale = 4): Promise<string> {
  const { generate, correction } = await import('lean-qr');
  return generate(text, { minCorrectionLevel: correction.M }).toDataURL({ type: 'image/png', scale, pad: 4 });
}

let detector: Promise<Detector | null> | undefined;
/** The platform's QR detector, or null (then jsqr reads the pixels). */
function nativeDetector(): Promise<Detector | null> {
  detector ??= (async () => {
    const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (!Native) return null;
    try {
      return (await Native.getSupportedFormats()).includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return detector;
}

/** Frames are read at most this wide: enough for a code filling a third of the frame, and quick on a cheap phone. */
const MAX_SIDE = 800;
let canvas: HTMLCanvasElement | undefined;

/** The texts of the QR codes in a picture or a video frame (usually one, or none). */
export async function readCodes(source: ImageBitmap | HTMLVideoElement): Promise<string[]> {
  const native = await nativeDetector();
  if (native) {
    try {
      return (await native.detect(source)).map((c) => c.rawValue);
    } catch {
      /* fall back to jsqr */
    }
  }
  const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
  const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
  if (!width || !height) return [];
  const ratio = Math.min(1, MAX_SIDE / Math.max(width, height));
  canvas ??= document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return [];
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const { default: jsQR } = await import('jsqr');
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
  return found ? [found.data] : [];
}

/** Reads the codes in a picture file (a photo or a screenshot of the sending phone). */
export async function readCodesInFile(file: Blob): Promise<string[]> {
  const bitmap = await createImageBitmap(file);
  try {
    return await readCodes(bitmap);
  } finally {
    bitmap.close();
  }
}

/**
 * Reads codes from the back camera into `video` until stopped, about five frames a second
 * (each read waits for the last). Rejects when there is no camera or permission is refused.
 */
export async function scanCamera(video: HTMLVideoElement, onCodes: (texts: string[]) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play();
  let live = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (!live) return;
    const texts = await readCodes(video).catch(() => []);
    if (texts.length && live) onCodes(texts);
    if (live) timer = setTimeout(() => void tick(), 200);
  };
  void tick();
  return () => {
    live = false;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
