import { describe, expect, it } from 'vitest';
import { CsvError, InteractionCsv, splitCsvLine } from './csv.ts';

function parse(lines: string[]) {
  const csv = new InteractionCsv();
  const rows = lines.map((l, i) => csv.line(l, i + 1)).filter((r) => r !== null);
  csv.finish(lines.length);
  return rows;
}

function failure(lines: string[]): CsvError {
  try { parse(lines); } catch (err) { if (err instanceof CsvError) return err; throw err; }
  throw new Error('expected a CsvError');
}

describe('interaction CSV', () => {
  it('reads rows, quoted ids, ISO times and CRLF line ends', () => {
    const rows = parse(['user_id,item_id,timestamp\r', 'u1,i1,10\r', '"u,2","i ""x""",2026-11-25T10:00:00Z', '']);
    expect(rows).toEqual([
      { user: 'u1', item: 'i1', at: 10, weight: 1 },
      { user: 'u,2', item: 'i "x"', at: Date.parse('2026-11-25T10:00:00Z') / 1000, weight: 1 },
    ]);
  });

  it('weighs events and keeps exposures and negative feedback out', () => {
    const rows = parse(['user_id,item_id,timestamp,event', 'u,a,1,order', 'u,b,2,impression', 'u,c,3,not_interested', 'u,d,4,play']);
    expect(rows.map((r) => [r.item, r.weight])).toEqual([['a', 1], ['d', 0.3]]);
  });

  it.each([
    [['user,item,time', 'u,i,1'], 1, 'header'],
    [['user_id,item_id,timestamp', 'u,i'], 2, 'expected 3 fields, got 2'],
    [['user_id,item_id,timestamp', 'u,i,1', 'u,i,yesterday'], 3, 'neither a number nor an ISO date'],
    [['user_id,item_id,timestamp', ',i,1'], 2, 'user_id is empty'],
    [['user_id,item_id,timestamp,event', 'u,i,1,teleport'], 2, 'unknown event "teleport"'],
    [['user_id,item_id,timestamp', 'u,"i,1'], 2, 'unterminated quoted field'],
    [[], 1, 'empty file'],
  ])('names the line and the reason: %j', (lines, line, reason) => {
    const err = failure(lines);
    expect(err.line).toBe(line);
    expect(err.message).toContain(reason);
  });

  it('splits fields the RFC 4180 way', () => {
    expect(splitCsvLine('a,,"b,c",""', 1)).toEqual(['a', '', 'b,c', '']);
    expect(() => splitCsvLine('"a"b', 7)).toThrow(/line 7/);
  });
});
