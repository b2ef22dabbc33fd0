/**
 * e2e global setup: build the site once (unless ENSEMBLE_SKIP_BUILD=1 and dist/ exists),
 * serve dist/ with `astro preview` on a free loopback port, and provide its URL to tests.
 */
import { preview } from 'astro';
import { spawnSync } from 'node:child_process';
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
    // A separate process with NODE_ENV=production: under vitest NODE_ENV is "test", which
    // would build a development flavour of the site (Starlight then disables search).
    const astro = `${root}node_modules/.bin/astro`;
    const out = spawnSync(astro, ['build', '--silent'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (out.status !== 0) throw new Error(`astro build failed (exit ${out.status})`);
  }
  const port = await freePort();
  const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port } });
  project.provide('baseURL', `http://127.0.0.1:${port}`);
  return async () => {
    await server.stop();
  };
}
