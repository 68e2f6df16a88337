/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that follow wall time, never go backwards,
 * and order concurrent edits from different terminals deterministically.
 *
 * Encoded as a fixed-width string so that SQL and JS compare them with plain `<`:
 *   `000001764083955123-00000-<terminal id>`  (wall ms, counter, node: the tie-break)
 */
export interface HlcTimestamp {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** A remote clock further ahead than this is a broken clock, not news. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function formatHlc(t: HlcTimestamp): string {
  return `${String(t.wall).padStart(WALL_DIGITS, '0')}-${String(t.counter).padStart(COUNTER_DIGITS, '0')}-${t.node}`;
}

export function parseHlc(s: string): HlcTimestamp {
  const m = /^(\d{15})-(\d{5})-(.+)$/.exec(s);
  if (!m) throw new Error(`Not a hybrid logical clock timestamp: ${s}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    private readonly node: string,
    private readonly wallClock: () => number,
    lastIssued?: string,
  ) {
    this.last = lastIssued ? { ...parseHlc(lastIssued), node } : { wall: 0, counter: 0, node };
  }

  /** A timestamp for a local event, later than every one issued or received before. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.wall) this.last = { wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.wall, this.last.counter);
    return formatHlc(this.last);
  }

  /** Takes in a timestamp seen on another terminal so our next ones sort after it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.wallClock();
    if (r.wall - wall > MAX_DRIFT_MS) {
      throw new Error(`Remote clock is more than a day ahead (${new Date(r.wall).toISOString()}); not accepted`);
    }
    const maxWall = Math.max(wall, this.last.wall, r.wall);
    if (maxWall === this.last.wall && maxWall === r.wall) this.last = this.bump(maxWall, Math.max(this.last.counter, r.counter));
    else if (maxWall === this.last.wall) this.last = this.bump(maxWall, this.last.counter);
    else if (maxWall === r.wall) this.last = this.bump(maxWall, r.counter);
    else this.last = { wall: maxWall, counter: 0, node: this.node };
  }

  get lastIssued(): string {
    return formatHlc(this.last);
  }

  private bump(wall: number, counter: number): HlcTimestamp {
    // Counter overflow means >100k events in one ms: borrow the next millisecond.
    return counter >= MAX_COUNTER ? { wall: wall + 1, counter: 0, node: this.node } : { wall, counter: counter + 1, node: this.node };
  }
}
