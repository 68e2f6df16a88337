import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallSeatMap } from '../../../../shared/contract';
import { SEAT_KINDS, type SeatKind } from '../../../../shared/enums';
import { countByKind, seatName } from '../../../../shared/seat-map';
import { isLanguage } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { confirmLeave, useUnsavedChanges } from '../../shell/unsaved-changes';
import { hallLabel } from '../../format/hall';
import {
  addSeat,
  draftFrom,
  draftProblems,
  generate,
  gridSize,
  isDirty,
  keysInRect,
  removeSeats,
  renameRow,
  renumber,
  restoreSeats,
  setKind,
  toSaveInput,
  type DraftSeat,
} from './seat-map-draft';
import { SEAT_KIND_LETTER } from './seat-kinds';
import { wholeFrom } from '../../format/amount-input';

/** The sign before a problem, and the swatch letter of a standard seat. */
const WARNING_SIGN = '⚠ ';
const STANDARD_SWATCH = 'S';

/** The seat-map editor of one hall: loads the map, edits a working copy, saves it in one step. */
export function SeatMapEditor({ hallId, onClose }: { hallId: string; onClose(): void }) {
  const { t } = useTranslation(['catalog', 'components']);
  const map = useOperation('seatMap.get', { hallId });
  if (map.error && !map.data) return <ErrorBanner error={map.error} title={t('seatMap.loadFailed')} action={<Button onClick={map.reload}>{t('components:tryAgain')}</Button>} />;
  if (!map.data) return <Loading label={t('seatMap.loading')} />;
  return <Editor initial={map.data} onClose={onClose} />;
}

interface Cell {
  x: number;
  y: number;
}

function Editor({ initial, onClose }: { initial: HallSeatMap; onClose(): void }) {
  const { t, i18n } = useTranslation(['catalog', 'enums']);
  const language = isLanguage(i18n.language) ? i18n.language : undefined;
  const kindName = (k: SeatKind) => t(`enums:seatKind.${k}`);
  const [hall, setHall] = useState(initial.hall);
  const [original, setOriginal] = useState<DraftSeat[]>(() => draftFrom(initial.seats));
  const [draft, setDraft] = useState<DraftSeat[]>(original);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<Cell>({ x: 0, y: 0 });
  const [anchor, setAnchor] = useState<Cell | null>(null);
  const dragging = useRef<{ base: Set<string> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState(String(Math.max(1, gridSize(draft).height)));
  const [perRow, setPerRow] = useState(String(draft.length ? gridSize(draft).width : 12));
  const [labels, setLabels] = useState('');
  const [rowName, setRowName] = useState('');
  const gridRef = useRef<HTMLDivElement>(null);

  const dirty = isDirty(original, draft);
  const problems = useMemo(() => draftProblems(draft, language), [draft, language]);
  const counts = countByKind(draft);
  const activeCount = draft.filter((s) => s.active).length;
  const { width, height } = gridSize(draft);
  const at = useMemo(() => new Map(draft.map((s) => [`${s.gridX},${s.gridY}`, s])), [draft]);
  const chosen = draft.filter((s) => selected.has(s.key));
  const chosenRows = [...new Set(chosen.map((s) => s.rowLabel))];

  // A drag ends wherever the mouse is released.
  useEffect(() => {
    const up = () => {
      dragging.current = null;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  // Leaving with unsaved edits (the window, another area, "Back to halls") asks first.
  useUnsavedChanges(dirty);
  const close = () => {
    if (confirmLeave()) onClose();
  };

  const edit = (next: DraftSeat[], message: string | null = null) => {
    setDraft(next);
    setNotice(message);
    setError(null);
  };

  const selectRect = (a: Cell, b: Cell, base: Set<string> = new Set()) => {
    setSelected(new Set([...base, ...keysInRect(draft, a, b)]));
  };

  const onCellMouseDown = (cell: Cell, e: MouseEvent) => {
    e.preventDefault();
    setFocus(cell);
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${cell.x},${cell.y}"]`)?.focus();
    if (e.shiftKey && anchor) {
      selectRect(anchor, cell);
      return;
    }
    const base = e.ctrlKey || e.metaKey ? new Set(selected) : new Set<string>();
    const seat = at.get(`${cell.x},${cell.y}`);
    if ((e.ctrlKey || e.metaKey) && seat && base.has(seat.key)) {
      base.delete(seat.key);
      setSelected(base);
      return;
    }
    setAnchor(cell);
    dragging.current = { base };
    selectRect(cell, cell, base);
  };

  const onCellMouseEnter = (cell: Cell) => {
    if (!dragging.current || !anchor) return;
    selectRect(anchor, cell, dragging.current.base);
  };

  const doRemove = useCallback(() => {
    const outcome = removeSeats(draft, selected);
    const parts: string[] = [];
    const removedCount = chosen.filter((s) => s.active).length - outcome.refused.length;
    if (removedCount > 0) parts.push(t('seatMap.removed', { count: removedCount }));
    if (outcome.kept.length) parts.push(t('seatMap.kept', { count: outcome.kept.length, seats: outcome.kept.join(', ') }));
    edit(outcome.draft, parts.join(' ') || null);
    // A refusal is shown as one (red, role=alert), never in the notice of what was done.
    if (outcome.refused.length) setError(t('seatMap.refused', { count: outcome.refused.length, seats: outcome.refused.join(', ') }));
    setSelected(new Set());
  }, [draft, selected, chosen, t]);

  const focusFree = !at.has(`${focus.x},${focus.y}`);
  const doAdd = () => {
    if (!focusFree) return;
    const next = addSeat(draft, focus.x, focus.y);
    const added = next.at(-1)!;
    edit(next, t('seatMap.added', { seat: seatName(added) }));
    setSelected(new Set([added.key]));
  };

  const doRestore = () => {
    edit(restoreSeats(draft, selected), null);
  };

  const doKind = (kind: SeatKind) => edit(setKind(draft, selected, kind));

  const doRename = () => {
    const from = chosenRows[0];
    if (!from || chosenRows.length !== 1 || !rowName.trim()) return;
    edit(renameRow(draft, from, rowName), t('seatMap.renamed', { from, to: rowName.trim() }));
    setRowName('');
  };

  const doRenumber = () => edit(renumber(draft, selected), selected.size ? t('seatMap.renumberedRows') : t('seatMap.renumberedAll'));

  const doGenerate = () => {
    const r = wholeFrom(rows);
    const n = wholeFrom(perRow);
    if (!(r >= 1 && r <= 60 && n >= 1 && n <= 80)) {
      setError(t('seatMap.badSize'));
      return;
    }
    const custom = labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    edit(generate(draft, r, n, custom), t('seatMap.generated', { rows: r, perRow: n }));
    setSelected(new Set());
  };

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await call('seatMap.save', { hallId: hall.id, seats: toSaveInput(draft) });
      const fresh = draftFrom(saved.seats);
      setHall(saved.hall);
      setOriginal(fresh);
      setDraft(fresh);
      setSelected(new Set());
      const parts = [
        saved.created ? t('seatMap.partAdded', { count: saved.created }) : '',
        saved.updated ? t('seatMap.partChanged', { count: saved.updated }) : '',
        saved.deleted ? t('seatMap.partDeleted', { count: saved.deleted }) : '',
      ].filter(Boolean);
      const done = parts.length ? t('seatMap.saved', { hall: saved.hall.name, parts: parts.join(', ') }) : t('seatMap.savedNothing', { hall: saved.hall.name });
      const kept = saved.deactivated.length ? ` ${t('seatMap.savedDeactivated', { count: saved.deactivated.length, seats: saved.deactivated.join(', ') })}` : '';
      setNotice(done + kept);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    edit(original, t('seatMap.discarded'));
    setSelected(new Set());
  };

  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const next = { x: Math.min(width - 1, Math.max(0, focus.x + move[0])), y: Math.min(height - 1, Math.max(0, focus.y + move[1])) };
      setFocus(next);
      gridRef.current?.querySelector<HTMLElement>(`[data-cell="${next.x},${next.y}"]`)?.focus();
      if (e.shiftKey) selectRect(anchor ?? focus, next);
      else if (!anchor) setAnchor(next);
      if (!e.shiftKey) setAnchor(next);
      return;
    }
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      const seat = at.get(`${focus.x},${focus.y}`);
      if (!seat) return;
      const next = new Set(selected);
      if (next.has(seat.key)) next.delete(seat.key);
      else next.add(seat.key);
      setSelected(next);
      setAnchor(focus);
    } else if (e.key === 'Insert' || e.key === '+') {
      e.preventDefault();
      doAdd();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      doRemove();
    } else if (e.key === 'Escape') {
      setSelected(new Set());
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(draft.map((s) => s.key)));
    }
  };

  const onEditorKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  };

  const lineLabel = (y: number) => draft.find((s) => s.gridY === y)?.rowLabel ?? '';
  const selectLine = (y: number) => {
    setSelected(new Set(draft.filter((s) => s.gridY === y).map((s) => s.key)));
    setAnchor({ x: 0, y });
  };

  return (
    <div className="seatmap-editor" onKeyDown={onEditorKeyDown} data-testid="seat-map-editor">
      <div className="seatmap-head">
        <div>
          <h2 className="section-title">{t('seatMap.title', { hall: hallLabel(hall) })}</h2>
          <p className="section-meta">
            <span data-testid="seatmap-total">{t('seatMap.seats', { count: activeCount })}</span>
            {t('seatMap.cleaning', { minutes: hall.cleaningMinutes })}
            {hall.active ? '' : t('seatMap.deactivated')}
          </p>
        </div>
        <div className="seatmap-head-actions">
          <span className={`badge ${dirty ? 'badge-warn' : 'badge-muted'}`} data-testid="seatmap-dirty" aria-live="polite">
            <span className="badge-symbol" aria-hidden="true">
              {dirty ? '●' : '✓'}
            </span>
            {dirty ? t('seatMap.unsaved') : t('seatMap.allSaved')}
          </span>
          <Button variant="ghost" onClick={discard} disabled={!dirty || busy} testId="seatmap-discard">
            {t('seatMap.discard')}
          </Button>
          <Button variant="primary" onClick={() => void save()} busy={busy} disabled={!dirty} shortcut="Ctrl+S" testId="seatmap-save">
            {t('seatMap.save')}
          </Button>
          <Button onClick={close} testId="seatmap-close">
            {t('seatMap.back')}
          </Button>
        </div>
      </div>

      {notice && <Notice tone="success" testId="seatmap-notice">{notice}</Notice>}
      <ErrorBanner error={error} testId="seatmap-error" />

      <div className="seatmap-body">
        <div className="seatmap-canvas">
          <div className="seatmap-screen" aria-hidden="true">
            {t('seatMap.screen')}
          </div>
          {draft.length === 0 ? (
            <p className="seatmap-empty" data-testid="seatmap-empty">
              {t('seatMap.empty')}
            </p>
          ) : (
            <div className="seatmap-scroll">
              <div
                ref={gridRef}
                className="seatmap-grid"
                role="grid"
                aria-label={t('seatMap.gridLabel', { hall: hall.name })}
                aria-multiselectable="true"
                onKeyDown={onGridKeyDown}
                style={{ gridTemplateColumns: `auto repeat(${width}, var(--seat)) auto` }}
                data-testid="seatmap-grid"
              >
                {Array.from({ length: height }, (_, y) => (
                  <div role="row" className="seatmap-row" key={y}>
                    <button type="button" className="seatmap-rowlabel" onClick={() => selectLine(y)} tabIndex={-1} title={t('seatMap.selectRow', { row: lineLabel(y) })} data-testid="seatmap-rowlabel">
                      {lineLabel(y)}
                    </button>
                    {Array.from({ length: width }, (_, x) => {
                      const seat = at.get(`${x},${y}`);
                      const isFocus = focus.x === x && focus.y === y;
                      const isSelected = !!seat && selected.has(seat.key);
                      const letter = seat ? SEAT_KIND_LETTER[seat.kind] : '';
                      const state = !seat ? '' : !seat.active ? (seat.id && seat.hasHistory ? t('seatMap.removedKept') : t('seatMap.removedDeleted')) : seat.inUse ? t('seatMap.inUse') : '';
                      const words = seat ? { seat: seatName(seat), kind: kindName(seat.kind), state } : null;
                      return (
                        <div
                          key={x}
                          role="gridcell"
                          tabIndex={isFocus ? 0 : -1}
                          aria-selected={seat ? isSelected : undefined}
                          aria-label={words ? t('seatMap.seatLabel', words) : t('seatMap.aisle', { column: x + 1 })}
                          title={words ? t('seatMap.seatTitle', words) : undefined}
                          className={[
                            'seatmap-cell',
                            seat ? `seat seat-${seat.kind.toLowerCase()}` : 'gap',
                            seat && !seat.active ? 'is-removed' : '',
                            seat?.inUse ? 'is-in-use' : '',
                            isSelected ? 'is-selected' : '',
                          ]
                            .filter(Boolean)
                            .join(' ')}
                          data-cell={`${x},${y}`}
                          data-seat={seat ? seatName(seat) : undefined}
                          data-kind={seat?.kind}
                          data-active={seat ? String(seat.active) : undefined}
                          data-testid={seat ? 'seatmap-seat' : 'seatmap-gap'}
                          onMouseDown={(e) => onCellMouseDown({ x, y }, e)}
                          onMouseEnter={() => onCellMouseEnter({ x, y })}
                        >
                          {seat && (
                            <>
                              <span className="seat-number">{seat.active ? seat.number : '×'}</span>
                              {letter && seat.active && <span className="seat-letter" aria-hidden="true">{letter}</span>}
                            </>
                          )}
                        </div>
                      );
                    })}
                    <span className="seatmap-rowlabel seatmap-rowlabel-end" aria-hidden="true">
                      {lineLabel(y)}
                    </span>
                  </div>
                ))}
              </div>
            </div>
          )}
          <p className="seatmap-help muted">
            {t('seatMap.help')}
          </p>
        </div>

        <aside className="seatmap-tools" aria-label={t('seatMap.tools')}>
          <section className="seatmap-tool" aria-labelledby="tool-selection">
            <h3 id="tool-selection" className="tool-title">
              {t('seatMap.selection')} <span className="muted" data-testid="seatmap-selected">{t('seatMap.selected', { count: selected.size })}</span>
            </h3>
            <div className="kind-buttons" role="group" aria-label={t('seatMap.setKind')}>
              {SEAT_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`kind-button seat-${k.toLowerCase()}`}
                  onClick={() => doKind(k)}
                  disabled={selected.size === 0}
                  title={t('seatMap.makeKind', { kind: kindName(k), hint: t(`seatKindHint.${k}`) })}
                  data-testid={`seatmap-kind-${k.toLowerCase()}`}
                >
                  <span className="kind-swatch" aria-hidden="true">
                    {SEAT_KIND_LETTER[k] || STANDARD_SWATCH}
                  </span>
                  {kindName(k)}
                </button>
              ))}
            </div>
            <div className="tool-row">
              <Button size="sm" variant="danger" onClick={doRemove} disabled={selected.size === 0} testId="seatmap-remove">
                {t('seatMap.remove')}
              </Button>
              <Button size="sm" onClick={doRestore} disabled={!chosen.some((s) => !s.active)} testId="seatmap-restore">
                {t('seatMap.restore')}
              </Button>
              <Button size="sm" onClick={doAdd} disabled={!focusFree || draft.length === 0} title={t('seatMap.addSeatTitle')} testId="seatmap-add">
                {t('seatMap.addSeat')}
              </Button>
              <Button size="sm" onClick={doRenumber} testId="seatmap-renumber">
                {selected.size ? t('seatMap.renumberRows') : t('seatMap.renumberAll')}
              </Button>
            </div>
            <div className="tool-row">
              <input
                className="input input-sm"
                aria-label={chosenRows.length === 1 ? t('seatMap.newRowName', { row: chosenRows[0] }) : t('seatMap.rowNameLabel')}
                placeholder={chosenRows.length === 1 ? t('seatMap.newRowPlaceholder', { row: chosenRows[0] }) : t('seatMap.selectOneRow')}
                value={rowName}
                maxLength={4}
                disabled={chosenRows.length !== 1}
                onChange={(e) => setRowName(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && doRename()}
                data-testid="seatmap-row-name"
              />
              <Button size="sm" onClick={doRename} disabled={chosenRows.length !== 1 || !rowName.trim()} testId="seatmap-rename-row">
                {t('seatMap.renameRow')}
              </Button>
            </div>
          </section>

          <section className="seatmap-tool" aria-labelledby="tool-legend">
            <h3 id="tool-legend" className="tool-title">
              {t('seatMap.legend')}
            </h3>
            <ul className="seatmap-legend" data-testid="seatmap-legend">
              {SEAT_KINDS.map((k) => (
                <li key={k}>
                  <span className={`legend-seat seat seat-${k.toLowerCase()}`} aria-hidden="true">
                    {SEAT_KIND_LETTER[k]}
                  </span>
                  <span className="legend-label">{kindName(k)}</span>
                  <span className="legend-count num" data-testid={`seatmap-count-${k.toLowerCase()}`}>
                    {counts[k]}
                  </span>
                </li>
              ))}
              <li>
                <span className="legend-seat seat is-removed" aria-hidden="true">
                  ×
                </span>
                <span className="legend-label">{t('seatMap.removedLegend')}</span>
                <span className="legend-count num">{draft.filter((s) => !s.active).length}</span>
              </li>
              <li>
                <span className="legend-seat seat is-selected" aria-hidden="true" />
                <span className="legend-label">{t('seatMap.selectedLegend')}</span>
                <span className="legend-count num">{selected.size}</span>
              </li>
            </ul>
          </section>

          {problems.length > 0 && (
            <section className="seatmap-tool seatmap-problems" aria-labelledby="tool-problems" data-testid="seatmap-problems">
              <h3 id="tool-problems" className="tool-title">
                <span aria-hidden="true">{WARNING_SIGN}</span>
                {t('seatMap.problems')}
              </h3>
              <ul>
                {problems.slice(0, 6).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </section>
          )}

          <details className="seatmap-tool" open={draft.length === 0}>
            <summary className="tool-title">{t('seatMap.generate')}</summary>
            <p className="muted small">{t('seatMap.generateHint')}</p>
            <div className="tool-grid">
              <label className="mini-field">
                {t('seatMap.rows')}
                <input className="input input-sm" inputMode="numeric" value={rows} onChange={(e) => setRows(e.target.value)} data-testid="seatmap-gen-rows" />
              </label>
              <label className="mini-field">
                {t('seatMap.perRow')}
                <input className="input input-sm" inputMode="numeric" value={perRow} onChange={(e) => setPerRow(e.target.value)} data-testid="seatmap-gen-seats" />
              </label>
            </div>
            <label className="mini-field">
              {t('seatMap.rowLabels')}
              <input className="input input-sm" placeholder={t('seatMap.rowLabelsPlaceholder')} value={labels} onChange={(e) => setLabels(e.target.value)} data-testid="seatmap-gen-labels" />
            </label>
            <Button size="sm" onClick={doGenerate} testId="seatmap-generate">
              {t('seatMap.generateButton')}
            </Button>
          </details>
        </aside>
      </div>
    </div>
  );
}
