import { create } from 'zustand';
import { roles, type ErrorInfo, type Role } from '../../../preload/contract/index.js';
import type { Me } from '../../../preload/contract/schemas/auth.js';
import { api, onSignedOut } from '../api/client.js';

/**
 * Who is using the app: the local owner (desktop, launch token) or a signed-in user (CCA_AUTH=users).
 * `signed-out` shows the sign-in page; a session that expires or is revoked comes back here.
 */
interface SessionState {
  status: 'loading' | 'signed-in' | 'signed-out';
  me: Me | null;
  error: ErrorInfo | null;
  load: () => Promise<void>;
  signIn: (username: string, password: string) => Promise<boolean>;
  signOut: () => Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  me: null,
  error: null,
  async load() {
    const r = await api['auth.me']({});
    if (r.ok) set({ status: 'signed-in', me: r.value, error: null });
    // Only a users-mode server says "Sign in first."; a missing launch token is the shell's connection error.
    else set({ status: r.error.category === 'auth' && r.error.message === 'Sign in first.' ? 'signed-out' : 'signed-in', me: null });
  },
  async signIn(username, password) {
    const r = await api['auth.login']({ username, password });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ status: 'signed-in', me: r.value, error: null });
    return true;
  },
  async signOut() {
    await api['auth.logout']({});
    set({ status: 'signed-out', me: null, error: null });
  },
}));

onSignedOut(() => {
  if (useSession.getState().status === 'signed-in' && useSession.getState().me && !useSession.getState().me!.owner) {
    useSession.setState({ status: 'signed-out', me: null, error: { category: 'auth', message: 'Your session ended.', hint: 'Sign in again.' } });
  }
});

/** The caller has at least this role (the contract's order); before anyone is known, the owner can. */
export const can = (me: Me | null, role: Role) => (me ? roles.indexOf(me.role) >= roles.indexOf(role) : true);

/**
 * Why the signed-in user may not change a call (null when they may): agents read their own calls,
 * reviewers and above change them. Controls stay visible, disabled, with this as their title.
 */
export const useChangeBlocked = (): string | null => {
  const me = useSession((st) => st.me);
  return can(me, 'reviewer') ? null : 'Reviewers make changes; as an agent you can read and listen.';
};
