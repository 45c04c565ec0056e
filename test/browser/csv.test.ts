// The dashboard's CSV export (RFC 4180): quoted cells, doubled quotes, CRLF,
// a BOM for spreadsheets, and no formula from an IdP value ever runs.

import { describe, expect, it } from 'vitest';
import { toCsv } from '../../web/src/components/csv.js';

describe('CSV export', () => {
  it('quotes every cell, doubles quotes, ends lines with CRLF and starts with a BOM', () => {
    expect(toCsv([['name', 'note'], ['Ada "Countess" Lovelace', 'a,b\nc'], [null, 42]])).toBe('\uFEFF"name","note"\r\n"Ada ""Countess"" Lovelace","a,b\nc"\r\n"","42"\r\n');
  });

  it('neutralises values a spreadsheet would run as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'ok=1']])).toBe('\uFEFF"\'=HYPERLINK(""http://x"")","\'+1","\'-2","\'@SUM(A1)","ok=1"\r\n');
  });
});
