import { forwardRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCalls } from '../../stores/calls-store.js';

/** Full-text search over transcripts. "/" focuses it (see use-calls-keys.ts); Escape leaves it. */
export const SearchBox = forwardRef<HTMLInputElement>(function SearchBox(_props, ref) {
  const { searchText, setSearch } = useCalls(useShallow((s) => ({ searchText: s.searchText, setSearch: s.setSearch })));
  return (
    <div className="calls-search">
      <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <input
        ref={ref}
        type="search"
        role="searchbox"
        aria-label="Search transcripts"
        placeholder="Search transcripts…"
        value={searchText}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            if (searchText) setSearch('');
            else e.currentTarget.blur();
          }
          if (e.key === 'Enter' || e.key === 'ArrowDown') e.currentTarget.blur();
        }}
      />
      <kbd aria-hidden="true">/</kbd>
    </div>
  );
});
