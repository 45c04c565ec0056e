import { describe, expect, it } from 'vitest';
import { teamOf } from './activity-recording.js';

describe('teamOf', () => {
  it('reads the team id of a SCIM URL, whatever follows it', () => {
    expect(teamOf('/scim/v2/team-1/Users/abc')).toBe('team-1');
    expect(teamOf('/scim/v2/team-1/Users?filter=userName%20eq%20%22a/b%22')).toBe('team-1');
    expect(teamOf('/scim/v2/team-1?x=1')).toBe('team-1');
    expect(teamOf('/scim/v2/team-1')).toBe('team-1');
    expect(teamOf('/scim/v2/')).toBe('');
    expect(teamOf('/scim')).toBe('');
  });
});
