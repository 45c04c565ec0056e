// A sortable column header for the directory and activity tables. The sort
// lives in the URL (?sort=&order=), like the search and filter, and the
// server sorts (the admin API's sortBy/sortOrder): a page is never sorted
// alone. A click on the current column flips its order; on another, starts
// ascending.

import { UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { setSearch } from '../router';

export type SortOrder = 'ascending' | 'descending';

export function sortFrom(search: URLSearchParams, allowed: readonly string[]): { sort: string | undefined; order: SortOrder } {
  const sort = search.get('sort') ?? undefined;
  return { sort: sort && allowed.includes(sort) ? sort : undefined, order: search.get('order') === 'descending' ? 'descending' : 'ascending' };
}

export function SortButton({ column, current, children }: { column: string; current: { sort: string | undefined; order: SortOrder }; children: ReactNode }) {
  const { t } = useT();
  const active = current.sort === column;
  const next: SortOrder = active && current.order === 'ascending' ? 'descending' : 'ascending';
  return (
    <UnstyledButton
      onClick={() => setSearch({ sort: column, order: next === 'ascending' ? undefined : next, page: undefined })}
      aria-label={t('list.sortBy', { column: String(children) })}
      data-testid={`sort-${column}`}
      data-sorted={active ? current.order : undefined}
      fw={600}
      fz="sm"
    >
      {children}
      <span aria-hidden style={{ marginInlineStart: 4, opacity: active ? 1 : 0.35 }}>
        {active && current.order === 'descending' ? '↓' : '↑'}
      </span>
    </UnstyledButton>
  );
}

/** `aria-sort` for the header cell of a column. */
export function ariaSort(column: string | string[], current: { sort: string | undefined; order: SortOrder }): 'ascending' | 'descending' | undefined {
  return current.sort !== undefined && [column].flat().includes(current.sort) ? current.order : undefined;
}
