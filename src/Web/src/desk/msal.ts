/**
 * Entra ID sign-in for staff with MSAL.js: authorization code flow with PKCE, tokens cached by MSAL in sessionStorage
 * (gone with the tab), acquired silently for every call. Imported only by builds that set VITE_STAFF_CLIENT_ID.
 */
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import type { EntraSettings, StaffIdentity } from './session';

let client: Promise<PublicClientApplication> | undefined;

function application(settings: EntraSettings): Promise<PublicClientApplication> {
  client ??= (async () => {
    const redirectUri = `${location.origin}/desk/sign-in`;
    const pca = new PublicClientApplication({
      auth: { clientId: settings.clientId, authority: settings.authority, redirectUri, postLogoutRedirectUri: redirectUri },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await pca.initialize();
    return pca;
  })();
  return client;
}

function account(pca: PublicClientApplication): AccountInfo | undefined {
  const active = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  if (active && !pca.getActiveAccount()) pca.setActiveAccount(active);
  return active ?? undefined;
}

export async function signIn(settings: EntraSettings, next: string): Promise<void> {
  const pca = await application(settings);
  await pca.loginRedirect({ scopes: [settings.scope], state: next, prompt: 'select_account' });
}

export async function completeSignIn(settings: EntraSettings): Promise<string | undefined> {
  const pca = await application(settings);
  const result = await pca.handleRedirectPromise();
  if (!result) return undefined;
  pca.setActiveAccount(result.account);
  return result.state || '/desk';
}

export async function accessToken(settings: EntraSettings): Promise<string | undefined> {
  const pca = await application(settings);
  const signedIn = account(pca);
  if (!signedIn) return undefined;
  try {
    return (await pca.acquireTokenSilent({ scopes: [settings.scope], account: signedIn })).accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) return undefined;
    throw error;
  }
}

export async function identity(settings: EntraSettings): Promise<StaffIdentity | undefined> {
  const signedIn = account(await application(settings));
  if (!signedIn) return undefined;
  const roles = signedIn.idTokenClaims?.roles;
  return { name: signedIn.name ?? signedIn.username, email: signedIn.username, roles: Array.isArray(roles) ? roles : [] };
}

export async function signOut(settings: EntraSettings): Promise<void> {
  const pca = await application(settings);
  const signedIn = account(pca);
  await pca.logoutRedirect(signedIn ? { account: signedIn } : {});
}
