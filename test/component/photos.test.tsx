// Photos on screen: taking one in the status form keeps its bytes on the phone and saves a
// record that only names them; an unreadable file gets a Vietnamese message, never the
// browser's; the model screen shows a photo from the phone, else fetches it, with a
// placeholder that says why nothing shows yet.
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { StatusForm } from '../../src/models/StatusForm.tsx';
import { ModelDetailScreen } from '../../src/models/ModelDetailScreen.tsx';
import * as photo from '../../src/models/photo.ts';
import { photoEdit, sha256Hex, storePhotoBytes } from '../../src/photos/capture.ts';
import { docValues } from '../../src/domain/sync/merge.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';

// Resizing needs a real canvas (test/browser covers it); here it is replaced only where a
// test says so, and is the real function otherwise.
vi.mock('../../src/models/photo.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/models/photo.ts')>();
  return { ...real, resizePhoto: vi.fn(real.resizePhoto) };
});
const resize = vi.mocked(photo.resizePhoto);
const realResize = (await vi.importActual<typeof photo>('../../src/models/photo.ts')).resizePhoto;

const NOW = Date.UTC(2026, 10, 25, 3);
const jpegBytes = (seed: number, size = 2_000) => {
  const b = new Uint8Array(size).map((_, i) => (i * 7 + seed) % 253);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const jpeg = (seed: number) => new Blob([jpegBytes(seed)], { type: 'image/jpeg' });

// fake-indexeddb copies values with Node's structuredClone, which turns happy-dom's Blob into
// a plain object (a real browser's IndexedDB keeps a Blob a Blob): use Node's Blob here.
beforeEach(() => {
  vi.stubGlobal('Blob', NodeBlob);
});
afterEach(() => {
  vi.unstubAllGlobals();
  resize.mockReset();
  resize.mockImplementation(realResize);
});

async function choose(input: HTMLElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('taking a photo in the status form', () => {
  it('keeps the bytes on the phone (not uploaded yet) and saves a photo record without the picture', async () => {
    const bytes = jpegBytes(1);
    resize.mockResolvedValue(new Blob([bytes], { type: 'image/jpeg' }));
    const r = renderWithServices(<StatusForm adoptionId="tv:mh-24" now={() => NOW} />, { now: NOW });
    await choose(await r.findByLabelText('Ảnh minh chứng'), new File([bytes], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    const thumb = await waitFor(() => {
      const img = r.getByTestId('draft-photos').querySelector('img');
      if (!img) throw new Error('no thumbnail yet');
      return img;
    });
    expect(thumb.getAttribute('src')).toMatch(/^blob:/);

    const hash = await sha256Hex(bytes);
    expect(await r.store.db.blobs.get(hash)).toMatchObject({ hash, type: 'image/jpeg', uploaded: 0 });

    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await r.store.docsOf('photo')).toHaveLength(1));
    const [saved] = await r.store.docsOf('photo');
    expect(saved!.id.startsWith('tv:mh-24~')).toBe(true);
    const values = docValues(saved!.fields);
    expect(values).toEqual({ adoptionId: 'tv:mh-24', blob: hash, type: 'image/jpeg', size: bytes.byteLength, caption: '', takenAt: NOW });
  });

  it('says in Vietnamese that a picture cannot be read, never the browser\'s English', async () => {
    const decodeError = new DOMException('The source image could not be decoded.', 'InvalidStateError');
    vi.stubGlobal('createImageBitmap', vi.fn(() => Promise.reject(decodeError)));
    const r = renderWithServices(<StatusForm adoptionId="tv:mh-24" />);
    const input = await r.findByLabelText('Ảnh minh chứng');

    await choose(input, new File([new Uint8Array([1, 2, 3])], 'IMG_0002.HEIC', { type: 'image/heic' }));
    await waitFor(() => expect(r.getByRole('alert').textContent).toContain('HEIC'));
    expect(r.getByRole('alert').textContent).toContain('chưa đọc được ảnh');

    await choose(input, new File([new Uint8Array([1, 2, 3])], 'hong.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(r.getByRole('alert').textContent).toContain('Không đọc được ảnh này'));

    await choose(input, new File(['xin chào'], 'ghi-chu.txt', { type: 'text/plain' }));
    await waitFor(() => expect(r.getByRole('alert').textContent).toContain('Tệp này không phải ảnh'));

    expect(r.container.ownerDocument.body.textContent).not.toContain('could not be decoded');
    expect(await r.store.db.blobs.count()).toBe(0);
  });
});

describe('photos on the model screen', () => {
  it('shows a photo kept on the phone without the network, and an old inline photo as it is', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const r = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW });
    const ref = await storePhotoBytes(r.store.db, jpeg(2));
    await r.store.writeMany([photoEdit({ id: 'tv:mh-24', unitId: 'tv' }, ref, { suffix: 'a1', takenAt: NOW, caption: 'Lớp VNeID' })], 'u-thieuvan-congan');
    const legacy = `data:image/jpeg;base64,${btoa(String.fromCharCode(...jpegBytes(3, 30)))}`;
    await r.store.write('photo', 'tv:mh-24~old', 'tv', { adoptionId: 'tv:mh-24', data: legacy, caption: 'Ảnh cũ', takenAt: NOW }, 'u-thieuvan-congan');

    const kept = await r.findByRole('img', { name: 'Lớp VNeID' });
    expect(kept.getAttribute('src')).toMatch(/^blob:/);
    expect((await r.findByRole('img', { name: 'Ảnh cũ' })).getAttribute('src')).toBe(legacy);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says the photo needs the network while offline, then fetches it once online and keeps it', async () => {
    const bytes = jpegBytes(4);
    const hash = await sha256Hex(bytes);
    let online = false;
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      expect(url).toBe(`/api/blobs/${hash}`);
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer test-token-u-thanhhoa-tinh');
      return new Response(bytes, { headers: { 'content-type': 'image/jpeg' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    const r = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW, username: 'thanhhoa.tinh' });
    // A record pulled from the commune: the bytes are not on this phone.
    await r.store.applyPulled(
      Object.entries({ adoptionId: 'tv:mh-24', blob: hash, type: 'image/jpeg', size: bytes.byteLength, caption: 'Ảnh xã', takenAt: NOW }).map(([field, value], i) => ({
        coll: 'photo' as const, id: 'tv:mh-24~b2', field, value, hlc: encodeHlc({ wall: NOW, counter: i, device: 'thondev' }), base: null, unit: 'tv', author: 'u-thieuvan-congan', receivedAt: NOW,
      })),
      1,
    );
    const placeholder = await r.findByText('Ảnh chưa tải về — cần có mạng');
    expect(placeholder.getAttribute('data-testid')).toBe('photo-placeholder');

    online = true;
    window.dispatchEvent(new Event('online'));
    expect((await r.findByRole('img', { name: 'Ảnh xã' })).getAttribute('src')).toMatch(/^blob:/);
    expect(await r.store.db.blobs.get(hash)).toMatchObject({ hash, type: 'image/jpeg', uploaded: 1 });
  });
});
