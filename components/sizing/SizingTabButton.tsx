/** The editor's *Sizing* view tab. */
export function SizingTabButton({ active, onSelect }: { active: boolean; onSelect: () => void }) {
  return (
    <button
      role="tab"
      type="button"
      aria-selected={active}
      className={active ? "is-active" : ""}
      onClick={onSelect}
      data-testid="sizing-tab"
    >
      Sizing
    </button>
  );
}
