// Loading admin API data into a component: the previous answer stays on
// screen while the next one loads (paging does not flicker), a reload keeps
// what is shown, and an endpoint that does not exist yet is reported as such.

import { useCallback, useEffect, useRef, useState } from 'react';
import { get, isMissingEndpoint } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** The server has no such endpoint yet: show "coming soon". */
  missing: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; path: string | null }>({ loading: path !== null, path });
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true, path }));
    get<T>(path, controller.signal).then(
      (data) => ticket === latest.current && setState({ data, loading: false, path }),
      (error: Error) => {
        if (error.name === 'AbortError' || ticket !== latest.current) return;
        setState((s) => ({ data: s.path === path ? s.data : undefined, error, loading: false, path }));
      },
    );
    return () => controller.abort();
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, missing: isMissingEndpoint(state.error), reload };
}
