// The state of a dialog that asks the server for a secret shown once (a SCIM
// token, an OAuth client's secret): the label typed, the request in flight,
// its error, and the answer, all forgotten when the dialog closes.

import { useState } from 'react';
import { post, type ApiRequestError } from '../../api/client';

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

  /** POSTs `body` to `path`; the answer is kept until the dialog closes, and `onDone` runs once it arrives. */
  const request = async (path: string, body: unknown, onDone: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(await post<Answer>(path, body));
      onDone();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return { label, setLabel, answer, busy, error, close, request };
}
