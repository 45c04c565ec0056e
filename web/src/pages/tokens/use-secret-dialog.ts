// The state of a dialog that asks the server for a secret shown once (a SCIM
// token, an OAuth client's secret): the label typed, the request in flight,
// its error, and the answer, all forgotten when the dialog closes.

import { useState } from 'react';
import type { ApiRequestError } from '../../api/client';

export function useSecretDialog<Answer>(onClose: () => void) {
  const [label, setLabel] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  const close = () => {
    setAnswer(undefined);
    setLabel('');
    setError(undefined);
    onClose();
  };

  /** Runs the request; its answer is kept until the dialog closes, then `onDone` runs. */
  const request = async (send: () => Promise<Answer>, onDone: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(await send());
      onDone();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return { label, setLabel, answer, busy, error, close, request };
}
