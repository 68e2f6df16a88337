import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Words } from '../../../../shared/i18n/create-i18n';
import type { SeatMapSeat } from '../../../../shared/contract';
import type { SeatKind } from '../../../../shared/enums';
import { fitSeat } from './fit-seats';

export interface SeatMapViewProps {
  seats: SeatMapSeat[];
  /** Seats waiting for the box office's answer. */
  pending: ReadonlySet<string>;
  /** Seats this terminal holds from an earlier sale, not in this order: drawn apart from the order's seats. */
  earlier?: ReadonlySet<string>;
  onToggle(seat: SeatMapSeat): void;
}

/** What each kind looks like: a symbol as well as a colour, so no state or kind relies on colour alone. */
export const KIND_MARK: Record<SeatKind, string> = { STANDARD: '', VIP: '★', LOVESEAT: '♥', WHEELCHAIR: '♿', COMPANION: 'C' };

/** "Row C, seat 7, VIP recliner, free" — what a seat's button says to the cashier (and a screen reader). */
export function seatTitle(seat: SeatMapSeat, t: Words): string {
  const state = !seat.active ? t('counter:map.state.inactive') : seat.heldBack ? t('counter:map.state.heldBack') : t(`counter:map.state.${seat.state}`);
  return t('counter:map.title', { seat: t('counter:seat.label', { row: seat.row, number: seat.number }), kind: t(`enums:seatKind.${seat.kind}`), state });
}

function stateMark(seat: SeatMapSeat): string {
  if (seat.state === 'MINE') return '✓';
  if (seat.state === 'SOLD') return '✕';
  if (seat.state === 'HELD') return '⊘';
  if (seat.state === 'RESERVED') return 'R';
  return '';
}

/**
 * The hall as the cashier sees it from the box office: screen at the top, rows front to back, row
 * letters on both sides. Arrow keys move between seats, Space or Enter holds / releases one.
 */
const NONE: ReadonlySet<string> = new Set();

export function SeatMapView({ seats, pending, earlier = NONE, onToggle }: SeatMapViewProps) {
  const { t } = useTranslation('counter');
  const gridRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [seatPx, setSeatPx] = useState<number | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const { columns, rows, rowLabels } = useMemo(() => {
    const maxX = Math.max(0, ...seats.map((s) => s.x));
    const maxY = Math.max(0, ...seats.map((s) => s.y));
    const labels = new Map<number, string>();
    for (const s of seats) labels.set(s.y, s.row);
    return { columns: maxX + 1, rows: maxY + 1, rowLabels: labels };
  }, [seats]);
  // Cells are memoised: the handlers they get must not change from one render to the next.
  const onToggleRef = useRef(onToggle);
  useEffect(() => {
    onToggleRef.current = onToggle;
  });
  const toggle = useCallback((seat: SeatMapSeat) => onToggleRef.current(seat), []);
  const current = seats.find((s) => s.id === focusId) ?? seats.find((s) => s.state === 'FREE' && s.active && !s.heldBack) ?? seats[0];
  const hasSeats = seats.length > 0;

  // Seats as large as the panel allows for this hall: the whole hall is in view, never scrolled.
  useEffect(() => {
    const root = rootRef.current;
    if (!root || typeof ResizeObserver === 'undefined') return;
    const fit = () => {
      const parent = root.parentElement;
      if (!parent) return;
      const style = getComputedStyle(parent);
      const width = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const height = parent.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      let other = 0;
      for (const el of root.children) if (!el.classList.contains('seatmap-frame')) other += el.getBoundingClientRect().height;
      setSeatPx(fitSeat(width, height - other - 2 * 12, columns, rows));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(root.parentElement ?? root);
    return () => observer.disconnect();
  }, [columns, rows]);

  // Opening a session puts the keyboard on the map at once: arrows and Space sell without the mouse.
  useEffect(() => {
    if (hasSeats) gridRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
  }, [hasSeats]);

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!current) return;
    let best: SeatMapSeat | undefined;
    const candidates = (pred: (s: SeatMapSeat) => boolean, score: (s: SeatMapSeat) => number) =>
      seats.filter(pred).reduce<SeatMapSeat | undefined>((b, s) => (b === undefined || score(s) < score(b) ? s : b), undefined);
    if (e.key === 'ArrowRight') best = candidates((s) => s.y === current.y && s.x > current.x, (s) => s.x);
    else if (e.key === 'ArrowLeft') best = candidates((s) => s.y === current.y && s.x < current.x, (s) => -s.x);
    else if (e.key === 'ArrowDown') best = candidates((s) => s.y > current.y, (s) => (s.y - current.y) * 1000 + Math.abs(s.x - current.x));
    else if (e.key === 'ArrowUp') best = candidates((s) => s.y < current.y, (s) => (current.y - s.y) * 1000 + Math.abs(s.x - current.x));
    else return;
    e.preventDefault();
    if (best) {
      setFocusId(best.id);
      gridRef.current?.querySelector<HTMLButtonElement>(`[data-seat-id="${best.id}"]`)?.focus();
    }
  };

  return (
    <div ref={rootRef} className="seatmap" data-testid="seat-map" style={seatPx ? ({ '--seat': `${seatPx}px` } as React.CSSProperties) : undefined}>
      <div className="seatmap-screen" aria-hidden="true">
        {t('map.screen')}
      </div>
      <div className="seatmap-frame">
        <div className="seatmap-rowlabels" style={{ gridTemplateRows: `repeat(${rows}, var(--seat))` }} aria-hidden="true">
          {Array.from({ length: rows }, (_, y) => (
            <span key={y}>{rowLabels.get(y) ?? ''}</span>
          ))}
        </div>
        <div
          ref={gridRef}
          className="seatmap-grid"
          role="grid"
          aria-label={t('map.grid')}
          style={{ gridTemplateColumns: `repeat(${columns}, var(--seat))`, gridTemplateRows: `repeat(${rows}, var(--seat))` }}
          onKeyDown={move}
        >
          {/* Rows and cells for assistive technology; `display: contents` leaves the CSS grid placing the seats. */}
          {rowsOf(seats).map(([y, rowSeats]) => (
            <div key={y} role="row" className="seatmap-row" aria-label={t('map.row', { row: rowLabels.get(y) ?? '' })}>
              {rowSeats.map((seat) => (
                <div key={seat.id} role="gridcell" className="seatmap-cell">
                  <SeatButton seat={seat} pending={pending.has(seat.id)} earlier={earlier.has(seat.id)} current={seat.id === current?.id} onToggle={toggle} onFocusSeat={setFocusId} />
                </div>
              ))}
            </div>
          ))}
        </div>
        <div className="seatmap-rowlabels" style={{ gridTemplateRows: `repeat(${rows}, var(--seat))` }} aria-hidden="true">
          {Array.from({ length: rows }, (_, y) => (
            <span key={y}>{rowLabels.get(y) ?? ''}</span>
          ))}
        </div>
      </div>
      <SeatLegend />
    </div>
  );
}

/** Seats grouped by grid row, front to back (the map's seats come in grid order already). */
function rowsOf(seats: readonly SeatMapSeat[]): [number, SeatMapSeat[]][] {
  const rows = new Map<number, SeatMapSeat[]>();
  for (const s of seats) rows.set(s.y, [...(rows.get(s.y) ?? []), s]);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]);
}

interface SeatButtonProps {
  seat: SeatMapSeat;
  pending: boolean;
  earlier: boolean;
  /** The seat the arrow keys start from (the one Tab reaches). */
  current: boolean;
  onToggle(seat: SeatMapSeat): void;
  onFocusSeat(id: string): void;
}

/** Whether a cell would look or behave differently: a re-read map has new objects for unchanged seats. */
function sameCell(a: SeatButtonProps, b: SeatButtonProps): boolean {
  const s = a.seat;
  const t = b.seat;
  return (
    a.pending === b.pending &&
    a.earlier === b.earlier &&
    a.current === b.current &&
    a.onToggle === b.onToggle &&
    a.onFocusSeat === b.onFocusSeat &&
    (s === t ||
      (s.id === t.id && s.state === t.state && s.kind === t.kind && s.active === t.active && s.heldBack === t.heldBack && s.row === t.row && s.number === t.number && s.x === t.x && s.y === t.y))
  );
}

/** One seat of the map; only the seats whose state changed are drawn again after a hold or a refresh. */
const SeatButton = memo(function SeatButton({ seat, pending, earlier, current, onToggle, onFocusSeat }: SeatButtonProps) {
  const { t } = useTranslation(['counter', 'enums']);
  const blocked = !seat.active || seat.state === 'SOLD' || seat.state === 'HELD' || seat.state === 'RESERVED';
  const classes = ['seat', `seat-${seat.state.toLowerCase()}`, `seat-kind-${seat.kind.toLowerCase()}`, seat.heldBack ? 'seat-held-back' : '', seat.active ? '' : 'seat-inactive', pending ? 'is-pending' : '', earlier ? 'seat-earlier' : '']
    .filter(Boolean)
    .join(' ');
  const title = earlier ? t('map.earlier', { title: seatTitle(seat, t) }) : seatTitle(seat, t);
  return (
    <button
      type="button"
      className={classes}
      style={{ gridColumn: seat.x + 1, gridRow: seat.y + 1 }}
      tabIndex={current ? 0 : -1}
      aria-label={title}
      aria-pressed={seat.state === 'MINE'}
      aria-disabled={blocked || undefined}
      title={title}
      data-testid="seat"
      data-seat-id={seat.id}
      data-seat={`${seat.row}${seat.number}`}
      data-state={seat.state}
      onFocus={() => onFocusSeat(seat.id)}
      onClick={() => !blocked && !pending && onToggle(seat)}
    >
      <span className="seat-number">{seat.number}</span>
      <span className="seat-mark" aria-hidden="true">
        {stateMark(seat) || KIND_MARK[seat.kind]}
      </span>
    </button>
  );
}, sameCell);

/** The legend's samples: the class that draws each, its symbol, and the key of its word. */
const LEGEND = [
  ['seat-free', '', 'free'],
  ['seat-mine', '✓', 'mine'],
  ['seat-held', '⊘', 'held'],
  ['seat-sold', '✕', 'sold'],
  ['seat-reserved', 'R', 'reserved'],
  ['seat-free seat-kind-vip', '★', 'vip'],
  ['seat-free seat-kind-loveseat', '♥', 'loveseat'],
  ['seat-free seat-kind-wheelchair', '♿', 'wheelchair'],
  ['seat-free seat-kind-companion', 'C', 'companion'],
] as const;

/** States and kinds, each with its symbol and its word. */
export function SeatLegend() {
  const { t } = useTranslation('counter');
  return (
    <ul className="seatmap-legend" aria-label={t('map.legend.label')} data-testid="seat-legend">
      {LEGEND.map(([className, mark, word]) => (
        <li key={word} className="legend-item">
          <span className={`seat seat-sample ${className}`} aria-hidden="true">
            <span className="seat-mark">{mark}</span>
          </span>
          {t(`map.legend.${word}`)}
        </li>
      ))}
    </ul>
  );
}
