// The product mark: three connected nodes (a topology) — orange source, indigo query layer.
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-label="Topology Studio">
      <rect width="32" height="32" rx="8" fill="var(--primary)" />
      <path
        d="M10 22 L16 10 L22 22"
        stroke="#fff"
        strokeOpacity="0.55"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
      <path d="M10 22 H22" stroke="#fff" strokeOpacity="0.55" strokeWidth="2" strokeLinecap="round" />
      <circle cx="16" cy="10" r="3.6" fill="#fff" />
      <circle cx="10" cy="22" r="3.6" fill="var(--accent)" stroke="#fff" strokeWidth="1.5" />
      <circle cx="22" cy="22" r="3.6" fill="var(--accent)" stroke="#fff" strokeWidth="1.5" />
    </svg>
  );
}
