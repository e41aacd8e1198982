// Units and users from a spreadsheet (.xlsx or .csv): download the template, pick the filled
// file, read every error by sheet and row from a dry run (nothing is written), then "Nhập"
// applies it all at once; new users without a password get one-time codes, listed to print.
import { useState } from 'preact/hooks';
import { formatNumber } from '../domain/text.ts';
import { AdminError, type ImportAnswer } from './api.ts';
import { useAdmin } from './context.ts';
import { SHEET_TITLE, UNIT_HEADERS, USER_HEADERS, csvTemplate, parseCsvImport, type ImportProblem, type ImportSheet, type ParsedImport } from './import-parse.ts';
import { when } from './UsersScreen.tsx';
import { m } from './messages.ts';

const loadXlsx = () => import('./admin-xlsx.ts');

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const HEADERS: Record<ImportSheet, Record<string, readonly string[]>> = { units: UNIT_HEADERS, users: USER_HEADERS };
const columnName = (sheet: ImportSheet, field: string) => HEADERS[sheet][field]?.[0] ?? field;

/** The file's own problems first; the server's for the same cell would repeat them. */
function allProblems(parsed: ParsedImport, answer: ImportAnswer | null): ImportProblem[] {
  const key = (p: { sheet: string; row: number; field: string }) => `${p.sheet}:${p.row}:${p.field}`;
  const local = new Set(parsed.problems.map(key));
  const server = (answer?.errors ?? []).filter((e) => !local.has(key(e)));
  const order = (p: ImportProblem) => (p.sheet === 'units' ? 0 : 1) * 1e9 + p.row;
  return [...parsed.problems, ...server].sort((a, b) => order(a) - order(b));
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'checked'; name: string; parsed: ParsedImport; answer: ImportAnswer }
  | { kind: 'applying'; name: string; parsed: ParsedImport; answer: ImportAnswer }
  | { kind: 'done'; name: string; parsed: ParsedImport; answer: ImportAnswer };

export function ImportScreen() {
  const { api, reloadUnits } = useAdmin();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);

  async function pick(file: File) {
    setFailure(null);
    setStage({ kind: 'reading', name: file.name });
    try {
      const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
      let parsed: ParsedImport;
      try {
        parsed = isCsv ? parseCsvImport(await file.text()) : await (await loadXlsx()).readWorkbook(file);
      } catch {
        throw new Error(m.unreadable(file.name));
      }
      const answer = await api.importRows(parsed.units, parsed.users, true);
      setStage({ kind: 'checked', name: file.name, parsed, answer });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      setStage({ kind: 'idle' });
    }
  }

  async function apply() {
    if (stage.kind !== 'checked') return;
    setFailure(null);
    setStage({ ...stage, kind: 'applying' });
    try {
      const answer = await api.importRows(stage.parsed.units, stage.parsed.users, false);
      // Re-validated in the transaction: something changed since the dry run (another admin).
      setStage({ ...stage, kind: answer.ok ? 'done' : 'checked', answer });
      if (answer.ok) await reloadUnits();
    } catch (e) {
      setFailure(e instanceof AdminError || e instanceof Error ? e.message : String(e));
      setStage({ ...stage, kind: 'checked' });
    }
  }

  async function template(kind: 'xlsx' | 'csv') {
    setFailure(null);
    try {
      if (kind === 'csv') download(new Blob([csvTemplate()], { type: 'text/csv;charset=utf-8' }), 'mau-nhap-don-vi-nguoi-dung.csv');
      else {
        const blob = await (await loadXlsx()).templateBlob({ title: m.guideTitle, levels: m.guideLevels, roles: m.guideRoles, notes: m.guideNotes.split('\n') });
        download(blob, 'mau-nhap-don-vi-nguoi-dung.xlsx');
      }
    } catch {
      setFailure(m.templateFailed);
    }
  }

  const problems = stage.kind === 'checked' || stage.kind === 'applying' ? allProblems(stage.parsed, stage.answer) : [];
  return (
    <>
      <section class="card adm-noprint">
        <h2>{m.importTitle}</h2>
        <p>{m.importIntro}</p>
        <div class="adm-buttons">
          <button type="button" class="btn-secondary" onClick={() => void template('xlsx')}>
            {m.templateXlsx}
          </button>
          <button type="button" class="btn-secondary" onClick={() => void template('csv')}>
            {m.templateCsv}
          </button>
        </div>
        <label>
          {m.chooseFile}
          <input
            type="file"
            name="import-file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={stage.kind === 'reading' || stage.kind === 'applying'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = ''; // the same file, fixed and saved again, is picked again
              if (file) void pick(file);
            }}
          />
        </label>
        {stage.kind === 'reading' && <p role="status">{m.checking(stage.name)}</p>}
        {failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
      </section>

      {(stage.kind === 'checked' || stage.kind === 'applying') && (
        <section class="card adm-noprint" data-testid="dry-run" aria-label={m.dryRunTitle}>
          <h2>{m.dryRunTitle}</h2>
          <p>{m.fileHas(stage.name, stage.parsed.units.length, stage.parsed.users.length)}</p>
          {problems.length > 0 ? (
            <>
              <p class="error" role="alert" data-testid="error-count">
                {m.errorsFound(problems.length)}
              </p>
              <div class="db-scroll">
                <table class="adm-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{m.sheet}</th>
                      <th scope="col">{m.row}</th>
                      <th scope="col">{m.column}</th>
                      <th scope="col">{m.problem}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.map((p) => (
                      <tr data-sheet={p.sheet} data-row={p.row}>
                        <td>{SHEET_TITLE[p.sheet]}</td>
                        <td class="db-num">{p.row}</td>
                        <td>{p.field ? columnName(p.sheet, p.field) : '—'}</td>
                        <td lang="vi">{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <>
              <p class="ok" role="status">
                {m.noErrors}
              </p>
              <button type="button" class="btn-primary" disabled={stage.kind === 'applying'} onClick={() => void apply()}>
                {stage.kind === 'applying' ? m.importing : m.importNow(stage.parsed.units.length, stage.parsed.users.length)}
              </button>
            </>
          )}
        </section>
      )}

      {stage.kind === 'done' && <ImportResult parsed={stage.parsed} answer={stage.answer} />}
    </>
  );
}

function ImportResult({ parsed, answer }: { parsed: ParsedImport; answer: ImportAnswer }) {
  const names = new Map(parsed.users.map((u) => [u.username.trim().toLowerCase(), u.displayName]));
  const codes = answer.codes ?? [];
  return (
    <section class="card adm-print" data-testid="import-done">
      <h2>{m.importedTitle}</h2>
      <p class="ok adm-noprint" role="status">
        {m.created(answer.created?.units ?? 0, answer.created?.users ?? 0)}
      </p>
      {codes.length > 0 && (
        <>
          <p>{m.codesIntro}</p>
          <div class="db-scroll">
            <table class="adm-table" data-testid="import-codes">
              <thead>
                <tr>
                  <th scope="col">{m.username}</th>
                  <th scope="col">{m.displayName}</th>
                  <th scope="col">{m.oneTimeCode}</th>
                  <th scope="col">{m.validUntil}</th>
                </tr>
              </thead>
              <tbody>
                {codes.map((c) => (
                  <tr data-username={c.username}>
                    <td>{c.username}</td>
                    <td lang="vi">{names.get(c.username) ?? ''}</td>
                    <td class="adm-code-value" translate={false}>
                      {c.code}
                    </td>
                    <td>{when(c.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted">{m.codesOnce(formatNumber(codes.length))}</p>
          <button type="button" class="btn-secondary adm-noprint" onClick={() => print()}>
            {m.printCodes}
          </button>
        </>
      )}
    </section>
  );
}
