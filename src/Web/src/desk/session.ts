/**
 * The staff session: who the agent is and the bearer token the desk sends on /api/staff/*. With a client id in the
 * build it comes from Entra ID through MSAL (its own chunk, loaded only then); without one (the local stack) from the
 * dev identity's token endpoint, kept in sessionStorage. The portal's customer cookie plays no part.
 */
import { api } from '../api';

export type StaffRole = 'Support.Agent' | 'Support.Admin';

export interface StaffIdentity {
  name: string;
  email: string;
  roles: readonly string[];
}

export interface EntraSettings {
  clientId: string;
  authority: string;
  scope: string;
}

/** The Entra ID settings of this build, or nothing when the desk signs in with the local dev identity. */
export function entraSettings(env: Partial<ImportMetaEnv> = import.meta.env): EntraSettings | undefined {
  const clientId = env.VITE_STAFF_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  const tenant = env.VITE_STAFF_TENANT_ID?.trim() || 'organizations';
  return {
    clientId,
    authority: env.VITE_STAFF_AUTHORITY?.trim() || `https://login.microsoftonline.com/${tenant}`,
    scope: env.VITE_STAFF_API_SCOPE?.trim() || `api://${clientId}/.default`,
  };
}

const entra = entraSettings();
export const signInMode: 'entra' | 'local' = entra ? 'entra' : 'local';

const msal = () => import('./msal');
const storageKey = 'sf.desk.session';

interface LocalSession extends StaffIdentity {
  accessToken: string;
}

/** The agent signed in on this tab, if any. */
export async function currentIdentity(): Promise<StaffIdentity | undefined> {
  if (entra) return (await msal()).identity(entra);
  const session = readLocal();
  return session && { name: session.name, email: session.email, roles: session.roles };
}

/** A valid bearer token for the staff API, or nothing when the agent must sign in (again). */
export async function accessToken(): Promise<string | undefined> {
  if (entra) return (await msal()).accessToken(entra);
  const session = readLocal();
  if (!session) return undefined;
  if (tokenExpired(session.accessToken, Date.now())) {
    forgetLocal();
    return undefined;
  }
  return session.accessToken;
}

/** Entra ID: leaves for Microsoft's sign-in page and comes back to /desk/sign-in, then to `next`. */
export async function signInWithEntra(next: string): Promise<void> {
  if (entra) await (await msal()).signIn(entra, next);
}

/** Entra ID: on the way back from Microsoft's page; says where the agent was going, if this was such a return. */
export async function completeEntraSignIn(): Promise<string | undefined> {
  return entra ? (await msal()).completeSignIn(entra) : undefined;
}

/** The local stack: asks the dev identity for a token with the given role and keeps it for this tab. */
export async function signInLocally(person: { name: string; email: string; role: StaffRole }): Promise<void> {
  const email = person.email.trim().toLowerCase();
  const roles = [person.role];
  const { accessToken: token } = await api.post<{ accessToken: string }>('/dev/tokens', {
    body: { subject: `local-${email}`, name: person.name.trim(), email, roles },
    credentials: 'omit',
  });
  writeLocal({ accessToken: token, name: person.name.trim(), email, roles });
}

export async function signOut(): Promise<void> {
  if (entra) await (await msal()).signOut(entra);
  else forgetLocal();
}

/** Forgets a token the API refused, so the next desk page asks the agent to sign in. */
export function forgetToken(): void {
  if (!entra) forgetLocal();
}

/** Whether a JWT's `exp` has passed (a minute early, for clock skew); a token that cannot be read counts as valid. */
export function tokenExpired(token: string, now: number): boolean {
  const payload = token.split('.')[1];
  if (!payload) return false;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' && json.exp * 1000 - 60_000 <= now;
  } catch {
    return false;
  }
}

function readLocal(): LocalSession | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Partial<LocalSession> | null;
    if (!value || typeof value.accessToken !== 'string') return undefined;
    return { accessToken: value.accessToken, name: value.name ?? '', email: value.email ?? '', roles: value.roles ?? [] };
  } catch {
    return undefined;
  }
}

function writeLocal(session: LocalSession): void {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

function forgetLocal(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    /* storage unavailable: nothing was kept */
  }
}
