// Changing one limit — the team default, a group's, or a member's override —
// with a preview, before saving, of how many members would get a different
// effective limit (and a sample of them, before → after).

import { Alert, Button, Group, Loader, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { del, post, put, teamPath, type ApiRequestError } from '../../api/client';
import { IconAlert, IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { moneyInput, parseMoney } from '../../i18n/format';
import { AmountText, LimitText } from './money';
import type { LimitChoice, LimitMode, LimitTarget, LimitValue, Preview } from './spend-types';

type Mode = 'amount' | 'unlimited' | 'clear';

function endpoint(target: LimitTarget): string {
  if (target.target === 'default') return '/spend/default';
  if (target.target === 'group') return `/spend/group-limits/${encodeURIComponent(target.groupId)}`;
  return `/spend/overrides/${encodeURIComponent(target.userId)}`;
}

function previewBody(target: LimitTarget, choice: LimitChoice) {
  const who = target.target === 'group' ? { groupId: target.groupId } : target.target === 'override' ? { userId: target.userId } : {};
  return { target: target.target, ...who, ...choice };
}

export function LimitEditor({ teamId, currency, target, current, onClose, onSaved }: {
  teamId: string;
  currency: string;
  target: LimitTarget | undefined;
  current: LimitValue | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tn, locale } = useT();
  const [mode, setMode] = useState<Mode>('amount');
  const [text, setText] = useState('');
  const [limitMode, setLimitMode] = useState<LimitMode>('hard');
  const [preview, setPreview] = useState<Preview>();
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  // The form starts from the value at the moment it opens; a live refresh of
  // `current` while the admin types must not overwrite what they typed.
  const opened = target ? JSON.stringify(target) : '';
  useEffect(() => {
    if (!opened) return;
    setMode(current?.unlimited ? 'unlimited' : 'amount');
    setText(current && current.amount !== null ? moneyInput(locale, current.amount, currency) : '');
    setLimitMode(current?.mode ?? 'hard');
    setPreview(undefined);
    setError(undefined);
  }, [opened]);

  const amount = mode === 'amount' ? parseMoney(locale, text, currency) : undefined;
  const choice: LimitChoice | undefined = mode === 'clear' ? { clear: true } : mode === 'unlimited' ? { unlimited: true } : amount === undefined ? undefined : { amount, mode: limitMode };
  const [debounced] = useDebouncedValue(target && choice ? JSON.stringify(previewBody(target, choice)) : '', 300);

  useEffect(() => {
    if (!debounced) return setPreview(undefined);
    let stale = false;
    setPreviewing(true);
    post<Preview>(teamPath(teamId, '/spend/preview'), JSON.parse(debounced)).then(
      (p) => !stale && (setPreview(p), setPreviewing(false)),
      (e: ApiRequestError) => !stale && (setError(e), setPreviewing(false)),
    );
    return () => {
      stale = true;
    };
  }, [debounced, teamId]);

  const save = async () => {
    if (!target || !choice) return;
    setBusy(true);
    setError(undefined);
    try {
      const path = teamPath(teamId, endpoint(target));
      if ('clear' in choice) await del(path);
      else await put(path, choice);
      onSaved();
      onClose();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  const title = !target ? '' : target.target === 'default' ? t('spend.editDefault') : target.target === 'group' ? t('spend.editGroup', { name: target.name }) : t('spend.editOverride', { name: target.name });
  const clearLabel = target?.target === 'default' ? t('spend.clearDefault') : target?.target === 'group' ? t('spend.clearGroup') : t('spend.clearOverride');

  return (
    <Modal opened={!!target} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="md" data-testid="limit-editor">
        <Text size="sm">
          {t('spend.currentValue')} <LimitText limit={current} currency={currency} />
        </Text>
        <SegmentedControl
          aria-label={t('spend.limitKind')}
          value={mode}
          onChange={(value) => setMode(value as Mode)}
          data={[
            { value: 'amount', label: t('spend.amount') },
            { value: 'unlimited', label: t('spend.unlimited') },
            { value: 'clear', label: clearLabel },
          ]}
        />
        {mode === 'amount' && (
          <TextInput
            label={t('spend.amountPerPeriod', { currency })}
            description={t('spend.amountHelp')}
            inputMode="decimal"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={text && amount === undefined ? t('spend.amountInvalid') : undefined}
            data-autofocus
            data-testid="limit-amount"
          />
        )}
        {mode === 'amount' && (
          <SegmentedControl
            aria-label={t('spend.mode')}
            value={limitMode}
            onChange={(value) => setLimitMode(value as LimitMode)}
            data={[
              { value: 'hard', label: t('spend.modeHard') },
              { value: 'soft', label: t('spend.modeSoft') },
            ]}
            data-testid="limit-mode"
          />
        )}
        <Alert color="blue" variant="light" icon={previewing ? <Loader size={16} /> : <IconInfo />} title={t('spend.previewTitle')} data-testid="limit-preview">
          {!preview ? (
            <Text size="sm">{choice ? t('spend.previewing') : t('spend.previewNeedsValue')}</Text>
          ) : (
            <Stack gap="xs">
              <Text size="sm" fw={600} data-testid="affected-count" data-count={preview.affectedMembers}>
                {tn('spend.affected', preview.affectedMembers)}
              </Text>
              {preview.sample.length > 0 && (
                <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                  <Table.Tbody>
                    {preview.sample.slice(0, 8).map((row) => (
                      <Table.Tr key={row.member.id}>
                        <Table.Td>{row.member.userName}</Table.Td>
                        <Table.Td ta="right">
                          <AmountText amount={row.previous.amount} currency={currency} /> → <AmountText amount={row.current.amount} currency={currency} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {preview.whatIf && (
                <Text size="sm" data-testid="what-if" data-refused={preview.whatIf.proposed.refused} data-flagged={preview.whatIf.proposed.flagged}>
                  {t('spend.whatIf', {
                    refused: preview.whatIf.proposed.refused,
                    flagged: preview.whatIf.proposed.flagged,
                    currentRefused: preview.whatIf.current.refused,
                    currentFlagged: preview.whatIf.current.flagged,
                  })}
                  {preview.whatIf.proposed.from && ` ${t('spend.whatIfFrom', { day: preview.whatIf.proposed.from })}`}
                </Text>
              )}
              {preview.affectedMembers > Math.min(preview.sample.length, 8) && (
                <Text size="sm" c="dimmed" data-testid="affected-more">
                  {tn('spend.andMore', preview.affectedMembers - Math.min(preview.sample.length, 8))}
                </Text>
              )}
            </Stack>
          )}
        </Alert>
        {error && (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={save} loading={busy} disabled={!choice} data-testid="save-limit">
            {t('spend.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
