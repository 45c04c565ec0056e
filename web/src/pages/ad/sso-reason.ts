// Why an SSO sign-in was refused, in the admin's language: the server sends
// a stable reason code (src/domain/sso/reasons.ts) with its English sentence; the
// dashboard shows its own translation of the code (`ssoReason.<code>` in
// every locale), and the server's sentence only for a code it does not know
// yet (a newer server). test/browser/sso-reasons.test.ts keeps them in step.

import en from '../../i18n/locales/en.json';
import type { MessageKey, Translator } from '../../i18n/i18n';

export function reasonText(t: Translator['t'], code: string | null | undefined, serverMessage?: string): string | undefined {
  const key = `ssoReason.${code ?? ''}`;
  if (code && Object.hasOwn(en, key)) return t(key as MessageKey);
  return serverMessage;
}
