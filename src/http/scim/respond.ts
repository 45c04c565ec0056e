// Shared answers of the resource routes: a resource with its ETag (and
// Location when created), a ListResponse, and the conditional-GET check.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceSchema } from '../../scim/schema/types.js';
import { project } from '../../scim/project.js';
import { etagOf, matchesIfNoneMatch } from '../../scim/etag.js';
import { cursorListResponse, listResponse } from './render.js';
import type { Projection } from './list-query.js';
import { SCIM_CONTENT_TYPE } from './scim-context.js';

export function ifMatch(request: FastifyRequest): string | undefined {
  const value = request.headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

export function sendResource(
  reply: FastifyReply,
  options: { status: number; resource: Record<string, unknown>; version: number; schema: ResourceSchema; projection: Projection },
): FastifyReply {
  const meta = options.resource.meta as { location: string };
  reply.code(options.status).type(SCIM_CONTENT_TYPE).header('ETag', etagOf(options.version));
  if (options.status === 201) reply.header('Location', meta.location);
  return reply.send(project(options.resource, options.projection, options.schema));
}

/** RFC 7644 §3.14: a GET whose If-None-Match names the current version is 304. */
export function notModified(request: FastifyRequest, reply: FastifyReply, version: number): boolean {
  const header = request.headers['if-none-match'];
  if (!matchesIfNoneMatch(Array.isArray(header) ? header.join(',') : header, version)) return false;
  reply.code(304).header('ETag', etagOf(version)).send();
  return true;
}

export function sendList(
  reply: FastifyReply,
  options: {
    total: number;
    startIndex: number;
    resources: Record<string, unknown>[];
    schema: ResourceSchema;
    projection: Projection;
    /** Cursor pagination (RFC 9865): the next page's cursor, null on the last page; undefined for index pagination. */
    nextCursor?: string | null;
  },
): FastifyReply {
  const projected = options.resources.map((r) => project(r, options.projection, options.schema));
  const body = options.nextCursor === undefined ? listResponse(options.total, options.startIndex, projected) : cursorListResponse(options.total, projected, options.nextCursor ?? undefined);
  return reply.code(200).type(SCIM_CONTENT_TYPE).send(body);
}
