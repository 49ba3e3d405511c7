import { bytesAt, formatBytes, RESOLUTIONS, type BucketSizing, type Resolution } from "@/lib/topology/sizing";
import { span } from "./format";

const COLOR: Record<Resolution | "total", string> = {
  raw: "#e6522c",
  "5m": "#4f46e5",
  "1h": "#15803d",
  total: "#18202b",
};
const W = 640;
const H = 240;
const PAD = { left: 64, right: 16, top: 12, bottom: 36 };
const POINTS = 160;

/** "Nice" axis step: 1, 2 or 5 × 10^k covering `max` in about `steps` steps. */
function niceStep(max: number, steps = 4): number {
  const raw = max / steps;
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? p * 10;
}

/** Bucket size per resolution from the first upload to past the longest retention: one SVG, no chart library. */
export function BucketGrowthPlot({ bucket }: { bucket: BucketSizing }) {
  if (!bucket.ratePerSecond || bucket.horizonSeconds === null) return null;
  const model = {
    ratePerSecond: bucket.ratePerSecond,
    retention: bucket.retentionSeconds,
    downsampling: bucket.downsampling,
  };
  const end = bucket.horizonSeconds * 1.1;
  const ts = Array.from({ length: POINTS + 1 }, (_, i) => (end * i) / POINTS);
  const series = RESOLUTIONS.map((r) => ({ r, ys: ts.map((t) => bytesAt(model, r, t)) })).filter((s) =>
    s.ys.some((y) => y > 0),
  );
  const total = ts.map((_, i) => series.reduce((a, s) => a + s.ys[i], 0));
  const maxY = Math.max(1, ...total) * 1.05;
  const x = (t: number) => PAD.left + (t / end) * (W - PAD.left - PAD.right);
  const y = (b: number) => H - PAD.bottom - (b / maxY) * (H - PAD.top - PAD.bottom);
  const path = (ys: number[]) =>
    ys.map((v, i) => `${i === 0 ? "M" : "L"}${x(ts[i]).toFixed(1)},${y(v).toFixed(1)}`).join("");
  const dayStep = niceStep(end / 86_400, 8);
  const xTicks = Array.from({ length: Math.floor(end / 86_400 / dayStep) + 1 }, (_, i) => i * dayStep);
  const yStep = niceStep(maxY / 1024 ** 3) * 1024 ** 3;
  const yTicks = Array.from({ length: Math.floor(maxY / yStep) + 1 }, (_, i) => i * yStep);
  return (
    <figure className="tz-plot" data-testid="bucket-plot">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Bucket ${bucket.name}: size per resolution over ${span(end)}`}
      >
        {yTicks.map((b) => (
          <g key={b}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(b)} y2={y(b)} className="tz-grid" />
            <text x={PAD.left - 6} y={y(b) + 4} textAnchor="end" className="tz-tick">
              {formatBytes(b)}
            </text>
          </g>
        ))}
        {xTicks.map((d) => (
          <text key={d} x={x(d * 86_400)} y={H - PAD.bottom + 16} textAnchor="middle" className="tz-tick">
            {d}d
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle" className="tz-tick">
          days since the first upload
        </text>
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="tz-axis" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="tz-axis" />
        {series.length > 1 && (
          <path d={path(total)} stroke={COLOR.total} strokeDasharray="4 3" fill="none" strokeWidth={1.5} />
        )}
        {series.map((s) => (
          <path key={s.r} d={path(s.ys)} stroke={COLOR[s.r]} fill="none" strokeWidth={2} data-resolution={s.r} />
        ))}
      </svg>
      <figcaption className="tz-legend">
        {series.map((s) => (
          <span key={s.r}>
            <i style={{ background: COLOR[s.r] }} /> {s.r}
          </span>
        ))}
        {series.length > 1 && (
          <span>
            <i style={{ background: COLOR.total }} /> total
          </span>
        )}
      </figcaption>
    </figure>
  );
}
