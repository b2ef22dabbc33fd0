/**
 * Vite plugin: the editor's declarations of the reader globals, made at build time.
 *
 * `import { READER_API_DTS } from 'virtual:ensemble/reader-api-dts'` (in `monaco.ts`) is
 * answered with the text `node/reader-types/build-reader-dts.ts` builds from
 * `reader-api.d.ts` and the client's own declarations, so no generated copy lives in the
 * repository and none can go stale. In `astro dev` a change to a playground `.ts` file makes
 * the next editor load rebuild it.
 */
import { buildReaderDts } from '../../node/reader-types/build-reader-dts.ts';

const ID = 'virtual:ensemble/reader-api-dts';
const RESOLVED = '\0' + ID;

export function readerApiDts() {
  let cached = null;
  return {
    name: 'ensemble:reader-api-dts',
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      cached ??= `export const READER_API_DTS = ${JSON.stringify(buildReaderDts())};\n`;
      return cached;
    },
    handleHotUpdate({ file, server }) {
      if (!/\/playground\/.*\.ts$/.test(file)) return;
      cached = null;
      const mod = server.moduleGraph.getModuleById(RESOLVED);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}
