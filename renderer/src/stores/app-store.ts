import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { Health } from '../../../preload/contract/operations/system.js';
import { api, onEvent } from '../api/client.js';

export interface Toast {
  id: number;
  level: 'info' | 'success' | 'warning' | 'error';
  message: string;
  error?: ErrorInfo;
}

interface AppState {
  health: Health | null;
  connectionError: ErrorInfo | null;
  toasts: Toast[];
  theme: 'light' | 'dark';
  loadHealth: () => Promise<void>;
  toast: (t: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
  toggleTheme: () => void;
}

const initialTheme = (): 'light' | 'dark' =>
  (localStorage.getItem('cca.theme') as 'light' | 'dark' | null) ??
  (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

let nextToast = 1;

export const useApp = create<AppState>((set, get) => ({
  health: null,
  connectionError: null,
  toasts: [],
  theme: initialTheme(),
  async loadHealth() {
    const r = await api['system.health']({});
    set(r.ok ? { health: r.value, connectionError: null } : { connectionError: r.error });
  },
  toast(t) {
    const id = nextToast++;
    set({ toasts: [...get().toasts, { ...t, id }] });
    if (t.level !== 'error') setTimeout(() => get().dismiss(id), 6000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('cca.theme', theme);
    set({ theme });
  },
}));

onEvent('app.notice', (n) => useApp.getState().toast(n));
