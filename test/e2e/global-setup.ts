/**
 * e2e global setup: build the site once (unless ENSEMBLE_SKIP_BUILD=1 and dist/ exists),
 * serve dist/ with `astro preview` on a free loopback port, and provide its URL to tests.
 */
import { build, preview } from 'astro';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!(process.env.ENSEMBLE_SKIP_BUILD === '1' && existsSync(`${root}dist/index.html`))) {
    await build({ root, logLevel: 'warn' });
  }
  const port = await freePort();
  const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port } });
  project.provide('baseURL', `http://127.0.0.1:${port}`);
  return async () => {
    await server.stop();
  };
}
