// "Something committed" in this process: the in-process half of event fan-out.
// Writers (after commit) and the PostgreSQL LISTEN worker (for commits on
// other instances) publish; SSE streams and the webhook worker subscribe and
// then read from the database. A signal carries no data: readers always read
// what committed, so a lost or duplicated signal costs latency, never events.

export type CommitKind = 'events' | 'activity';

/** Every team: a listener on ALL hears each team; a publish to ALL wakes every listener. */
export const ALL_TEAMS = '*';

export type CommitListener = (teamId: string) => void;

export interface CommitSignal {
  publish(kind: CommitKind, teamId: string): void;
  subscribe(kind: CommitKind, teamId: string, listener: CommitListener): () => void;
}

export function createCommitSignal(): CommitSignal {
  const listeners = new Map<string, Set<CommitListener>>();
  const key = (kind: CommitKind, teamId: string) => `${kind}\u0000${teamId}`;

  function call(set: Set<CommitListener> | undefined, teamId: string): void {
    for (const listener of set ?? []) {
      try {
        listener(teamId);
      } catch {
        // A failing listener must not stop the others; readers poll as a fallback.
      }
    }
  }

  return {
    publish(kind, teamId) {
      if (teamId === ALL_TEAMS) {
        for (const [k, set] of listeners) if (k.startsWith(`${kind}\u0000`)) call(set, teamId);
        return;
      }
      call(listeners.get(key(kind, teamId)), teamId);
      call(listeners.get(key(kind, ALL_TEAMS)), teamId);
    },
    subscribe(kind, teamId, listener) {
      const k = key(kind, teamId);
      let set = listeners.get(k);
      if (!set) listeners.set(k, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(k);
      };
    },
  };
}
