// The dashboard speaks English, Japanese, Korean, French and Indonesian with
// no untranslated string: every locale file has exactly English's keys, every
// value is filled in (and keeps English's {placeholders}), values identical
// to English are only names that stay the same in every language, and no
// component writes visible text outside the locale files.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = resolve(import.meta.dirname, '../../web/src');
const LOCALES = ['en', 'ja', 'ko', 'fr', 'id'];
const load = (code: string) => JSON.parse(readFileSync(join(WEB, 'i18n/locales', `${code}.json`), 'utf8')) as Record<string, string>;
const en = load('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Messages that are names in every language: the vendors' own menu paths, protocol names, an example value. */
const SAME_EVERYWHERE = new Set(['wizard.step.sso', 'account.methodSso', 'wizard.labelPlaceholder', 'idp.okta.test', 'idp.entra.test', 'idp.onelogin.test', 'idp.jumpcloud.test', 'sso.identity.nameId']);
/** Words a language borrowed from English as they are. */
const BORROWED: Record<string, string[]> = { fr: ['nav.webhooks', 'webhooks.title', 'account.sessions', 'tokens.colActions'], id: ['ad.cardSso', 'tokens.colToken', 'diag.title'], ja: [], ko: [] };
const SAME_IN = (code: string, key: string) => SAME_EVERYWHERE.has(key) || BORROWED[code].includes(key);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.tsx') ? [join(dir, entry.name)] : []));
}

/** Literal text in JSX that does not come from t(): names and commands are allowed. */
const ALLOWED_LITERALS = new Set(['Rollcall', 'npm start', 'npx rollcall admin link --team &lt;team&gt; --email &lt;you@example.com&gt;']);
function literalTexts(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/>([^<>{}\n]*[A-Za-z]{2,}[^<>{}\n]*)</g)) if (!/[=;(]|Promise|^\s*:|\s\?\s*$/.test(m[1])) found.push(m[1].trim());
  for (const m of source.matchAll(/^\s+([A-Z][\w' ,.!?-]*[a-z][\w' ,.!?-]*)$/gm)) if (!/[=;(){}:]/.test(m[1])) found.push(m[1].trim());
  for (const m of source.matchAll(/\s(?:label|placeholder|title|aria-label|description)="([^"]*[A-Za-z]{2,}[^"]*)"/g)) if (!/^https?:/.test(m[1])) found.push(m[1]);
  return found.filter((text) => !ALLOWED_LITERALS.has(text));
}

describe('dashboard locales (web/src/i18n/locales)', () => {
  for (const code of LOCALES.filter((c) => c !== 'en')) {
    describe(code, () => {
      const messages = load(code);

      it('has exactly the English keys', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      });

      it('fills every message, with the same {placeholders} as English', () => {
        for (const [key, value] of Object.entries(messages)) {
          expect(value.trim(), `${code} ${key} is empty`).not.toBe('');
          expect(placeholders(value), `${code} ${key} placeholders`).toEqual(placeholders(en[key] ?? ''));
        }
      });

      it('translates every message (only names stay as in English)', () => {
        const untranslated = Object.keys(en).filter((key) => messages[key] === en[key] && !SAME_IN(code, key));
        expect(untranslated).toEqual([]);
      });
    });
  }

  it('English has no empty message', () => {
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe('');
  });

  it('components write no visible text of their own: every string comes from the locale files', () => {
    const offenders = files(WEB).flatMap((file) => literalTexts(readFileSync(file, 'utf8')).map((text) => `${file.slice(WEB.length + 1)}: ${text}`));
    expect(offenders).toEqual([]);
  });

  it('the literal-text check catches text written straight into JSX', () => {
    expect(literalTexts('<Text>Save changes</Text>')).toEqual(['Save changes']);
    expect(literalTexts('<Button>\n          Delete group\n        </Button>')).toEqual(['Delete group']);
    expect(literalTexts('<TextInput label="Team name" />')).toEqual(['Team name']);
    expect(literalTexts("<Text>{t('users.title')}</Text>")).toEqual([]);
  });
});
