// RFC 7644 §3.12: SCIM error responses. A ScimError carries the HTTP status
// and the wire `scimType`; the HTTP layer renders it as an Error body. These
// are protocol errors (a bad filter, path or value), thrown where the request
// is read; a domain error (DomainError) becomes one through the error
// catalogue in domain/errors.ts.

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  // RFC 9865 §2.3 (cursor pagination).
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  /** The RFC 7644 §3.12 body; `status` is a string on the wire. */
  toBody(): { schemas: string[]; status: string; scimType?: ScimType; detail: string } {
    const body: { schemas: string[]; status: string; scimType?: ScimType; detail: string } = {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      detail: this.message,
    };
    if (this.scimType) body.scimType = this.scimType;
    return body;
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const noTarget = (detail: string) => new ScimError(400, detail, 'noTarget');
export const mutability = (detail: string) => new ScimError(400, detail, 'mutability');
export const invalidCount = (detail: string) => new ScimError(400, detail, 'invalidCount');
export const tooMany = (detail: string) => new ScimError(400, detail, 'tooMany');
export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');
export const notFound = (detail: string) => new ScimError(404, detail);
export const preconditionFailed = (detail: string) => new ScimError(412, detail);
