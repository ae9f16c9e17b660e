export type AppRole = 'api' | 'worker' | 'all';

/** `--role=api|worker|all` on the command line, else APP_ROLE, else both in one process. */
export function resolveRole(argv: string[], env: NodeJS.ProcessEnv): AppRole {
  const flag = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? env.APP_ROLE ?? 'all';
  if (flag === 'api' || flag === 'worker' || flag === 'all') return flag;
  throw new Error(`Invalid role "${flag}": use api, worker or all`);
}
