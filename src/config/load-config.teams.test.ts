import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, teamsFromConfig } from './load-config.js';

describe('team lifecycle options', () => {
  it('reads ROLLCALL_PORTAL_RETURN_ORIGINS as a list of origins, and the deleted-team retention in days', () => {
    const config = loadConfig({ ROLLCALL_PORTAL_RETURN_ORIGINS: ' https://app.example.com, http://localhost:3000/ ', ROLLCALL_DELETED_TEAM_RETENTION_DAYS: '7' }, []);
    expect(config.teams).toEqual({ portalReturnOrigins: ['https://app.example.com', 'http://localhost:3000'], deletedTeamRetentionDays: 7 });
    expect(teamsFromConfig(config.teams).deletedRetentionMs).toBe(7 * 86_400_000);
    expect(loadConfig({}, []).teams).toEqual({ portalReturnOrigins: [], deletedTeamRetentionDays: 30 });
  });

  it('refuses an entry that is not an http(s) origin, and a retention out of range, naming the option', () => {
    for (const value of ['https://app.example.com/path', 'app.example.com', 'ftp://files.example.com']) {
      expect(() => loadConfig({ ROLLCALL_PORTAL_RETURN_ORIGINS: value }, []), value).toThrow(/ROLLCALL_PORTAL_RETURN_ORIGINS/);
    }
    expect(() => loadConfig({ ROLLCALL_DELETED_TEAM_RETENTION_DAYS: '0' }, [])).toThrow(ConfigError);
  });
});
