// Builds the web console (npm run build:web) when web/dist is missing or older than any of its sources,
// so `npm test` (its browser tests serve web/dist) never runs against a stale or absent build.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const web = join(__dirname, '..', 'web');
const built = join(web, 'dist', 'index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

const sources = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'public'].map((p) => join(web, p)).filter(existsSync);
const stale = !existsSync(built) || sources.some((source) => newestMtime(source) > statSync(built).mtimeMs);
if (stale) {
  console.log('web console: building web/dist');
  execSync('npm run build:web', { stdio: 'inherit', cwd: join(__dirname, '..') });
}
