/**
 * Headers on every answer, streams included: nothing here is meant to be framed, sniffed or to tell
 * other sites where a user came from. The console's page loosens only the policy (console.ts).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
