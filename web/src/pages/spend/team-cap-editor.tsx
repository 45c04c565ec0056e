// The team-wide cap per period: none, a fixed amount, or an amount per
// active member (a dynamic cap that follows the seat count); hard (refuse
// beyond it) or soft (allow and flag).

import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { del, put, teamPath, type ApiRequestError } from '../../api/client';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { moneyInput, parseMoney } from '../../i18n/format';
import type { LimitMode, SpendPolicy } from './spend-types';

type Kind = 'none' | 'fixed' | 'perMember';

export function TeamCapEditor({ teamId, currency, opened, current, onClose, onSaved }: {
  teamId: string;
  currency: string;
  opened: boolean;
  current: SpendPolicy['teamCap'];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, locale } = useT();
  const [kind, setKind] = useState<Kind>('none');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<LimitMode>('hard');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  useEffect(() => {
    if (!opened) return;
    const perMember = current?.perMember ?? null;
    setKind(!current ? 'none' : perMember !== null ? 'perMember' : 'fixed');
    const value = perMember ?? current?.amount ?? null;
    setText(value === null ? '' : moneyInput(locale, value, currency));
    setMode(current?.mode ?? 'hard');
    setError(undefined);
  }, [opened]);

  const amount = kind === 'none' ? undefined : parseMoney(locale, text, currency);
  const ready = kind === 'none' || amount !== undefined;

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const path = teamPath(teamId, '/spend/team-cap');
      if (kind === 'none') await del(path);
      else await put(path, kind === 'perMember' ? { perMember: amount, mode } : { amount, mode });
      onSaved();
      onClose();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('spend.teamCap')} closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="md" data-testid="team-cap-editor">
        <SegmentedControl
          aria-label={t('spend.teamCap')}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'none', label: t('spend.capNone') },
            { value: 'fixed', label: t('spend.capFixed') },
            { value: 'perMember', label: t('spend.capPerMember') },
          ]}
        />
        {kind !== 'none' && (
          <>
            <TextInput
              label={t('spend.amountPerPeriod', { currency })}
              description={kind === 'perMember' ? t('spend.capPerMemberHelp') : undefined}
              inputMode="decimal"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={text && amount === undefined ? t('spend.amountInvalid') : undefined}
              data-testid="team-cap-amount"
            />
            <SegmentedControl
              aria-label={t('spend.mode')}
              value={mode}
              onChange={(v) => setMode(v as LimitMode)}
              data={[
                { value: 'hard', label: t('spend.modeHard') },
                { value: 'soft', label: t('spend.modeSoft') },
              ]}
            />
          </>
        )}
        {kind === 'none' && <Text size="sm">{t('spend.noTeamCap')}</Text>}
        {error && (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={save} loading={busy} disabled={!ready} data-testid="save-team-cap">
            {t('spend.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
