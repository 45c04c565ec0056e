import { describe, expect, it } from 'vitest';
import { summarizeRequest, type RequestFacts } from './summary.js';

const facts = (f: Partial<RequestFacts> & { method: string; path: string }): RequestFacts => ({ query: new URLSearchParams(), status: 200, body: undefined, ...f });

describe('activity summaries of SCIM requests (RFC 7644 §3)', () => {
  it('names creates, reads, lists, replaces and deletes', () => {
    expect(summarizeRequest(facts({ method: 'POST', path: '/Users', status: 201, body: { userName: 'b@x' }, location: 'http://h/scim/v2/t/Users/u1' }))).toEqual({ operation: 'create', resourceType: 'User', resourceId: 'u1', userName: 'b@x', summary: 'Created user "b@x"' });
    expect(summarizeRequest(facts({ method: 'POST', path: '/Users', status: 409, body: { userName: 'b@x' } })).summary).toBe('Create user "b@x" (refused)');
    expect(summarizeRequest(facts({ method: 'GET', path: '/Users/u1' })).summary).toBe('Read user u1');
    expect(summarizeRequest(facts({ method: 'GET', path: '/Users', query: new URLSearchParams('filter=userName eq "b"') })).summary).toBe('Looked up users where userName eq "b"');
    expect(summarizeRequest(facts({ method: 'PUT', path: '/Users/u1', body: { userName: 'b@x', active: false } })).summary).toBe('Replaced user "b@x" (inactive)');
    expect(summarizeRequest(facts({ method: 'DELETE', path: '/Groups/g1', status: 204 }))).toMatchObject({ operation: 'delete', resourceType: 'Group', resourceId: 'g1' });
    expect(summarizeRequest(facts({ method: 'GET', path: '/Schemas/urn:x' }))).toMatchObject({ operation: 'discovery', summary: 'Read Schemas/urn:x' });
    expect(summarizeRequest(facts({ method: 'POST', path: '/Bulk', body: { Operations: [{}, {}] } })).summary).toBe('Bulk request with 2 operations');
    expect(summarizeRequest(facts({ method: 'POST', path: '/Users/.search', body: { filter: 'active eq true' } })).summary).toBe('Searched users where active eq true');
  });

  it('says what a user PATCH did: deactivation in every IdP dialect, or the attributes', () => {
    const patch = (...ops: unknown[]) => summarizeRequest(facts({ method: 'PATCH', path: '/Users/u1', body: { Operations: ops } })).summary;
    expect(patch({ op: 'replace', value: { active: false } })).toBe('Updated user u1: deactivated');
    expect(patch({ op: 'Replace', path: 'active', value: 'False' })).toBe('Updated user u1: deactivated');
    expect(patch({ op: 'replace', path: 'active', value: true })).toBe('Updated user u1: reactivated');
    expect(patch({ op: 'replace', path: 'name.givenName', value: 'B' }, { op: 'add', value: { title: 'x' } })).toBe('Updated user u1: changed name.givenName, title');
  });

  it('counts member changes of a group PATCH (RFC 7644 §3.5.2, every IdP form)', () => {
    const patch = (...ops: unknown[]) => summarizeRequest(facts({ method: 'PATCH', path: '/Groups/g1', status: 204, body: { Operations: ops } })).summary;
    expect(patch({ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] })).toBe('Updated group g1: added 2 members');
    expect(patch({ op: 'remove', path: 'members[value eq "a"]' })).toBe('Updated group g1: removed 1 member');
    expect(patch({ op: 'Remove', path: 'members', value: [{ value: 'a' }] }, { op: 'Add', path: 'members', value: [{ value: 'c' }] })).toBe('Updated group g1: added 1 member, removed 1 member');
    expect(patch({ op: 'remove', path: 'members' })).toBe('Updated group g1: removed all members');
    expect(patch({ op: 'replace', value: { id: 'g1', displayName: 'Sales EMEA' } })).toBe('Updated group g1: renamed to "Sales EMEA"');
  });

  it('names a token request of the OAuth token endpoint, not a discovery read', () => {
    const token = (status: number) => summarizeRequest(facts({ method: 'POST', path: '/oauth/token', status, body: { grant_type: 'client_credentials', client_id: 'rcc_1' } }));
    expect(token(200)).toEqual({ operation: 'other', resourceType: null, resourceId: null, userName: null, summary: 'Issued an access token for OAuth client rcc_1' });
    expect(token(401).summary).toBe('Access token request for OAuth client rcc_1 (refused)');
  });
});
