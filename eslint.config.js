// Module boundaries are enforced, not decorative: services use only the shared libraries and
// never each other; contracts import nothing of ours; only the launcher, tests and tools compose services.
const nx = require('@nx/eslint-plugin');

const libs = ['type:contracts', 'type:platform', 'type:messaging'];
const services = ['@aeo/operator-registry', '@aeo/accreditation', '@aeo/conduct-compliance', '@aeo/mra-exchange', '@aeo/notifications'];
const composing = [...services, '@aeo/launcher'].map((name) => ({
  name,
  message: 'services talk only through events; only the launcher, e2e tests and tools compose them',
}));

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', 'libs/contracts/src/gen/**', 'deploy/**', '.nx/**', 'tmp/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Nx forbids importing applications at all; the launcher, e2e tests and tools must, so the
          // services are allowed here and the no-restricted-imports blocks below keep everyone else out.
          allow: [...services, '@aeo/launcher', '@aeo/console-server'],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: [] },
            // messaging's `@aeo/messaging/testing` entry uses the testing helpers
            { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: [...libs, 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform'] },
            { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:platform'] },
            { sourceTag: 'type:launcher', onlyDependOnLibsWithTags: [...libs, 'type:service', 'type:gateway'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...libs, 'type:testing', 'type:service', 'type:launcher', 'type:gateway'] },
          ],
        },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Services never import services; libraries never import services.
    files: ['apps/operator-registry/**/*.ts', 'apps/accreditation/**/*.ts', 'apps/conduct-compliance/**/*.ts', 'apps/mra-exchange/**/*.ts', 'apps/notifications/**/*.ts', 'libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: composing }] },
  },
  {
    // Production code of services never uses the test helpers.
    files: ['apps/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/launcher/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...composing,
            { name: '@aeo/testing', message: 'test code only' },
            { name: '@aeo/messaging/testing', message: 'test code only' },
            { name: '@aeo/accreditation/testing', message: 'test code only' },
          ],
        },
      ],
    },
  },
];
