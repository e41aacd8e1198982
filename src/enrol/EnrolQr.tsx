// The one-time sign-in QR code the commune police show a village member: `<origin>/#/enrol/<code>`,
// which the member's own camera app opens. It counts down its 10 minutes and says when it expired.
import { correction, generate } from 'lean-qr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../domain/text.ts';
import { enrolUrl, type EnrolCode } from './api.ts';
import { m } from './messages.ts';
import './enrol.css';

const left = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function EnrolQr({ code, displayName, onNewCode, onDone }: { code: EnrolCode; displayName: string; onNewCode: () => void; onDone: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const card = useRef<HTMLElement>(null);
  const [now, setNow] = useState(Date.now());
  // The officer holds the phone out to be scanned: the whole code on screen, not under the sync bar.
  useEffect(() => card.current?.scrollIntoView({ block: 'start' }), [code.code]);
  useEffect(() => {
    // Medium error correction: a phone screen photographed by a cheap camera, under office light.
    if (canvas.current) generate(enrolUrl(location.origin, code.code), { minCorrectionLevel: correction.M }).toCanvas(canvas.current);
  }, [code.code]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const expired = now >= code.expiresAt;
  return (
    <section ref={card} class="card enrol-qr" data-testid="enrol-qr" aria-live="polite">
      <h2>
        {m.qrTitle}
        <span lang="vi">{displayName}</span>
      </h2>
      {expired ? (
        <p class="error" role="alert">
          {m.expired}
        </p>
      ) : (
        <>
          <canvas ref={canvas} role="img" aria-label={m.qrAlt} class="qr" />
          <p class="muted">{m.qrHelp}</p>
          <p data-testid="enrol-expiry">{m.expiresAt(formatDateTime(code.expiresAt), left(code.expiresAt - now))}</p>
        </>
      )}
      <div class="actions">
        <button type="button" class={expired ? 'btn-primary' : 'btn-secondary'} onClick={onNewCode}>
          {m.newCode}
        </button>{' '}
        <button type="button" class="btn-small" onClick={onDone}>
          {m.done}
        </button>
      </div>
    </section>
  );
}
