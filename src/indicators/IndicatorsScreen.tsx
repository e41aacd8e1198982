import { SaveBar } from '../app/SaveBar.tsx';
import { indicatorsIdOf } from '../domain/sync/ids.ts';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { periodOf } from '../domain/calendar.ts';
import { formatNumber, formatPercent } from '../domain/text.ts';
import { fillingUnit } from '../checklists/scope.ts';
import { canWrite } from '../auth/access.ts';
import { useRecordDraft } from '../checklists/record-draft.ts';
import { FieldConflictBox, FieldNoteLine } from '../app/FieldConflict.tsx';
import type { FieldValue } from '../domain/sync/merge.ts';
import { recentMonths, sheetState, type CountCell, type ServiceRow } from './figures.ts';
import { m } from './messages.ts';
import { m as common } from '../i18n/common.ts';
import './indicators.css';

const rateText = (rate: number | null) => (rate === null ? '—' : formatPercent(rate));
const errId = (field: string) => `err-${field}`;
const showCount = (v: FieldValue) => (typeof v === 'number' ? formatNumber(v) : m.empty);
const COLUMN = (field: string) => (field.endsWith('.total') ? m.total : m.online);

export function IndicatorsScreen({ now = Date.now() }: { now?: number }) {
  const { seed, session } = useServices();
  const sheet = seed.indicatorSheet;
  const unitId = fillingUnit(session.user, seed.units);
  const [period, setPeriod] = useState(() => periodOf('monthly', now));
  const draft = useRecordDraft('indicators', indicatorsIdOf(unitId, period), unitId);
  const editable = canWrite(session.user, 'indicators', unitId, seed.units);
  const unitName = seed.units.find((u) => u.id === unitId)?.name ?? unitId;
  const months = recentMonths(now);
  if (!months.includes(period)) months.push(period);

  const unitLevel = seed.units.find((u) => u.id === unitId)?.level;
  const state = draft.ready ? sheetState(sheet, draft.stored, draft.dirty, unitLevel) : null;
  // Most communes have no Quyết định 422 dossiers: the table opens on request, or by itself
  // when the month already holds one of its figures (a long form is slow to type in on a phone).
  const [opened422, setOpen422] = useState(false);
  const open422 = opened422 || (state?.rows422.some((r) => r.total.raw !== '' || r.online.raw !== '') ?? false);

  async function save(e: Event) {
    e.preventDefault();
    if (!state || draft.busy) return;
    if (state.errorCount > 0) {
      draft.setNotice({ kind: 'error', text: m.notSaved(state.errorCount) });
      setTimeout(() => document.querySelector<HTMLElement>('.ind-form [aria-invalid="true"]')?.focus());
      return;
    }
    await draft.commit([draft.edit(state.changes)]);
  }

  const conflictOf = (c: CountCell) => (state ? draft.conflict(c.field, c.error ? undefined : (c.value ?? undefined)) : null);
  const conflictCount = state ? [...[...state.rows, ...state.rows422].flatMap((r) => [r.total, r.online]), ...state.counters, ...state.aggregates].filter((c) => conflictOf(c)).length : 0;

  /** The note of a change that just arrived, or the versions to choose between, for one cell. */
  const extras = (c: CountCell, label: string, cell?: string) => {
    const conflict = conflictOf(c);
    const note = draft.notes[c.field];
    if (conflict)
      return (
        <FieldConflictBox
          label={label}
          conflict={conflict}
          mine={c.raw}
          show={showCount}
          canEdit={editable}
          busy={draft.busy}
          onKeepMine={() => {
            if (c.value !== null && !c.error) void draft.keep(c.field, c.value);
            else draft.setNotice({ kind: 'error', text: m.mineInvalid(label) });
          }}
          onKeep={(v) => void draft.keep(c.field, v)}
        />
      );
    return note ? <FieldNoteLine author={note.author} cell={cell} /> : null;
  };

  const input = (c: CountCell, labelledBy: string) => (
    <input
      class="ind-input"
      type="text"
      inputMode="numeric"
      autoComplete="off"
      value={c.raw}
      readOnly={!editable}
      aria-labelledby={labelledBy}
      aria-invalid={c.error ? true : undefined}
      aria-describedby={c.error ? errId(c.field) : undefined}
      data-field={c.field}
      onInput={(e) => draft.setField(c.field, e.currentTarget.value)}
    />
  );

  /** One service's row (and its error and versions rows): the same for the 25 services and the Quyết định 422 ones. */
  const serviceRow = ({ service, total, online, rate }: ServiceRow, testId = 'row') => {
    const nameId = `ind-${service.id}`;
    const errors = [total, online].filter((c) => c.error);
    const numbered = service.no === null ? service.name : `${service.no}. ${service.name}`;
    const more = [total, online].map((c) => extras(c, `${COLUMN(c.field)} — ${numbered}`, COLUMN(c.field))).filter((x) => x !== null);
    return (
      <Fragment key={service.id}>
        <tr data-testid={`${testId}-${service.id}`}>
          <th scope="row">
            <span id={nameId}>
              {service.no !== null && `${service.no}. `}
              <span lang="vi">{service.name}</span>
            </span>
            {service.citation && (
              // Outside the name the inputs are labelled by: read once, not with every cell.
              <small class="ind-name-source" data-testid={`name-source-${service.id}`}>
                {service.byAdmin ? m.nameByAdmin : m.nameFrom} <span lang="vi">{service.citation}</span>
              </small>
            )}
          </th>
          <td>{input(total, `ind-col-total ${nameId}`)}</td>
          <td>{input(online, `ind-col-online ${nameId}`)}</td>
          <td class="ind-rate" data-testid={`rate-${service.id}`}>
            {rateText(rate)}
          </td>
        </tr>
        {errors.length > 0 && (
          <tr class="ind-error-row">
            <td colSpan={4}>
              <div class="ind-error-msg">
              {errors.map((c) => (
                <span class="field-error" id={errId(c.field)} role="alert">
                  {COLUMN(c.field)}: {c.error}
                </span>
              ))}
              </div>
            </td>
          </tr>
        )}
        {more.length > 0 && (
          <tr class="ind-conflict-row" data-testid={`versions-${service.id}`}>
            <td colSpan={4}>
              <div class="ind-versions">{more}</div>
            </td>
          </tr>
        )}
      </Fragment>
    );
  };

  return (
    <Layout title={m.title} active="indicators">
      <h2 class="subtitle" lang="vi">
        {sheet.title}
      </h2>
      <p class="muted">
        {m.unit} <span lang="vi">{unitName}</span>
      </p>
      <label class="ind-period">
        {m.period}
        <select value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
          {months.map((p) => (
            <option value={p}>{common.period(p)}</option>
          ))}
        </select>
      </label>
      {!editable && <p class="muted">{m.readOnly}</p>}
      {!state ? (
        <p>{common.loading}</p>
      ) : (
        <form class="form ind-form" noValidate onSubmit={(e) => void save(e)}>
          {draft.restored && (
            <p class="ind-restored">
              {m.draftRestored(common.period(period))}{' '}
              <button type="button" class="btn-small" onClick={() => void draft.discard()}>
                {m.discardDraft}
              </button>
            </p>
          )}
          <p class="muted ind-help">{m.howToType}</p>
          <div class="ind-scroll" role="region" aria-label={m.tableLabel} tabIndex={0}>
            <table class="ind-table">
              <thead>
                <tr>
                  <th scope="col" id="ind-col-name">
                    {m.service}
                  </th>
                  <th scope="col" id="ind-col-total">
                    {m.total}
                  </th>
                  <th scope="col" id="ind-col-online">
                    {m.online}
                  </th>
                  <th scope="col">{m.rate}</th>
                </tr>
              </thead>
              <tbody>
                {state.rows.map((r) => serviceRow(r))}
              </tbody>
              <tfoot>
                <tr data-testid="totals">
                  <th scope="row">{m.sumRow(state.rows.length)}</th>
                  <td data-testid="sum-total">{formatNumber(state.totals.total)}</td>
                  <td data-testid="sum-online">{formatNumber(state.totals.online)}</td>
                  <td class="ind-rate" data-testid="sum-rate">
                    {rateText(state.totals.rate)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p class="muted ind-help">{m.howTotals}</p>
          {state.rows422.length > 0 && !open422 && (
            <button type="button" class="btn-secondary ind-open-422" onClick={() => setOpen422(true)}>
              {m.open422(state.rows422.length)}
            </button>
          )}
          {state.rows422.length > 0 && open422 && (
            <div class="ind-scroll" role="region" aria-label={m.table422Label} tabIndex={0}>
              <table class="ind-table" data-testid="table-422">
                <caption class="ind-caption">{m.table422Caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.service422}</th>
                    <th scope="col">{m.total}</th>
                    <th scope="col">{m.online}</th>
                    <th scope="col">{m.rate}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.rows422.map((r, i) => (
                    <Fragment key={r.service.id}>
                      {r.group !== state.rows422[i - 1]?.group && (
                        <tr class="ind-group">
                          <th colSpan={4} scope="colgroup" lang="vi">
                            {r.group}
                          </th>
                        </tr>
                      )}
                      {serviceRow({ ...r, service: { ...r.service, name: r.parent ? `${r.parent}: ${r.service.name}` : r.service.name } }, 'row422')}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <fieldset class="ind-counters">
            <legend>{m.counters}</legend>
            {state.counters.map((c) => (
              <div class="ind-counter">
                <label for={`ind-${c.counter.id}`} lang="vi">
                  {c.counter.label} <span class="muted">({c.counter.unit})</span>
                </label>
                <input
                  id={`ind-${c.counter.id}`}
                  class="ind-input"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={c.raw}
                  readOnly={!editable}
                  aria-invalid={c.error ? true : undefined}
                  aria-describedby={c.error ? errId(c.field) : undefined}
                  onInput={(e) => draft.setField(c.field, e.currentTarget.value)}
                />
                {c.error && (
                  <span class="field-error" id={errId(c.field)} role="alert">
                    {c.error}
                  </span>
                )}
                {extras(c, c.counter.label)}
              </div>
            ))}
          </fieldset>
          {state.aggregates.length > 0 && (
            // The unit's own all-service figures (a province's: 001 §II.3.2), with the share each makes of its whole.
            <fieldset class="ind-counters" data-testid="ind-aggregates">
              <legend>{m.aggregates}</legend>
              <p class="muted">{m.aggregatesHow}</p>
              {state.aggregates.map((c) => (
                <div class="ind-counter">
                  <label for={`ind-${c.counter.id}`}>
                    {/* The seed's words are Vietnamese data; the hint is interface text. */}
                    <span lang="vi">{c.counter.label}</span>{' '}
                    <span class="muted">
                      (<span lang="vi">{c.counter.unit}</span>, {c.counter.measure === 'stock' ? m.stockHint : m.flowHint})
                    </span>
                  </label>
                  <input
                    id={`ind-${c.counter.id}`}
                    class="ind-input"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={c.raw}
                    readOnly={!editable}
                    aria-invalid={c.error ? true : undefined}
                    aria-describedby={c.error ? errId(c.field) : undefined}
                    onInput={(e) => draft.setField(c.field, e.currentTarget.value)}
                  />
                  {c.error && (
                    <span class="field-error" id={errId(c.field)} role="alert">
                      {c.error}
                    </span>
                  )}
                  {c.share !== null && <span class="muted" data-testid={`share-${c.counter.id}`}>{m.aggregateShare(formatPercent(c.share))}</span>}
                  {extras(c, c.counter.label)}
                </div>
              ))}
            </fieldset>
          )}
          {editable && (
            <SaveBar draft={draft} conflicts={conflictCount} />
          )}
        </form>
      )}
    </Layout>
  );
}
