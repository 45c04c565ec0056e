// memberJsonWriter (render.ts) writes a streamed group's members without an
// object per member: its bytes must be JSON.stringify of renderMember's
// objects, whatever a display name holds.

import { describe, expect, it } from 'vitest';
import { memberJsonWriter, renderMember } from './render.js';
import type { MemberRow } from '../../domain/directory/types.js';

const HOSTILE = [
  'plain',
  '',
  'quote " and \\ backslash \\" both',
  'controls \u0000\u0001\b\f\n\r\t\u000b\u001f\u007f end',
  'line separators \u2028 and \u2029',
  'ünïcödé ✓ 名前 עברית 👩‍👩‍👧 \u{1F600}',
  'lone surrogates \ud800 x \udfff',
  '</script><script>alert(1)</script>',
  '{"value":"forged","type":"Group"}',
];

describe('memberJsonWriter', () => {
  const rows: MemberRow[] = [
    ...HOSTILE.map((display, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: i % 3 === 0 ? ('Group' as const) : ('User' as const), display })),
    { id: 'no-display', type: 'User', display: null },
    { id: 'group-no-display', type: 'Group', display: null },
    { id: 'odd "id" \\ \u2028', type: 'User', display: 'x' },
  ];

  it.each(['http://127.0.0.1:8080/scim/v2/team', 'https://example.com/scim/v2/"q"\\ ü \u2028'])('writes the bytes of JSON.stringify(renderMember(…)) joined by commas (base %s)', (base) => {
    const write = memberJsonWriter(base);
    expect(write(rows)).toBe(JSON.stringify(rows.map((m) => renderMember(m, base))).slice(1, -1));
    for (const row of rows) expect(write([row])).toBe(JSON.stringify(renderMember(row, base)));
    expect(write([])).toBe('');
  });

  it('ignores the extra columns a batch row carries (added_at)', () => {
    const row = { id: 'u1', type: 'User' as const, display: 'A', added_at: '2026-01-01T00:00:00.000Z' };
    expect(memberJsonWriter('b')([row])).toBe('{"value":"u1","$ref":"b/Users/u1","display":"A","type":"User"}');
  });
});
