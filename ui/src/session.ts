import { ApiError, json, setCsrfToken } from './api';

export type Permission = 'READ' | 'ACCOUNTS_WRITE' | 'TOKENS_WRITE' | 'INSTANCES_WRITE' | 'SYNC_RUN' | 'SETTINGS_WRITE'
  | 'USERS_WRITE' | 'AUDIT_READ' | 'SELF';

export interface SessionView {
  username: string;
  role: string;
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken: string;
  virtualAccountIds: number[] | null;
  idleTimeoutSeconds: number;
  expiresAt: string;
}

let current: SessionView | null = null;

export function session(): SessionView | null { return current; }

export function can(permission: Permission): boolean {
  return current !== null && current.permissions.includes(permission);
}

function adopt(view: SessionView | null): SessionView | null {
  current = view;
  setCsrfToken(view ? view.csrfToken : null);
  return view;
}

/** The session this browser already has (cookie), or null. */
export async function resume(): Promise<SessionView | null> {
  try {
    return adopt(await json<SessionView>('GET', '/session', { quiet401: true }));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return adopt(null);
    throw e;
  }
}

export async function login(username: string, password: string): Promise<SessionView> {
  return adopt(await json<SessionView>('POST', '/session', { body: { username, password }, quiet401: true }))!;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<SessionView> {
  return adopt(await json<SessionView>('POST', '/session/password', { body: { currentPassword, newPassword } }))!;
}

export async function logout(): Promise<void> {
  try {
    await json<void>('DELETE', '/session', { quiet401: true });
  } finally {
    adopt(null);
  }
}

export function forget(): void { adopt(null); }

