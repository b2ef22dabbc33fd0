// Lint rules. Beyond the recommended sets, the whole engine (playground/) is held to determinism:
// no wall clock, no Math.random, no real timers (time and randomness come from the kernel).
// Node code (node/: the wire client, the CLIs, the real targets) lives outside it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const determinism = {
  'no-restricted-globals': ['error',
    { name: 'setTimeout', message: 'playground cores use kernel timers (sim.at / setTimer effects)' },
    { name: 'setInterval', message: 'playground cores use kernel timers' },
    { name: 'performance', message: 'playground cores use virtual time (ctx.now)' },
    { name: 'window', message: 'playground code runs without a DOM' },
    { name: 'document', message: 'playground code runs without a DOM' },
  ],
  'no-restricted-properties': ['error',
    { object: 'Math', property: 'random', message: 'use the kernel\'s seeded PRNG' },
    { object: 'Date', property: 'now', message: 'use virtual time (ctx.now)' },
  ],
  'no-restricted-syntax': ['error',
    { selector: "NewExpression[callee.name='Date']", message: 'use virtual time (ctx.now)' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'scratch*/', '**/*.astro'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    // Exercise code: functions the check's code calls, so unused within the file.
    files: ['content/exercises/*/start.ts', 'content/zh-cn/exercises/*/start.ts', 'content/exercises/*/solution.ts', 'test/unit/exercises/*/wrong-*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['playground/**/*.ts'],
    rules: determinism,
  },
);
