export function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return v === undefined ? dflt : Number(v);
}

export function report(bench: string, figures: Record<string, number | string>, targets: Record<string, string | number>): void {
  console.log(JSON.stringify({ bench, figures, targets }));
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
