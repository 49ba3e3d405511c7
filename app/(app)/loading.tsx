export default function Loading() {
  return (
    <div className="page" aria-busy="true">
      <p className="muted">Loading…</p>
    </div>
  );
}
