// All money is integer fen (分). Display in yuan with two decimals, trimming ".00".

export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

export function formatFen(fen: number): string {
  return `¥${fenToYuan(fen)}`;
}

export function formatRange(minFen: number, maxFen: number): string {
  return minFen === maxFen ? formatFen(minFen) : `${formatFen(minFen)}–${fenToYuan(maxFen)}`;
}

/** Parses a yuan amount typed by a person ("12", "12.5", "12.50") into fen; null when invalid. */
export function yuanToFen(input: string): number | null {
  const s = input.trim().replace(/^¥/, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0') || '0');
  return whole * 100 + frac;
}

/** Yuan text for an input field from fen. */
export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : fenToYuan(fen);
}
