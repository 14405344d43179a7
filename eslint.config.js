// The layering of DESIGN.md section 1, written down once for the linter (test/core/layering.test.ts
// checks the same rules by walking the imports, including the order of the layers inside core/).
import tseslint from 'typescript-eslint';

const uiPackages = ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'plotly.js-dist-min', 'vite'];
const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'http', 'url', 'module'];
const restrict = (patterns, message) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }] });

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'test-output/**', 'test/bench/output/**', '.tmp/**', 'fixtures/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { 'no-debugger': 'error', 'no-dupe-keys': 'error', 'no-unreachable': 'error' },
  },
  {
    files: ['core/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./).*', message: 'core/contract imports nothing outside itself.' }] }] },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/contract/**'],
    rules: restrict([...uiPackages, '**/renderer/**', '**/electron/**'], 'core never imports electron, react, plotly, the renderer or the shell.'),
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: restrict([...nodeModules, 'electron', 'electron/*', '**/core/!(contract)/**', '**/core/*.js'], 'the renderer imports only core/contract and never node or electron.'),
  },
  {
    files: ['electron/preload*'],
    rules: restrict(['**/core/!(contract)/**'], 'the preload imports only core/contract.'),
  },
  {
    files: ['electron/main.ts', 'electron/menu.ts', 'electron/userData.ts'],
    rules: restrict(['**/core/!(contract)/**'], 'electron/main imports core through core/index.ts only.'),
  },
);
