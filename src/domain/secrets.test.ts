// Stored hashes of tokens, API keys and sessions must keep matching: the
// one-shot crypto.hash gives the same hex digest as createHash did.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from './secrets.js';

describe('hashSecret', () => {
  it('is the SHA-256 hex digest, as stored by earlier versions', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const secret of ['', 'rcs_é✓', newSecret('rck_').secret]) {
      expect(hashSecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    }
  });
});
