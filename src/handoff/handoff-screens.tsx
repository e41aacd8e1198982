// Hand-off between phones (a lazy chunk): #/handoff/send packs this phone's queued changes into a
// signed bundle (src/domain/sync/bundle.ts) and gives it as a file or a run of QR codes;
// #/handoff/receive takes a bundle from a file, from photos of the codes or from the camera,
// checks it, shows what it carries and keeps it to relay at the next sync (src/sync/engine.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useOutboxCount } from '../app/data.ts';
import { countSaves } from '../models/history-groups.ts';
import { useLiveQuery, useOnline } from '../app/hooks.ts';
import { COLLECTION_LABEL } from '../domain/access.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { parseAdoptionId, parsePhotoId } from '../domain/sync/ids.ts';
import { pushedToTuple, type Pushed } from '../domain/sync/wire.ts';
import { formatDateTime } from '../domain/text.ts';
import { BundleError, MAX_BUNDLE_CHANGES, QrCollector, openBundle, packBundle, qrPieces, type OpenedBundle, type QrProgress } from '../domain/sync/bundle.ts';
import type { RelayRow } from '../db/schema.ts';
import { m as common } from '../i18n/common.ts';
import { m } from './messages.ts';
import { qrDataUrl, readCodesInFile, scanCamera } from './qr.ts';

/** How long each code stays on screen when they change by themselves. */
const ADVANCE_MS = 1200;

export default function HandoffScreens({ route }: { route: string[] }) {
  return route[1] === 'receive' ? <ReceiveScreen /> : <SendScreen />;
}

interface Packed {
  text: string;
  saves: number;
  count: number;
  from: number;
  to: number;
  pieces: string[];
  name: string;
}

function SendScreen() {
  const { store, session, sync } = useServices();
  const device = sync.session.deviceId ?? '';
  const pending = useOutboxCount() ?? 0;
  /** Fields queued (a save writes several): a bundle's limit counts these. */
  const queued = useLiveQuery(() => store.outboxCount(), [store]) ?? 0;
  const key = useLiveQuery(() => sync.handoff.deviceKey(device), [device]);
  const [packed, setPacked] = useState<Packed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [codes, setCodes] = useState(false);
  const [canShare, setCanShare] = useState(false);

  async function make() {
    setBusy(true);
    setError(null);
    setNote(null);
    setCodes(false);
    try {
      const k = await sync.handoff.deviceKey(device);
      if (!k) throw new Error(m.noKey);
      const rows = await sync.handoff.queuedChanges(MAX_BUNDLE_CHANGES);
      if (rows.length === 0) throw new Error(m.nothingPending);
      const text = await packBundle({
        author: session.user.id,
        authorName: session.user.displayName,
        device,
        epoch: await store.serverEpoch(),
        createdAt: Date.now(),
        changes: rows.map(pushedToTuple),
        key: { privateKey: k.privateKey, publicKey: k.publicKey },
      });
      const [from, to] = [rows[0]!.seq, rows[rows.length - 1]!.seq];
      const name = `ban-giao-${session.user.username}-${from}-${to}.txt`;
      const file = new File([text], name, { type: 'text/plain' });
      setCanShare(typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] }));
      setPacked({ text, saves: countSaves(rows), count: rows.length, from, to, pieces: qrPieces(text), name });
    } catch (e) {
      setError(m.packFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  }

  async function share(p: Packed) {
    const file = new File([p.text], p.name, { type: 'text/plain' });
    try {
      await navigator.share({ files: [file], title: m.sendTitle });
      setNote(m.fileShared);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) save(p);
    }
  }

  function save(p: Packed) {
    const url = URL.createObjectURL(new Blob([p.text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = p.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setNote(m.fileSaved);
  }

  return (
    <Layout title={m.sendTitle} active="home" back={{ href: '#/', label: common.back }}>
      <p class="muted">{m.sendIntro}</p>
      <section class="card" data-testid="handoff-send">
        <p data-testid="handoff-pending">{pending > 0 ? m.pending(pending) : m.nothingPending}</p>
        {queued > MAX_BUNDLE_CHANGES && <p class="muted">{m.tooMany(queued, MAX_BUNDLE_CHANGES)}</p>}
        {key === null && <p class="error">{m.noKey}</p>}
        {key && !key.registered && <p class="late">{m.keyPending}</p>}
        <button type="button" class="btn-primary" disabled={busy || pending === 0 || !key} onClick={() => void make()}>
          {busy ? m.making : m.makeBundle}
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>
      {packed && (
        <section class="card" data-testid="handoff-bundle">
          <p>{m.made(packed.saves, packed.count, packed.from, packed.to, (packed.text.length / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 }), packed.pieces.length)}</p>
          <p class="muted">{m.photosApart}</p>
          <div class="lang-switch">
            {canShare && (
              <button type="button" class="btn-secondary" onClick={() => void share(packed)}>
                {m.sendFile}
              </button>
            )}
            <button type="button" class="btn-secondary" onClick={() => save(packed)}>
              {m.saveFile}
            </button>
            <button type="button" class="btn-secondary" onClick={() => setCodes(true)}>
              {m.showCodes}
            </button>
          </div>
          {note && <p role="status">{note}</p>}
          {codes && <CodeRun pieces={packed.pieces} />}
        </section>
      )}
    </Layout>
  );
}

/** The bundle's codes one after another, by themselves or by hand. */
function CodeRun({ pieces }: { pieces: string[] }) {
  const [index, setIndex] = useState(0);
  const [auto, setAuto] = useState(pieces.length > 1);
  const [image, setImage] = useState<{ index: number; src: string } | null>(null);
  const total = pieces.length;
  useEffect(() => {
    let live = true;
    void qrDataUrl(pieces[index]!).then((src) => live && setImage({ index, src }));
    return () => void (live = false);
  }, [index, pieces]);
  useEffect(() => {
    if (!auto || total < 2 || image?.index !== index) return;
    const t = setTimeout(() => setIndex((i) => (i + 1) % total), ADVANCE_MS);
    return () => clearTimeout(t);
  }, [auto, index, total, image]);
  const step = (by: number) => {
    setAuto(false);
    setIndex((i) => (i + by + total) % total);
  };
  return (
    <div class="handoff-codes">
      <p class="muted">{m.codesHelp}</p>
      <p data-testid="qr-counter" aria-live="polite">
        <strong>{m.codeOf(index + 1, total)}</strong>
      </p>
      {image && (
        <img
          data-testid="handoff-qr"
          data-index={String(image.index + 1)}
          src={image.src}
          alt={m.qrAlt(image.index + 1, total)}
          style={{ width: '100%', maxWidth: '340px', imageRendering: 'pixelated', display: 'block', margin: '0 auto', background: '#fff' }}
        />
      )}
      {total > 1 && (
        <div class="lang-switch">
          <button type="button" class="btn-small" onClick={() => step(-1)}>
            {m.previous}
          </button>
          <button type="button" class="btn-small" onClick={() => step(1)}>
            {m.next}
          </button>
          <button type="button" class="btn-small" aria-pressed={auto} onClick={() => setAuto(!auto)}>
            {auto ? m.pause : m.play}
          </button>
        </div>
      )}
    </div>
  );
}

/** What a bundle touches, record by record, with names a person recognises. */
function recordsOf(changes: readonly Pushed[], modelName: (id: string) => string | null): { key: string; label: string; count: number }[] {
  const byRecord = new Map<string, { label: string; rows: Pushed[] }>();
  for (const c of changes) {
    const key = `${c.coll}/${c.id}`;
    const known = byRecord.get(key);
    if (known) {
      known.rows.push(c);
      continue;
    }
    const adoption = c.coll === 'photo' ? parsePhotoId(c.id)?.adoptionId : c.id;
    const model = adoption ? parseAdoptionId(adoption)?.model : undefined;
    const name = (model && modelName(model)) ?? c.id;
    byRecord.set(key, { label: m.record(COLLECTION_LABEL[c.coll], name), rows: [c] });
  }
  return [...byRecord].map(([key, v]) => ({ key, label: v.label, count: countSaves(v.rows) }));
}

function ReceiveScreen() {
  const { sync, seed } = useServices();
  const online = useOnline();
  const held = useLiveQuery(() => sync.handoff.relayed(), [sync]) ?? [];
  const [result, setResult] = useState<{ opened: OpenedBundle; again: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<QrProgress | null>(null);
  const [checking, setChecking] = useState(false);
  const [scanning, setScanning] = useState(false);
  const collector = useRef(new QrCollector());
  const video = useRef<HTMLVideoElement>(null);
  const stop = useRef<(() => void) | null>(null);
  const models = new Map(seed.catalogue.models.map((x) => [x.id, modelTitle(x)]));

  useEffect(() => () => stop.current?.(), []);

  async function accept(text: string) {
    setChecking(true);
    setError(null);
    setResult(null);
    try {
      const opened = await openBundle(text);
      const kept = await sync.handoff.keepBundle({
        id: opened.id,
        text: text.trim(),
        author: opened.manifest.a,
        authorName: opened.manifest.n,
        device: opened.manifest.d,
        seqs: opened.seqs,
        changes: opened.changes.length,
        receivedAt: Date.now(),
      });
      setResult({ opened, again: kept === 'again' });
      collector.current = new QrCollector();
      setProgress(null);
      stopScan();
      if (navigator.onLine) void sync.syncNow();
    } catch (e) {
      setError(e instanceof BundleError ? m.refusal(e.code, e.message) : e instanceof Error ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  }

  /** Feeds scanned texts to the collector; true when one of them belonged to a bundle. */
  async function scanned(texts: readonly string[]): Promise<boolean> {
    let ours = false;
    for (const t of texts) {
      const p = collector.current.add(t);
      if (p.state === 'ignored') continue;
      ours = true;
      if (p.state === 'complete') {
        await accept(p.text);
        return true;
      }
      setProgress(p);
    }
    return ours;
  }

  async function onFile(files: FileList | null) {
    const file = files?.[0];
    if (file) await accept(await file.text());
  }

  async function onImages(files: FileList | null) {
    setError(null);
    let ours = false;
    for (const file of Array.from(files ?? [])) {
      const texts = await readCodesInFile(file).catch(() => []);
      if (await scanned(texts)) ours = true;
    }
    if (!ours) setError(m.notOurs);
  }

  async function startScan() {
    setError(null);
    if (!video.current) return;
    setScanning(true);
    try {
      stop.current = await scanCamera(video.current, (texts) => void scanned(texts));
    } catch {
      setScanning(false);
      setError(m.cameraFailed);
    }
  }

  function stopScan() {
    stop.current?.();
    stop.current = null;
    setScanning(false);
  }

  const waiting = held.filter((h) => h.state === 'waiting').length;
  return (
    <Layout title={m.receiveTitle} active="home" back={{ href: '#/', label: common.back }}>
      <p class="muted">{m.receiveIntro}</p>
      <section class="card" data-testid="handoff-receive">
        <label>
          {m.fileLabel}
          <input type="file" accept=".txt,.da06,text/plain" onChange={(e) => void onFile((e.target as HTMLInputElement).files)} />
        </label>
        <label>
          {m.imagesLabel}
          <input type="file" accept="image/*" multiple onChange={(e) => void onImages((e.target as HTMLInputElement).files)} />
        </label>
        <button type="button" class="btn-secondary" onClick={() => (scanning ? stopScan() : void startScan())}>
          {scanning ? m.stopScan : m.scan}
        </button>
        <video ref={video} hidden={!scanning} style={{ width: '100%', maxHeight: '50vh' }} />
        {scanning && !progress && <p class="muted">{m.scanning}</p>}
        {progress?.state === 'collecting' && (
          <p data-testid="qr-progress" aria-live="polite">
            {m.collected(progress.have, progress.total)}
            {progress.missing.length > 0 && m.missing(progress.missing.join(', '))}
          </p>
        )}
        {checking && <p class="muted">{m.checking}</p>}
        {error && (
          <p class="error" role="alert" data-testid="handoff-error">
            {error}
          </p>
        )}
      </section>
      {result && <BundleSummary opened={result.opened} again={result.again} models={models} />}
      <section class="card" data-testid="handoff-held">
        <h2>{m.heldTitle}</h2>
        {held.length === 0 && <p class="muted">{m.noneHeld}</p>}
        <ul class="list">
          {held.map((row) => (
            <HeldRow row={row} onForget={() => void sync.handoff.forgetBundle(row.id)} />
          ))}
        </ul>
        {waiting > 0 && online && (
          <button type="button" class="btn-secondary" onClick={() => void sync.syncNow()}>
            {m.sendNow}
          </button>
        )}
      </section>
    </Layout>
  );
}

function BundleSummary({ opened, again, models }: { opened: OpenedBundle; again: boolean; models: Map<string, string> }) {
  const records = recordsOf(opened.changes, (id) => models.get(id) ?? null);
  const card = useRef<HTMLElement>(null);
  // Below the pickers on a small screen: bring what was received into view.
  useEffect(() => card.current?.scrollIntoView({ block: 'nearest' }), [opened.id]);
  return (
    <section class="card" data-testid="handoff-summary" ref={card}>
      <h2>
        {m.summary(opened.manifest.n || opened.manifest.a, countSaves(opened.changes), opened.changes.length, records.length)}
      </h2>
      <ul class="list" lang="vi">
        {records.map((r) => (
          <li key={r.key}>
            {r.label} <span class="muted">· {m.changesOf(r.count)}</span>
          </li>
        ))}
      </ul>
      <p class="muted">{m.verified}</p>
      <p role="status">{again ? m.keptAgain : m.kept}</p>
    </section>
  );
}

function HeldRow({ row, onForget }: { row: RelayRow; onForget: () => void }) {
  const state =
    row.state === 'delivered'
      ? row.refusedChanges > 0
        ? m.stateDeliveredRefused(formatDateTime(row.settledAt ?? 0), row.refusedChanges)
        : m.stateDelivered(formatDateTime(row.settledAt ?? 0))
      : row.state === 'refused'
        ? m.stateRefused(m.refusal(row.code ?? '', row.message ?? ''))
        : row.message
          ? m.stateDeferred(m.refusal(row.code ?? '', row.message))
          : m.stateWaiting;
  return (
    <li data-testid="relay-row" data-state={row.state}>
      <strong lang="vi">{m.held(row.authorName || row.author, row.changes, row.seqs[0], row.seqs[1])}</strong>
      <span class={row.state === 'refused' ? 'error' : 'muted'}>{state}</span>
      {row.state !== 'waiting' && (
        <button type="button" class="btn-small" onClick={onForget}>
          {m.forget}
        </button>
      )}
    </li>
  );
}
