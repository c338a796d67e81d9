/**
 * Where sign-in sends a person afterwards, carried in `?next=`. Only a path inside this app is accepted:
 * otherwise a crafted link to our sign-in page could bounce a freshly signed-in person to another site
 * (an open redirect, used for phishing). `//host` and `/\host` are protocol-relative to browsers, and
 * browsers drop tabs and newlines from URLs, so `/<tab>/host` is one too: control characters are refused.
 */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}

export function signInPathFor(returnTo: string): string {
  return `/sign-in?next=${encodeURIComponent(returnTo)}`;
}

export function signUpPathFor(returnTo: string): string {
  return `/sign-up?next=${encodeURIComponent(returnTo)}`;
}
