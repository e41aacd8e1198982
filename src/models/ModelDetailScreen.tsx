import { Layout, useSyncState } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { useLiveQuery } from '../app/hooks.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { STATUS_LABEL, type Status } from '../domain/status.ts';
import { conflicts, docValues, type FieldValue } from '../domain/sync/merge.ts';
import { formatDate, formatDateTime } from '../domain/text.ts';
import { hlcTime } from '../db/store.ts';
import { canEditStatus } from '../auth/access.ts';
import { ModelInfo } from './ModelInfo.tsx';
import { STATUS_FIELD_LABEL } from './status-fields.ts';

function show(field: string, value: FieldValue): string {
  if (field === 'status') return STATUS_LABEL[value as Status] ?? String(value);
  if (field === 'progress' && typeof value === 'number') return `${value.toLocaleString('vi-VN')}%`;
  if (field === 'asOf' && typeof value === 'string') return formatDate(Date.parse(`${value}T00:00:00+07:00`));
  return value === null || value === '' ? '(trống)' : String(value);
}

export function ModelDetailScreen({ adoptionId, now = Date.now() }: { adoptionId: string; now?: number }) {
  const { seed, store, session, sync } = useServices();
  useSyncState(); // re-render when names arrive
  const who = (author: string) => (author === session.user.id ? 'Bạn' : (sync.people?.get(author) ?? (author || 'máy này')));
  const adoptions = useAdoptions();
  const doc = useLiveQuery(() => store.doc('status', adoptionId), [store, adoptionId]);
  const history = useLiveQuery(() => store.history('status', adoptionId), [store, adoptionId]) ?? [];
  const photos = useLiveQuery(async () => (await store.docsOf('photo')).filter((p) => p.id.startsWith(`${adoptionId}~`)).map((p) => docValues(p.fields)), [store, adoptionId]) ?? [];
  const adoption = adoptions?.find((a) => a.id === adoptionId);
  const model = seed.catalogue.models.find((m) => m.id === adoption?.modelId);
  if (!adoptions) return <Layout title="Mô hình" active="catalogue"><p>Đang tải…</p></Layout>;
  if (!adoption || !model)
    return (
      <Layout title="Mô hình" active="catalogue">
        <p role="alert">Không tìm thấy mô hình này trong đơn vị của bạn.</p>
      </Layout>
    );
  const values = doc ? docValues(doc.fields) : {};
  const lost = doc ? Object.entries(doc.fields).flatMap(([field, heads]) => conflicts(heads).map((h) => ({ field, ...h }))) : [];
  const editable = canEditStatus(session.user, adoption, seed.units);

  return (
    <Layout title={modelTitle(model)} active="catalogue">
      <section class="card">
        <h2>Tình trạng hiện tại</h2>
        {doc ? (
          <p data-testid="current-status">
            <span class={`chip chip-${String(values.status)}`}>{show('status', values.status ?? 'notStarted')}</span> · Tiến độ {show('progress', values.progress ?? 0)}
            {values.asOf ? ` · ngày ${show('asOf', values.asOf)}` : ''}
          </p>
        ) : (
          <p class="muted">Chưa ghi nhận tình trạng.</p>
        )}
        {values.note ? <p>{String(values.note)}</p> : null}
        {editable && (
          <a class="btn-primary" href={`#/models/${encodeURIComponent(adoptionId)}/status`}>
            Ghi nhận tình trạng
          </a>
        )}
      </section>
      {lost.length > 0 && (
        <section class="card card-warn" data-testid="conflict">
          <h2>2 người cùng sửa khi ngoại tuyến — giữ bản mới hơn; bản kia ở đây</h2>
          <ul class="list">
            {lost.map((h) => (
              <li>
                <strong>{STATUS_FIELD_LABEL[h.field] ?? h.field}:</strong> {show(h.field, h.value)}
                <div class="muted">
                  {who(h.author)} · {formatDateTime(hlcTime(h.hlc))}
                </div>
              </li>
            ))}
          </ul>
          <p class="muted">Muốn giữ bản này, hãy mở “Ghi nhận tình trạng”, nhập lại và lưu.</p>
        </section>
      )}
      {photos.length > 0 && (
        <section class="card">
          <h2>Ảnh minh chứng</h2>
          <div class="photos">
            {photos.map((p) => (
              <img src={String(p.data)} alt={String(p.caption || 'Ảnh minh chứng')} width={96} height={96} loading="lazy" />
            ))}
          </div>
        </section>
      )}
      <section class="card">
        <h2>Thông tin mô hình</h2>
        <ModelInfo model={model} now={now} />
      </section>
      <section class="card">
        <h2>Lịch sử cập nhật</h2>
        {history.length === 0 && <p class="muted">Chưa có.</p>}
        <ul class="list history">
          {history.map((c) => (
            <li>
              <span class="muted">{formatDateTime(hlcTime(c.hlc))} · {who(c.author)}</span>
              <div>
                {STATUS_FIELD_LABEL[c.field] ?? c.field}: {show(c.field, c.value)}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
