// CSV for spreadsheet users (RFC 4180): every field quoted, quotes doubled,
// CRLF line ends, a UTF-8 byte order mark so Excel reads accents and CJK
// names. Cells starting with = + - @ are prefixed with ' so a spreadsheet
// never runs a name from the IdP as a formula (CSV injection).

const FORMULA = /^[=+\-@\t\r]/;

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  const cell = (value: string | number | boolean | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return `"${(FORMULA.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(fileName: string, rows: Parameters<typeof toCsv>[0]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
