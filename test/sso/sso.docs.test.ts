// docs/sso.md against the code: every refusal reason in the table with its
// own sentence, the SP URLs as the code derives them, the clock-skew default.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASONS } from '../../src/domain/sso/reasons.js';
import { spEndpoints } from '../../src/domain/sso/types.js';
import { OPTIONS } from '../../src/config/options.js';

const page = readFileSync(new URL('../../docs/sso.md', import.meta.url), 'utf8');

describe('docs/sso.md', () => {
  it('lists every refusal reason code with the sentence an admin sees, and no other', () => {
    const rows = new Map([...page.matchAll(/^\| `([\w.]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]));
    expect([...rows.keys()].filter((k) => k.includes('.')).sort()).toEqual(Object.keys(REASONS).sort());
    for (const [code, sentence] of Object.entries(REASONS)) expect(rows.get(code), code).toBe(sentence);
  });

  it('shows the SP URLs the code derives', () => {
    const sp = spEndpoints('https://rollcall.example.com', '{teamId}');
    for (const url of [sp.entityId, sp.acsUrl, sp.redirectUri, sp.signInUrl.replace('?purpose=admin', '')]) expect(page).toContain(`\`${decodeURIComponent(url)}\``);
  });

  it('states the clock-skew default of src/config/options.ts', () => {
    expect(Number(OPTIONS.ssoClockSkewMs.default) / 1000).toBe(60);
    expect(page).toContain('default 60 s');
  });
});
