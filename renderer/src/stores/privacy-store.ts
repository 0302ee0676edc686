import { create } from 'zustand';
import { api } from '../api/client.js';

/**
 * "Hide personal data on screen": the CCA_REDACT_ON_SCREEN setting is the default; each window can flip
 * it (remembered in this browser). When on, the transcript, search snippets and the Personal data panel
 * are fetched masked, so the words are not in the page at all; revealing one finding is audited.
 */
const KEY = 'cca.redactOnScreen';
const stored = (): boolean | null => {
  try {
    const v = localStorage.getItem(KEY);
    return v === null ? null : v === '1';
  } catch {
    return null;
  }
};

interface PrivacyState {
  onScreen: boolean;
  /** Reads the setting once (reviewers and above may; others keep the window's choice). */
  init: () => Promise<void>;
  toggle: () => void;
  /** Views that fetched with the old choice re-read (registered by each store that masks). */
  listeners: Set<() => void>;
}

export const usePrivacy = create<PrivacyState>((set, get) => ({
  onScreen: stored() ?? false,
  listeners: new Set(),
  async init() {
    if (stored() !== null) return;
    const r = await api['settings.get']({});
    if (r.ok && stored() === null && r.value.values.redactOnScreen !== get().onScreen) {
      set({ onScreen: r.value.values.redactOnScreen });
      for (const l of get().listeners) l();
    }
  },
  toggle() {
    const onScreen = !get().onScreen;
    try {
      localStorage.setItem(KEY, onScreen ? '1' : '0');
    } catch {
      /* private mode: the choice lasts for this page */
    }
    set({ onScreen });
    for (const l of get().listeners) l();
  },
}));

/** Re-read when the choice changes. */
export const onPrivacyChange = (fn: () => void) => usePrivacy.getState().listeners.add(fn);
