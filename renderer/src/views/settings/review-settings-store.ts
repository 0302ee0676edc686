import { create } from 'zustand';
import type { ErrorInfo } from '../../../../preload/contract/errors.js';
import type { PriceEntry } from '../../../../preload/contract/schemas/analysis.js';
import type { RubricInput, RubricView } from '../../../../preload/contract/schemas/rubrics.js';
import { api } from '../../api/client.js';

/** Rubrics and the price table for the Settings view (the reviewer-facing parts of issue 7). */
interface ReviewSettingsState {
  rubrics: RubricView[];
  prices: PriceEntry[];
  error: ErrorInfo | null;
  saving: boolean;
  load: () => Promise<void>;
  saveRubric: (input: RubricInput) => Promise<RubricView | null>;
  savePrice: (p: PriceEntry) => Promise<boolean>;
}

export const useReviewSettings = create<ReviewSettingsState>((set, get) => ({
  rubrics: [], prices: [], error: null, saving: false,
  async load() {
    const [r, p] = await Promise.all([api['rubrics.list']({}), api['prices.list']({})]);
    set({ rubrics: r.ok ? r.value : get().rubrics, prices: p.ok ? p.value : get().prices, error: !r.ok ? r.error : !p.ok ? p.error : null });
  },
  async saveRubric(input) {
    set({ saving: true });
    const r = await api['rubrics.save'](input);
    if (!r.ok) {
      set({ saving: false, error: r.error });
      return null;
    }
    set({ saving: false, error: null });
    await get().load();
    return r.value;
  },
  async savePrice(p) {
    const r = await api['prices.update'](p);
    set(r.ok ? { prices: r.value, error: null } : { error: r.error });
    return r.ok;
  },
}));
