import type { FastifyReply } from 'fastify';
import type { Page, PageRequest } from '../services/paging.js';

export function pageRequest(query: { page?: number; pageSize?: number }): PageRequest {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? 50 };
}

/** Lists answer a plain array; the totals ride in headers, as in the API this one follows. */
export function sendPage<T>(reply: FastifyReply, request: PageRequest, page: Page<T>): T[] {
  reply.header('Total-Records', String(page.total));
  reply.header('Total-Pages', String(Math.ceil(page.total / request.pageSize)));
  return page.items;
}
