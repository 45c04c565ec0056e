/** The builds (server, dashboard) that are missing or older than their sources under `root`. */
export function staleTargets(root?: string): { name: string; sources: string[]; built: string; script: string }[];
