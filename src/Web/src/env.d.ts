/// <reference types="vite/client" />

/** Settings the web build reads (docs/SETTINGS.md "Web build"); the staff desk signs in with Entra ID when they are set. */
interface ImportMetaEnv {
  readonly VITE_STAFF_CLIENT_ID?: string;
  readonly VITE_STAFF_TENANT_ID?: string;
  readonly VITE_STAFF_AUTHORITY?: string;
  readonly VITE_STAFF_API_SCOPE?: string;
}
