import { useState } from 'preact/hooks';
import { Layout, useSyncState } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { useLiveQuery } from '../app/hooks.ts';
import type { Status } from '../domain/status.ts';
import { conflicts, docValues, type FieldHead, type FieldState, type FieldValue } from '../domain/sync/merge.ts';
import { parsePhotoId } from '../domain/sync/ids.ts';
import { formatDate, formatDateTime } from '../domain/text.ts';
import { hlcTime } from '../db/store.ts';
import { canEditStatus } from '../auth/access.ts';
import { keepVersion } from '../app/use-seen-fields.ts';
import { StorageFullError } from '../db/errors.ts';
import '../app/field-conflict.css';
import { ModelInfo } from './ModelInfo.tsx';
import { PhotoView } from '../photos/PhotoView.tsx';
import { FREE_TEXT_FIELDS, statusFieldLabel } from './status-fields.ts';
import { ModelTitle } from './ModelTitle.tsx';
import { m } from './messages.ts';
import { m as catalogueText } from '../catalogue/messages.ts';
import { m as c } from '../i18n/common.ts';
import { historyEntries } from './history-groups.ts';
import { SmsCard } from '../sms/SmsCard.tsx';

/** A status field's value as people read it. */
export function showStatusValue(field: string, value: FieldValue): string {
  if (field === 'status') return (typeof value === 'string' && c.status(value as Status)) || String(value);
  if (field === 'progress' && typeof value === 'number') return `${value.toLocaleString('vi-VN')}%`;
  if (field === 'asOf' && typeof value === 'string') return formatDate(Date.parse(`${value}T00:00:00+07:00`));
  return value === null || value === '' ? m.empty : String(value);
}

/** A status value on screen: what people typed is data (lang="vi"), the rest is interface. */
export function StatusValue({ field, value }: { field: string; value: FieldValue }) {
  const text = showStatusValue(field, value);
  return FREE_TEXT_FIELDS.has(field) && value !== null && value !== '' ? <span lang="vi">{text}</span> : <>{text}</>;
}

const ABOVE_COMMUNE: readonly string[] = ['districtOfficer', 'provinceOfficer', 'admin'];
/** Read when shown (a getter): English may be installed after this module loads. */
export const BACK_TO_CATALOGUE = {
  href: '#/catalogue',
  get label() {
    return catalogueText.title;
  },
};

export function ModelDetailScreen({ adoptionId, now = Date.now() }: { adoptionId: string; now?: number }) {
  const { seed, store, session, sync } = useServices();
  useSyncState(); // re-render when names arrive
  // A person's name is data; "Bạn" and "máy này" are interface.
  const who = (author: string) =>
    author === session.user.id ? m.you : sync.people?.get(author) ? <span lang="vi">{sync.people.get(author)}</span> : author || m.thisDevice;
  const [keeping, setKeeping] = useState(false);
  const [keepError, setKeepError] = useState<string | null>(null);
  const show = showStatusValue;
  const adoptions = useAdoptions();
  const doc = useLiveQuery(() => store.doc('status', adoptionId), [store, adoptionId]);
  const history = useLiveQuery(() => store.history('status', adoptionId), [store, adoptionId]) ?? [];
  // One entry per save, listing the fields it changed.
  const saves = historyEntries(history);
  const photos = useLiveQuery(async () => (await store.docsOf('photo')).filter((p) => parsePhotoId(p.id)?.adoptionId === adoptionId).map((p) => ({ id: p.id, values: docValues(p.fields) })), [store, adoptionId]) ?? [];
  const adoption = adoptions?.find((a) => a.id === adoptionId);
  const model = seed.catalogue.models.find((m) => m.id === adoption?.modelId);
  if (!adoptions) return <Layout title={m.model} active="catalogue" back={BACK_TO_CATALOGUE}><p>{c.loading}</p></Layout>;
  if (!adoption || !model)
    return (
      <Layout title={m.model} active="catalogue" back={BACK_TO_CATALOGUE}>
        <p role="alert">{m.notInUnit}</p>
      </Layout>
    );
  // An officer above the commune reads many communes' models: say whose this one is.
  const commune = ABOVE_COMMUNE.includes(session.user.role) ? seed.units.find((u) => u.id === adoption.unitId) : undefined;
  const values = doc ? docValues(doc.fields) : {};
  // Per field in conflict: the shown value first, then each other value (one per distinct value).
  const split = doc
    ? Object.entries(doc.fields).flatMap(([field, state]) => {
        const lost = conflicts(state);
        if (lost.length === 0) return [];
        const versions: FieldHead[] = [];
        for (const h of [state.heads[0]!, ...lost]) if (!versions.some((v) => JSON.stringify(v.value) === JSON.stringify(h.value))) versions.push(h);
        return [{ field, state, versions }];
      })
    : [];
  const editable = canEditStatus(session.user, adoption, seed.units);

  /** "Giữ bản này": the chosen value, naming every value shown for the field, so the conflict is resolved. */
  async function keep(field: string, value: FieldValue, shown: FieldState) {
    if (!adoption || keeping) return;
    setKeeping(true);
    setKeepError(null);
    try {
      await keepVersion(store, { coll: 'status', id: adoption.id, unit: adoption.unitId }, field, value, shown, session.user.id);
    } catch (e) {
      setKeepError(e instanceof StorageFullError ? e.message : c.saveFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setKeeping(false);
    }
  }

  return (
    <Layout title={<ModelTitle model={model} />} active="catalogue" back={BACK_TO_CATALOGUE}>
      {commune && (
        <p class="muted" data-testid="model-unit">
          {m.belongsTo} <span lang="vi">{commune.name}</span>
        </p>
      )}
      <section class="card">
        <h2>{m.currentStatus}</h2>
        {doc ? (
          <p data-testid="current-status">
            <span class={`chip chip-${String(values.status)}`}>{show('status', values.status ?? 'notStarted')}</span> · {m.progress} {show('progress', values.progress ?? 0)}
            {values.asOf ? m.onDay(show('asOf', values.asOf)) : ''}
          </p>
        ) : (
          <p class="muted">{m.noStatusYet}</p>
        )}
        {values.note ? <p lang="vi">{String(values.note)}</p> : null}
        {editable && (
          <a class="btn-primary" href={`#/models/${encodeURIComponent(adoptionId)}/status`}>
            {m.recordStatus}
          </a>
        )}
      </section>
      {editable && <SmsCard adoptionId={adoptionId} />}
      {split.length > 0 && (
        <section class="card card-warn" data-testid="conflict">
          <h2>{m.conflictTitle}</h2>
          <ul class="list">
            {split.map(({ field, state, versions }) => (
              <li data-field={field}>
                <strong id={`versions-${field}`}>{statusFieldLabel(field)}</strong>
                <ul class="keep-list">
                  {versions.map((h, i) => (
                    <li class="keep-option" data-testid="version">
                      <div class="keep-text" id={`version-${field}-${i}`}>
                        <span class="keep-value">
                          <StatusValue field={field} value={h.value} />
                        </span>
                        <span class="muted">
                          {who(h.author)} · {formatDateTime(hlcTime(h.hlc))}
                          {i === 0 ? m.shownNow : ''}
                        </span>
                      </div>
                      {editable && (
                        <button type="button" class="btn-small keep-btn" disabled={keeping} aria-describedby={`versions-${field} version-${field}-${i}`} onClick={() => void keep(field, h.value, state)}>
                          {m.keepThis}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {keepError && (
            <p class="error" role="alert">
              {keepError}
            </p>
          )}
          <p class="muted">{editable ? m.keepHelpEditor : m.keepHelpViewer}</p>
        </section>
      )}
      {photos.length > 0 && (
        <section class="card">
          <h2>{m.photos}</h2>
          <div class="photos">
            {photos.map((p) =>
              // A caption is what someone typed (data); without one the alt text is interface.
              p.values.caption ? (
                <span key={p.id} lang="vi">
                  <PhotoView photo={p.values} alt={String(p.values.caption)} size={96} />
                </span>
              ) : (
                <PhotoView key={p.id} photo={p.values} alt={m.photo} size={96} />
              ),
            )}
          </div>
        </section>
      )}
      <section class="card">
        <h2>{m.modelInfo}</h2>
        <ModelInfo model={model} now={now} />
      </section>
      <section class="card">
        <h2>{m.history}</h2>
        {saves.length === 0 && <p class="muted">{m.noneYet}</p>}
        <ul class="list history">
          {saves.map(({ group, lines }) => (
            <li data-testid="history-entry">
              <span class="muted">
                {formatDateTime(group.at)} · {who(group.author)}
              </span>
              {lines.map(({ row }) => (
                <div>
                  {statusFieldLabel(row.field)}: <StatusValue field={row.field} value={row.value} />
                </div>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
