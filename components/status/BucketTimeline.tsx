"use client";
import { useMemo, useState } from "react";
import type { BucketView } from "./api";
import { age, labelPairs, resolutionName, stamp } from "./format";
import s from "./status.module.css";

type BlockOf = BucketView["groups"][number]["blocks"][number];

const RANGES = [
  { key: "2d", label: "2 days", ms: 2 * 86_400_000 },
  { key: "14d", label: "2 weeks", ms: 14 * 86_400_000 },
  { key: "all", label: "All", ms: Infinity },
] as const;

/** Hue per resolution, darker per compaction level, so both read at a glance (and from the legend). */
const HUE: Record<string, number> = { raw: 217, "5m": 265, "1h": 173 };
export function blockColor(level: number, resolution: number): string {
  const hue = HUE[resolutionName(resolution)] ?? 30;
  const light = [0, 72, 60, 48, 38][Math.min(level, 4)] ?? 38;
  return `hsl(${hue} 70% ${light}%)`;
}

const RES_ROWS = [0, 300_000, 3_600_000];
const ROW_H = 10;
const GAP = 3;

/** Blocks as bars over time, one lane per external-label set, sub-rows per resolution. */
export function BucketTimeline({
  buckets,
  now,
  onPickComponent,
}: {
  buckets: BucketView[];
  now: number;
  onPickComponent?(id: string): void;
}) {
  const [range, setRange] = useState<(typeof RANGES)[number]["key"]>("14d");
  if (buckets.length === 0) return <div className={s.empty}>This design has no object store.</div>;
  return (
    <>
      <div className={s.rangeRow}>
        <span className="muted" style={{ fontSize: 12.5 }}>
          Time range
        </span>
        <div className={s.segmented} role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button key={r.key} type="button" aria-pressed={range === r.key} onClick={() => setRange(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
        <span style={{ flex: 1 }} />
        <Legend />
      </div>
      {buckets.map((b) => (
        <BucketCard
          key={b.componentId}
          bucket={b}
          now={now}
          rangeMs={RANGES.find((r) => r.key === range)!.ms}
          onPickComponent={onPickComponent}
        />
      ))}
    </>
  );
}

function Legend() {
  return (
    <div className={s.legend} aria-label="Legend">
      {["raw", "5m", "1h"].map((res, i) => (
        <span key={res}>
          <span className={s.swatch} style={{ background: blockColor(2, RES_ROWS[i]) }} />
          {res}
        </span>
      ))}
      <span>
        level 1 <span className={s.swatch} style={{ background: blockColor(1, 0) }} />
        <span className={s.swatch} style={{ background: blockColor(2, 0) }} />
        <span className={s.swatch} style={{ background: blockColor(3, 0) }} />
        <span className={s.swatch} style={{ background: blockColor(4, 0) }} /> 4+
      </span>
    </div>
  );
}

function BucketCard({
  bucket,
  now,
  rangeMs,
  onPickComponent,
}: {
  bucket: BucketView;
  now: number;
  rangeMs: number;
  onPickComponent?(id: string): void;
}) {
  const blocks = bucket.groups.reduce((n, g) => n + g.blocks.length, 0);
  const [from, to] = useMemo(() => {
    const end = Math.max(now, ...bucket.groups.map((g) => g.dataUntil ?? 0));
    const earliest = Math.min(...bucket.groups.flatMap((g) => g.blocks.map((b) => b.minTime)), end - 3_600_000);
    return [Math.max(earliest, end - rangeMs), end];
  }, [bucket.groups, now, rangeMs]);
  const warned = new Map(bucket.warnings.map((w) => [labelPairs(w.labels).join(","), w]));
  // Labels every lane shares are said once above the lanes; each lane shows what tells it apart.
  const common = labelPairs(bucket.groups[0]?.labels ?? {}).filter(
    (p) => bucket.groups.length > 1 && bucket.groups.every((g) => labelPairs(g.labels).includes(p)),
  );
  return (
    <section className={s.card} aria-label={`Bucket ${bucket.bucket}`} data-testid="bucket-card">
      <header className={s.cardHead}>
        <h3>{bucket.componentName}</h3>
        <span className={`${s.chip}`}>bucket {bucket.bucket}</span>
        <span className={`${s.pill} ${s[bucket.state]}`}>{bucket.state}</span>
        <span className={s.cardSub}>{bucket.reason}</span>
      </header>
      {bucket.warnings.length > 0 && (
        <ul className={s.warnList} role="alert" data-testid="upload-warnings">
          {bucket.warnings.map((w, i) => (
            <li key={i}>
              ⚠ {w.message}
              {onPickComponent && (
                <>
                  {" "}
                  <button type="button" className={s.linkish} onClick={() => onPickComponent(w.componentId)}>
                    show component
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {bucket.error ? (
        <div className="alert alert-warning" style={{ margin: 12 }}>
          {bucket.error}
        </div>
      ) : bucket.notListed ? (
        <div className={s.empty} data-testid="bucket-not-listed">
          {bucket.reason.replace(/^not listed/, "Not listed")}.
        </div>
      ) : blocks === 0 ? (
        <div className={s.empty}>No blocks in this bucket yet.</div>
      ) : (
        <>
          {common.length > 0 && (
            <div className={s.common}>
              every label set has
              {common.map((p) => (
                <span key={p} className={s.chip}>
                  {p}
                </span>
              ))}
            </div>
          )}
          <div className={s.timeline}>
            <div className={s.axisRow}>
              <span className="muted" style={{ fontSize: 12 }}>
                {blocks} blocks · {bucket.groups.length} label sets
                {bucket.truncatedBlocks ? ` · ${bucket.truncatedBlocks} older not shown` : ""}
              </span>
              <Axis from={from} to={to} />
              <span className="muted" style={{ fontSize: 12, textAlign: "right" }}>
                newest block
              </span>
            </div>
            {bucket.groups.map((g) => {
              const warning = [...warned.values()].find((w) =>
                labelPairs(w.labels).every((p) => labelPairs(g.labels).includes(p)),
              );
              return (
                <div key={g.key} className={s.lane} data-testid="bucket-lane">
                  <div className={s.laneLabels} title={labelPairs(g.labels).join(", ")}>
                    {labelPairs(g.labels)
                      .filter((p) => !common.includes(p))
                      .map((p) => (
                        <span key={p} className={s.chip}>
                          {p}
                        </span>
                      ))}
                  </div>
                  <Lane blocks={g.blocks} from={from} to={to} />
                  <div className={`${s.laneAge} ${warning ? s.warn : ""}`}>
                    <strong>{g.newestArrivedAt ? `${age(now - Date.parse(g.newestArrivedAt))} ago` : "—"}</strong>
                    <span className="faint">{g.blocks.length} blocks</span>
                  </div>
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}

function Axis({ from, to }: { from: number; to: number }) {
  const span = to - from;
  const step =
    span > 20 * 86_400_000
      ? 7 * 86_400_000
      : span > 4 * 86_400_000
        ? 86_400_000
        : span > 36 * 3_600_000
          ? 12 * 3_600_000
          : 3_600_000 * 4;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return (
    <svg className={s.laneSvg} height={18} role="presentation">
      {ticks.map((t) => {
        const x = ((t - from) / span) * 100;
        const d = new Date(t);
        const label =
          step >= 86_400_000 ? `${d.getMonth() + 1}/${d.getDate()}` : `${String(d.getHours()).padStart(2, "0")}:00`;
        return (
          <g key={t}>
            <line x1={`${x}%`} x2={`${x}%`} y1={12} y2={18} stroke="var(--thumb-line)" />
            <text x={`${x}%`} y={10} fontSize={10} fill="var(--text-muted)" textAnchor="middle">
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Lane({ blocks, from, to }: { blocks: BlockOf[]; from: number; to: number }) {
  const span = to - from;
  const height = RES_ROWS.length * (ROW_H + GAP);
  return (
    <svg className={s.laneSvg} height={height} role="img" aria-label={`${blocks.length} blocks`}>
      {RES_ROWS.map((_, i) => (
        <rect key={i} x={0} y={i * (ROW_H + GAP)} width="100%" height={ROW_H} fill="var(--surface-hover)" rx={2} />
      ))}
      {blocks
        .filter((b) => b.maxTime > from)
        .map((b) => {
          const row = Math.max(0, RES_ROWS.indexOf(b.resolution));
          const x0 = Math.max(0, (b.minTime - from) / span);
          const x1 = Math.min(1, (b.maxTime - from) / span);
          return (
            <rect
              key={b.ulid}
              x={`${x0 * 100}%`}
              y={row * (ROW_H + GAP)}
              // Two-hour blocks over weeks would vanish; keep each at least a sliver wide.
              width={`${(x1 - x0) * 100}%`}
              style={{ width: `max(2px, ${(x1 - x0) * 100}%)` }}
              height={ROW_H}
              rx={1.5}
              fill={blockColor(b.level, b.resolution)}
              stroke="var(--surface)"
              strokeWidth={0.75}
              data-testid="bucket-block"
            >
              <title>{`${b.ulid}\nlevel ${b.level} · ${resolutionName(b.resolution)} · ${b.source}\n${stamp(b.minTime)} → ${stamp(b.maxTime)}\narrived ${stamp(b.arrivedAt)}`}</title>
            </rect>
          );
        })}
    </svg>
  );
}
