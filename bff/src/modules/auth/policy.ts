/**
 * The one grammar of authorization, after Outline's `allow(User, "update", Share, …)`:
 * each module's `policy.ts` declares what an actor may do with an object of that module,
 * and services ask `authorize(actor, 'manage', merchant)` (throws) or `can(...)` (a boolean
 * for presenters and filters). A refusal is the policy's own error: objects outside the
 * caller's reach answer "not found", so ids cannot be probed.
 */
import type { HttpError } from '../../http/errors';
import type { Actor } from './actor';

type Rules = Record<string, (actor: Actor, object: any) => boolean>;
type ObjectOf<R extends Rules, A extends keyof R> = Parameters<R[A]>[1];

export interface Policy<R extends Rules> {
  can<A extends keyof R & string>(actor: Actor, action: A, object: ObjectOf<R, A>): boolean;
  /** Throws the policy's refusal unless `can`. */
  authorize<A extends keyof R & string>(actor: Actor, action: A, object: ObjectOf<R, A>): void;
}

export function definePolicy<R extends Rules>(rules: R, refuse: (action: keyof R & string) => HttpError): Policy<R> {
  const can = <A extends keyof R & string>(actor: Actor, action: A, object: ObjectOf<R, A>) =>
    rules[action]!(actor, object);
  return {
    can,
    authorize(actor, action, object) {
      if (!can(actor, action, object)) throw refuse(action);
    },
  };
}
