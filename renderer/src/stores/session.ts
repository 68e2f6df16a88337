import { create } from 'zustand';
import type { SessionUser, SignedIn } from '../../../shared/contract';

/**
 * Who is signed in on this window. The token lives in memory and in sessionStorage, so a reload
 * of the browser bridge keeps the cashier signed in while closing the window signs them out.
 */
export interface SessionState {
  token: string | null;
  expiresAt: string | null;
  user: SessionUser | null;
  /** Why the user was sent back to the login screen ("your session has ended"), shown there once. */
  notice: string | null;
  signIn(signedIn: SignedIn): void;
  signOut(notice?: string | null): void;
  /** The signed-in person changed (their language): same session, new details. */
  updateUser(user: SessionUser): void;
  clearNotice(): void;
}

export const SESSION_STORAGE_KEY = 'box-office.session';

interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function readStoredSession(now = Date.now()): StoredSession | null {
  const raw = storage()?.getItem(SESSION_STORAGE_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'string' || !s.user || typeof s.user.role !== 'string') return null;
    if (Date.parse(s.expiresAt) <= now) return null;
    return s as StoredSession;
  } catch {
    return null;
  }
}

function writeStoredSession(s: StoredSession | null): void {
  const store = storage();
  if (!store) return;
  if (s) store.setItem(SESSION_STORAGE_KEY, JSON.stringify(s));
  else store.removeItem(SESSION_STORAGE_KEY);
}

const initial = readStoredSession();

export const useSession = create<SessionState>()((set) => ({
  token: initial?.token ?? null,
  expiresAt: initial?.expiresAt ?? null,
  user: initial?.user ?? null,
  notice: null,
  signIn: ({ token, expiresAt, user }) => {
    writeStoredSession({ token, expiresAt, user });
    set({ token, expiresAt, user, notice: null });
  },
  signOut: (notice = null) => {
    writeStoredSession(null);
    set({ token: null, expiresAt: null, user: null, notice });
  },
  updateUser: (user) =>
    set((s) => {
      if (s.token && s.expiresAt) writeStoredSession({ token: s.token, expiresAt: s.expiresAt, user });
      return { user };
    }),
  clearNotice: () => set({ notice: null }),
}));
