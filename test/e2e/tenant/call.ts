import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { TENANT_HOST } from './tenant';

export interface TenantResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: Record<string, unknown>;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A direct HTTPS call to the tenant, addressed by its host name like the apps do. */
export function callTenant(port: number, method: string, path: string, options: CallOptions = {}): Promise<TenantResponse> {
  const payload = options.form ? new URLSearchParams(options.form).toString() : options.body === undefined ? undefined : JSON.stringify(options.body);
  const contentType = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: TENANT_HOST,
        rejectUnauthorized: false,
        method,
        path,
        headers: {
          Host: TENANT_HOST,
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'Content-Type': contentType } : {}),
          ...options.headers,
        },
        timeout: 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          if ((res.headers['content-type'] ?? '').includes('application/json') && text) body = JSON.parse(text) as Record<string, unknown>;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookiesOf(response: TenantResponse): string {
  return (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}
