import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { SecretName, Settings, SettingsView } from '../../../preload/contract/schemas/settings.js';
import { api, onEvent } from '../api/client.js';

interface SettingsState {
  view: SettingsView | null;
  error: ErrorInfo | null;
  saving: boolean;
  load: () => Promise<void>;
  save: (patch: Partial<Settings>) => Promise<boolean>;
  setSecret: (name: SecretName, value: string) => Promise<boolean>;
}

export const useSettings = create<SettingsState>((set) => ({
  view: null,
  error: null,
  saving: false,
  async load() {
    const r = await api['settings.get']({});
    set(r.ok ? { view: r.value, error: null } : { error: r.error });
  },
  async save(patch) {
    set({ saving: true });
    const r = await api['settings.update'](patch);
    set(r.ok ? { view: r.value, error: null, saving: false } : { error: r.error, saving: false });
    return r.ok;
  },
  async setSecret(name, value) {
    set({ saving: true });
    const r = await api['settings.setSecret']({ name, value });
    set(r.ok ? { view: r.value, error: null, saving: false } : { error: r.error, saving: false });
    return r.ok;
  },
}));

onEvent('settings.changed', (view) => useSettings.setState({ view }));
