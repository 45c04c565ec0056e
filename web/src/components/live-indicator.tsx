// Says how the page stays current: a live stream, or a refresh every few
// seconds on a server without the stream endpoint.

import { Badge, Tooltip } from '@mantine/core';
import { useT } from '../i18n/i18n';
import { useLiveMode } from '../live/live';

export function LiveIndicator() {
  const { t } = useT();
  const mode = useLiveMode();
  const color = mode === 'streaming' ? 'teal' : mode === 'polling' ? 'blue' : mode === 'reconnecting' ? 'orange' : 'gray';
  const label = t(`live.${mode}`);
  return (
    <Tooltip label={t(`live.${mode}Help`)} withArrow multiline w={240}>
      <Badge variant="dot" color={color} tabIndex={0} data-testid="live-indicator" data-mode={mode}>
        {label}
      </Badge>
    </Tooltip>
  );
}
