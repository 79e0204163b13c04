// Interaction logs in CSV (`user_id,item_id,timestamp[,event]`), read line by line so a file of
// any size streams through. Every problem names its line; the caller decides to stop.

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** How much one event says about wanting the item; 0 = not a positive signal (kept out). */
export const EVENT_WEIGHTS: Readonly<Record<string, number>> = {
  order: 1, purchase: 1, add_to_cart: 0.8, product_tap: 0.5, like: 0.6, share: 0.6, comment: 0.5, finish: 0.5, play: 0.3, click: 0.5, view: 0.3, rating: 1,
  impression: 0, not_interested: 0, quick_swipe: 0, refund: 0, complaint: 0,
};

export interface CsvRow {
  user: string;
  item: string;
  at: number;
  weight: number;
}

/** RFC 4180 fields: commas, and double quotes that may hold commas and doubled quotes. */
export function splitCsvLine(text: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new CsvError(line, 'unterminated quoted field');
        v += text.slice(i, q);
        if (text[q + 1] === '"') { v += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(v);
      if (i === text.length) return out;
      if (text[i] !== ',') throw new CsvError(line, `unexpected character after a quoted field at column ${i + 1}`);
      i++;
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) { out.push(text.slice(i)); return out; }
      out.push(text.slice(i, c));
      i = c + 1;
    }
  }
}

/** Parses one file: feed it lines in order (1-based numbers), header first. */
export class InteractionCsv {
  private hasEvent = false;
  private headerSeen = false;

  /** Returns the row, or null for a blank line or an event that carries no positive signal. */
  line(text: string, line: number): CsvRow | null {
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!this.headerSeen) {
      const head = splitCsvLine(clean.replace(/^\uFEFF/, ''), line).map((h) => h.trim().toLowerCase());
      const want = ['user_id', 'item_id', 'timestamp'];
      if (head.length < 3 || head.length > 4 || want.some((w, k) => head[k] !== w) || (head.length === 4 && head[3] !== 'event'))
        throw new CsvError(line, `header must be "user_id,item_id,timestamp" with an optional ",event" column (got "${clean.slice(0, 80)}")`);
      this.hasEvent = head.length === 4;
      this.headerSeen = true;
      return null;
    }
    if (clean.trim() === '') return null;
    const f = splitCsvLine(clean, line);
    const expected = this.hasEvent ? 4 : 3;
    if (f.length !== expected) throw new CsvError(line, `expected ${expected} fields, got ${f.length}`);
    const [user, item, ts] = f as [string, string, string];
    if (!user) throw new CsvError(line, 'user_id is empty');
    if (!item) throw new CsvError(line, 'item_id is empty');
    const at = parseTime(ts);
    if (at === null) throw new CsvError(line, `timestamp "${ts.slice(0, 40)}" is neither a number nor an ISO date`);
    let weight = 1;
    if (this.hasEvent) {
      const ev = f[3]!.trim().toLowerCase();
      const w = EVENT_WEIGHTS[ev];
      if (w === undefined) throw new CsvError(line, `unknown event "${ev.slice(0, 40)}" (known: ${Object.keys(EVENT_WEIGHTS).join(', ')})`);
      if (w === 0) return null;
      weight = w;
    }
    return { user, item, at, weight };
  }

  /** A file with no header line at all is an error too. */
  finish(lastLine: number): void {
    if (!this.headerSeen) throw new CsvError(Math.max(1, lastLine), 'empty file: expected the header "user_id,item_id,timestamp"');
  }
}

function parseTime(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  if (Number.isFinite(n)) return n;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms / 1000 : null;
}
