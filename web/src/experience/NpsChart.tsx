// The NPS trend as a plain SVG line: −100…100 with a zero line, one point per bucket that has
// answers (bigger with more answers); buckets nobody answered in leave a gap, never a false 0.
import type { NpsReport } from '../typesExperience';

const W = 720;
const H = 270;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
const TICKS = [100, 50, 0, -50, -100];

type Point = NpsReport['trend'][number];

export function NpsChart({ trend, label }: { trend: Point[]; label: string }) {
  const n = trend.length;
  const x = (i: number) => PAD.left + (n <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / 200;
  const most = Math.max(1, ...trend.map((p) => p.responses));
  // Runs of consecutive buckets with answers, each drawn as one line.
  const runs: Array<Array<{ i: number; p: Point }>> = [];
  trend.forEach((p, i) => {
    if (p.nps === null) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1]!.i === i - 1) last.push({ i, p });
    else runs.push([{ i, p }]);
  });
  const labelAt = [0, Math.floor((n - 1) / 2), n - 1].filter((v, k, a) => n > 0 && a.indexOf(v) === k);
  return (
    <svg className="nps-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="nps-chart">
      {TICKS.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className={v === 0 ? 'nps-axis-zero' : 'nps-axis'} />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="nps-tick">
            {v}
          </text>
        </g>
      ))}
      {labelAt.map((i) => (
        <text key={i} x={x(i)} y={H - 8} textAnchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'} className="nps-tick">
          {trend[i]!.label}
        </text>
      ))}
      {runs.map((run) => (
        <polyline key={run[0]!.i} className="nps-line" points={run.map(({ i, p }) => `${x(i)},${y(p.nps!)}`).join(' ')} />
      ))}
      {runs.flat().map(({ i, p }) => (
        <circle key={i} cx={x(i)} cy={y(p.nps!)} r={3 + 4 * Math.sqrt(p.responses / most)} className={`nps-dot nps-dot-${p.nps! >= 0 ? 'up' : 'down'}`}>
          <title>{`${p.label}: NPS ${p.nps} (${p.responses})`}</title>
        </circle>
      ))}
    </svg>
  );
}
