import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactedConfig, ConfigError } from './load-config.js';
import { OPTIONS } from './options.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({ databaseUrl: 'sqlite:./data/rollcall.db', port: 8080, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:8080' });
  });

  it('takes flags over environment over defaults', () => {
    const config = loadConfig({ PORT: '9000', ROLLCALL_PUBLIC_URL: 'https://rc.example.com/' }, ['--port', '9100']);
    expect(config.port).toBe(9100);
    expect(config.publicUrl).toBe('https://rc.example.com');
  });

  it('fails loudly on bad values, naming the option', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' }, [])).toThrow(/PORT/);
    expect(() => loadConfig({ ROLLCALL_DATABASE_URL: 'mysql://x' }, [])).toThrow(/ROLLCALL_DATABASE_URL/);
    expect(() => loadConfig({ ROLLCALL_SQLITE_SYNCHRONOUS: 'sometimes' }, [])).toThrow(/SYNCHRONOUS/);
  });

  it('reads the SQLite page cache and memory map sizes, 64 MiB and off by default', () => {
    expect(loadConfig({}, [])).toMatchObject({ sqliteCacheMib: 64, sqliteMmapMib: 0 });
    expect(loadConfig({ ROLLCALL_SQLITE_CACHE_MIB: '8', ROLLCALL_SQLITE_MMAP_MIB: '128' }, [])).toMatchObject({ sqliteCacheMib: 8, sqliteMmapMib: 128 });
    expect(() => loadConfig({ ROLLCALL_SQLITE_CACHE_MIB: '0' }, [])).toThrow(/ROLLCALL_SQLITE_CACHE_MIB/);
    expect(() => loadConfig({ ROLLCALL_SQLITE_MMAP_MIB: 'lots' }, [])).toThrow(/ROLLCALL_SQLITE_MMAP_MIB/);
  });

  it('reads the edge limits, and refuses a header timeout longer than the request timeout', () => {
    expect(loadConfig({}, []).edge).toEqual({
      scimRate: { perMinute: 1200, burst: 300 },
      apiRate: { perMinute: 6000, burst: 600 },
      maxInFlight: 256,
      maxConnections: 1000,
      headersTimeoutMs: 20000,
      keepAliveTimeoutMs: 72000,
    });
    expect(loadConfig({ ROLLCALL_SCIM_RATE_LIMIT_PER_MINUTE: '0', ROLLCALL_MAX_IN_FLIGHT: '0' }, []).edge).toMatchObject({ scimRate: { perMinute: 0 }, maxInFlight: 0 });
    expect(() => loadConfig({ ROLLCALL_HEADERS_TIMEOUT_MS: '60000', ROLLCALL_REQUEST_TIMEOUT_MS: '30000' }, [])).toThrow(/ROLLCALL_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ ROLLCALL_SCIM_RATE_LIMIT_BURST: '0' }, [])).toThrow(/ROLLCALL_SCIM_RATE_LIMIT_BURST/);
  });

  it('redacts database passwords', () => {
    const config = loadConfig({ ROLLCALL_DATABASE_URL: 'postgres://rc:hunter2@db:5432/rc' }, []);
    expect(JSON.stringify(redactedConfig(config))).not.toContain('hunter2');
  });

  it('documents every option in docs/configuration.md', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const option of Object.values(OPTIONS)) expect(doc, option.env).toContain(`\`${option.env}\``);
  });
});

describe('SMTP options', () => {
  it('accepts smtp:// and smtps:// and masks the password in the redacted config', () => {
    const config = loadConfig({ ROLLCALL_SMTP_URL: 'smtps://mailer:s3cret-pw@mail.example.test:465' }, []);
    expect(config.smtp.url).toBe('smtps://mailer:s3cret-pw@mail.example.test:465');
    expect(JSON.stringify(redactedConfig(config))).not.toContain('s3cret-pw');
  });
  it('refuses another scheme or a non-URL, naming the option', () => {
    expect(() => loadConfig({ ROLLCALL_SMTP_URL: 'http://mail.example.test' }, [])).toThrow(/ROLLCALL_SMTP_URL/);
    expect(() => loadConfig({ ROLLCALL_SMTP_URL: 'not a url' }, [])).toThrow(ConfigError);
  });
  it('is off by default', () => {
    expect(loadConfig({}, []).smtp).toEqual({ url: '', from: 'Rollcall <rollcall@localhost>' });
  });
});
