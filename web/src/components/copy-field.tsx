// A value to paste somewhere else (SCIM URL, token): shown read-only in a
// monospace field with a copy button that confirms the copy. Where the
// clipboard API is unavailable (plain http on a non-local host) the text is
// selected for Ctrl+C instead.

import { ActionIcon, TextInput, Tooltip } from '@mantine/core';
import { useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { IconCheck, IconCopy } from './icons';

export function CopyField({ label, value, description, secret = false, testId }: { label: string; value: string; description?: string; secret?: boolean; testId?: string }) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <TextInput
      ref={input}
      label={label}
      description={description}
      value={value}
      readOnly
      onFocus={(event) => event.currentTarget.select()}
      data-testid={testId}
      data-secret={secret || undefined}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      rightSectionWidth={44}
      rightSection={
        <Tooltip label={copied ? t('action.copied') : t('action.copy')} withArrow>
          <ActionIcon variant={copied ? 'filled' : 'subtle'} color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`${t('action.copy')}: ${label}`}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      }
    />
  );
}
