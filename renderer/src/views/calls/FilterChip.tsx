/** One filter in force, in words, with the × that removes exactly it (Calls filter bar, Reports). */
export function FilterChip({ label, value, onClear }: { label: string; value: string; onClear: () => void }) {
  return (
    <span className="calls-chip">
      <span className="calls-chip-label">{label}:</span> {value}
      <button type="button" className="calls-chip-clear" aria-label={`Remove filter ${label}: ${value}`} onClick={onClear}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}
