import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  host: string;
  method: string;
  body: string;
  cookies: Record<string, string>;
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return cookies;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(value));
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html;charset=UTF-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}) {
  res.writeHead(303, { location, ...headers });
  res.end();
}

export function sessionCookie(name: string, value: string, { partitioned = false } = {}): string {
  // A frame inside another site (AE inside the Lightning app) only keeps a
  // cookie partitioned by the top-level site (CHIPS).
  return `${name}=${encodeURIComponent(value)}; Path=/; Secure; HttpOnly; SameSite=None${partitioned ? '; Partitioned' : ''}`;
}

export function formFields(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

export const escapeHtml = (text: unknown): string => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
