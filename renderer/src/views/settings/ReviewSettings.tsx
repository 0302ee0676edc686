import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { PricesEditor } from './PricesEditor.js';
import { RubricsEditor } from './RubricsEditor.js';
import { useReviewSettings } from './review-settings-store.js';
import './review-settings.css';

/** Rubrics and prices: included once by SettingsView below the settings groups. */
export function ReviewSettings() {
  const { load, error } = useReviewSettings();
  useEffect(() => void load(), [load]);
  return (
    <div className="review-settings">
      {error ? <ErrorBanner error={error} onRetry={load} /> : null}
      <RubricsEditor />
      <PricesEditor />
    </div>
  );
}
