// Search box, status filter and pager for the directory lists. Their state
// lives in the URL (?q=&status=&page=), so a reload or a shared link shows
// the same page; typing waits for a pause before it asks the server.

import { Group, Pagination, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { formatNumber } from '../i18n/format';
import { setSearch } from '../router';
import { IconSearch } from './icons';

export const PAGE_SIZE = 50;

export function SearchBox({ value, label, placeholder }: { value: string; label: string; placeholder: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = useDebouncedCallback((q: string) => setSearch({ q: q.trim(), page: undefined }), 300);
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      type="search"
      style={{ flex: '1 1 16rem' }}
      maw={420}
      data-testid="search"
    />
  );
}

export function StatusFilter({ value }: { value: string }) {
  const { t } = useT();
  return (
    <SegmentedControl
      aria-label={t('list.statusFilter')}
      value={value || 'all'}
      onChange={(next) => setSearch({ status: next === 'all' ? undefined : next, page: undefined })}
      data={[
        { value: 'all', label: t('list.all') },
        { value: 'active', label: t('status.active') },
        { value: 'suspended', label: t('status.suspended') },
      ]}
      data-testid="status-filter"
    />
  );
}

export function ListFooter({ page, total, pageSize = PAGE_SIZE, onPage }: { page: number; total: number; pageSize?: number; onPage?: (page: number) => void }) {
  const { t, locale } = useT();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" data-testid="range">
        {t('list.range', { from: formatNumber(locale, from), to: formatNumber(locale, to), total: formatNumber(locale, total) })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={(next) => (onPage ? onPage(next) : setSearch({ page: next === 1 ? undefined : next }))}
          size="sm"
          siblings={1}
          boundaries={1}
          getControlProps={(control) => ({ 'aria-label': t(`list.${control}`) })}
        />
      )}
    </Group>
  );
}

/** `?page=` as a page number from 1. */
export function pageFrom(search: URLSearchParams): number {
  const page = Number(search.get('page') ?? 1);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
