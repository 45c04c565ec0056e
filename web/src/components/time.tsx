// Times as people read them ("3 minutes ago"), with the exact time on hover
// and for screen readers; refreshed every half minute so "ago" stays true.

import { Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { formatDateTime, formatRelative } from '../i18n/format';

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function RelativeTime({ iso, never }: { iso: string | null | undefined; never?: string }) {
  const { locale, t } = useT();
  const now = useNow();
  if (!iso) return <Text span size="sm" c="dimmed">{never ?? t('time.never')}</Text>;
  const exact = formatDateTime(locale, iso);
  return (
    <Tooltip label={exact} withArrow>
      <time dateTime={iso} title={exact} style={{ whiteSpace: 'nowrap' }}>
        {formatRelative(locale, iso, now)}
      </time>
    </Tooltip>
  );
}
