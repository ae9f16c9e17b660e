import { AsyncLocalStorage } from 'node:async_hooks';

export type Role = 'ADMIN' | 'COORDINATOR' | 'MINISTRY';

/** Who is acting; null for system actors (workers, CLI). */
export interface Actor {
  userId: string | null;
  username: string;
  role: Role | 'SYSTEM';
  countryCode: string | null;
}

export interface RequestContext {
  requestId: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Request-scoped facts (request id, acting user) without request-scoped providers. */
export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  actor(): Actor | undefined {
    return storage.getStore()?.actor;
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', role: 'SYSTEM', countryCode: null };
