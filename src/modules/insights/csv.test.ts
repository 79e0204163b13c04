import { describe, expect, it } from 'vitest';
import { cell, toCsv, yuan } from './csv.ts';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell('-1')).toBe("'-1");
    expect(cell(-1)).toBe('-1');
    expect(cell(null)).toBe('');
  });
  it('starts with a BOM and ends rows with CRLF', () => {
    expect(toCsv(['日期', 'GMV'], [['2026-11-26', 12]])).toBe('\uFEFF日期,GMV\r\n2026-11-26,12\r\n');
  });
  it('writes fen as exact yuan', () => {
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-250)).toBe('-2.50');
    expect(yuan(null)).toBe('');
  });
});
