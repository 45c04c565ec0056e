// Limits and amounts as an admin reads them: "€50.00", "Unlimited", "Not set",
// and where a member's effective limit comes from.

import { Badge, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { formatMoney } from '../../i18n/format';
import type { EffectiveLimit, LimitValue } from './spend-types';

export function Money({ minor, currency }: { minor: number; currency: string }) {
  const { locale } = useT();
  return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(locale, minor, currency)}</span>;
}

/** A configured limit (`null`: not set). */
export function LimitText({ limit, currency }: { limit: LimitValue | null | undefined; currency: string }) {
  const { t } = useT();
  if (!limit) return <Text span c="dimmed" size="sm">{t('spend.notSet')}</Text>;
  if (limit.unlimited || limit.amount === null) return <>{t('spend.unlimited')}</>;
  return <Money minor={limit.amount} currency={currency} />;
}

/** An effective limit's amount (`null`: unlimited). */
export function AmountText({ amount, currency }: { amount: number | null; currency: string }) {
  const { t } = useT();
  return amount === null ? <>{t('spend.unlimited')}</> : <Money minor={amount} currency={currency} />;
}

export function SourceBadge({ limit }: { limit: EffectiveLimit }) {
  const { t } = useT();
  const { type, groupName } = limit.source;
  const color = type === 'group' ? 'indigo' : type === 'override' ? 'grape' : type === 'suspended' || type === 'removed' ? 'red' : 'gray';
  return (
    <Badge variant="light" color={color} data-testid="limit-source" style={{ textTransform: 'none' }}>
      {type === 'group' ? t('spend.source.groupNamed', { group: groupName ?? '' }) : t(`spend.source.${type}`)}
    </Badge>
  );
}
