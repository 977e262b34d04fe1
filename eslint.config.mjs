import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// The tag table of STYLE.md. Every project carries one `type:*` and one `scope:*` tag; nothing falls
// back to `* -> *`. Spec files may additionally use test doubles (`type:testing`) and the simulator
// (`type:tool`); production code never can, so fakes and the simulator stay out of bundles.
const typeRules = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
    bannedExternalImports: [
      '@aws-sdk/*',
      'aws-lambda',
      '@aws-lambda-powertools/*',
      'cdktf',
      'constructs',
    ],
  },
  {
    sourceTag: 'type:adapter',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'],
    bannedExternalImports: ['cdktf', 'constructs', '@cdktf/*'],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: ['@aws-sdk/*', 'cdktf', 'constructs', '@cdktf/*'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:adapter',
      'type:util',
      'type:testing',
      'type:tool',
    ],
  },
  {
    sourceTag: 'type:infra',
    onlyDependOnLibsWithTags: ['type:util'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:adapter',
      'type:util',
      'type:testing',
      'type:tool',
    ],
  },
];

// The simulator is the ground truth: it imports nothing of the pipeline.
const scopeRules = [
  { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:simulator'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:pipeline', onlyDependOnLibsWithTags: ['scope:shared', 'scope:pipeline'] },
  {
    sourceTag: 'scope:testing',
    onlyDependOnLibsWithTags: [
      'scope:shared',
      'scope:pipeline',
      'scope:simulator',
      'scope:testing',
    ],
  },
  {
    sourceTag: 'scope:local',
    onlyDependOnLibsWithTags: [
      'scope:shared',
      'scope:pipeline',
      'scope:simulator',
      'scope:testing',
      'scope:local',
    ],
  },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:shared'] },
];

const specTypeRules = typeRules.map((rule) =>
  rule.sourceTag === 'type:infra'
    ? rule
    : {
        ...rule,
        onlyDependOnLibsWithTags: [
          ...new Set([...rule.onlyDependOnLibsWithTags, 'type:testing', 'type:tool']),
        ],
      },
);
const specScopeRules = scopeRules.map((rule) =>
  rule.sourceTag === 'scope:simulator'
    ? rule
    : {
        ...rule,
        onlyDependOnLibsWithTags: [
          ...rule.onlyDependOnLibsWithTags,
          'scope:simulator',
          'scope:testing',
        ],
      },
);

const boundaries = (depConstraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/cdktf.out',
      '**/generated/**',
      '.lake/**',
      'tmp/**',
      'models/**',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([...typeRules, ...scopeRules]),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([...specTypeRules, ...specScopeRules]),
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'only' },
        { object: 'test', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'it', property: 'skip' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
  prettier,
];
