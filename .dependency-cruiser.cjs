// The layering of src/ (npm run lint:deps). See docs/architecture.md.
/** Feature modules: everything in src/ that is not the core or a lower layer. */
const LOWER = '^src/(scheduling|config|common)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file reaches itself through its imports (type-only imports included: they couple the modules as well).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'No module (folder of src/) reaches itself through other modules.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'courses-below-appointments',
      severity: 'error',
      comment: 'Appointments belong to courses: appointments/ reads courses/, so courses/ does not import appointments/.',
      from: { path: '^src/courses/' },
      to: { path: '^src/appointments/' },
    },
    {
      name: 'core-is-self-contained',
      severity: 'error',
      comment: 'src/scheduling is the pure core: it imports nothing of the service outside itself.',
      from: { path: '^src/scheduling/' },
      to: { path: '^src/', pathNot: '^src/scheduling/' },
    },
    {
      name: 'core-has-no-infrastructure',
      severity: 'error',
      comment: 'src/scheduling runs without Nest, TypeORM, BullMQ, Redis or PostgreSQL.',
      from: { path: '^src/scheduling/' },
      to: { path: '(^|/)node_modules/(@nestjs/|typeorm/|bullmq/|ioredis/|pg/|@bull-board/)' },
    },
    {
      name: 'core-through-front-door',
      severity: 'error',
      comment: 'Outside src/scheduling the core is imported only through src/scheduling/index.ts.',
      from: { path: '^src/', pathNot: '^src/scheduling/' },
      to: { path: '^src/scheduling/', pathNot: '^src/scheduling/index\\.ts$' },
    },
    {
      name: 'config-below-features',
      severity: 'error',
      comment: 'src/config is read by every module, so it imports none of them.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: LOWER },
    },
    {
      name: 'common-below-features',
      severity: 'error',
      comment: 'src/common is shared by every module, so it imports none of them.',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: LOWER },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/.*\\.(spec|e2e-spec)\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
