import { MODEL_GROUP_LABEL, deadlineEnd, type Model } from '../domain/catalogue.ts';
import { formatDate } from '../domain/text.ts';
import { relativeDays } from '../home/due-reports.ts';

function List({ items }: { items: readonly string[] }) {
  return items.length ? (
    <ul>
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  ) : (
    <p class="muted">Tài liệu nguồn không nêu.</p>
  );
}

export function DeadlineText({ model, now }: { model: Model; now: number }) {
  if (!model.deadline) return <span class="muted">Tài liệu nguồn không nêu</span>;
  const end = deadlineEnd(model.deadline);
  return (
    <span>
      {model.deadline.text}
      {end !== null && (
        <span class={end < now ? 'late' : 'muted'}>
          {' '}
          (hạn {formatDate(end)}, {relativeDays(end, now)})
        </span>
      )}
    </span>
  );
}

export function ModelInfo({ model, now }: { model: Model; now: number }) {
  return (
    <div class="model-info">
      <p class="muted">{MODEL_GROUP_LABEL[model.group]}</p>
      <dl>
        <dt>Thời gian hoàn thành</dt>
        <dd>
          <DeadlineText model={model} now={now} />
        </dd>
        <dt>Đơn vị chủ trì</dt>
        <dd>{model.leadUnit ?? <span class="muted">Tài liệu nguồn không nêu</span>}</dd>
        <dt>Đơn vị phối hợp</dt>
        <dd>{model.partnerUnits.length ? model.partnerUnits.join('; ') : <span class="muted">Không nêu</span>}</dd>
        <dt>Đơn vị hỗ trợ</dt>
        <dd>{model.supportUnits.length ? model.supportUnits.join('; ') : <span class="muted">Không nêu</span>}</dd>
        <dt>Nền tảng, công cụ</dt>
        <dd>{model.platforms.length ? model.platforms.join('; ') : <span class="muted">Không nêu</span>}</dd>
      </dl>
      <details open>
        <summary>Mục tiêu</summary>
        <List items={model.objectives} />
      </details>
      <details>
        <summary>Phân công nhiệm vụ ({model.tasks.length.toLocaleString('vi-VN')})</summary>
        {model.tasks.length ? (
          <ol>
            {model.tasks.map((t) => (
              <li>
                {t.text}
                {t.lead && <div class="muted">Chủ trì: {t.lead}{t.partners.length ? `; phối hợp: ${t.partners.join(', ')}` : ''}</div>}
                {t.deadline && <div class="muted">Thời hạn: {t.deadline.text}</div>}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">Tài liệu nguồn không nêu.</p>
        )}
      </details>
      {model.notes.length > 0 && (
        <details>
          <summary>Ghi chú đối chiếu tài liệu</summary>
          <List items={model.notes} />
        </details>
      )}
      <p class="source muted">
        Nguồn: {model.source.map((s) => `${s.file} — ${s.section}`).join('; ')}
      </p>
    </div>
  );
}
