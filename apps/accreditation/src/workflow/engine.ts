import type { Role } from '@aeo/platform';
import type { AeoTypeCode } from '../applications/application.entity';
import { WorkflowRules } from './rules';

/**
 * The transition engine of the accreditation life cycle (DOMAIN.md). A life cycle is a table of
 * transitions: for each action, the states it leaves, where it leads, who may take it, what must
 * hold first and which clocks it starts, stops or moves. Two tables use this engine: the
 * application (application-lifecycle.ts) and the authorisation (authorisation-lifecycle.ts).
 *
 * The functions are pure: a workflow service loads a case, applies a command with the time of its
 * clock and stores what comes out, with the history line and the events, in one transaction.
 */

/** Roles that may take transitions; `system` is the scheduler and the compliance rules. */
export type WorkflowRole = Role | 'system';

export interface Actor {
  subject: string;
  roles: readonly WorkflowRole[];
}

/** The scheduler and the compliance rules act as this. */
export const SYSTEM_ACTOR: Actor = { subject: 'system', roles: ['system'] };

/** The officers and supervisors of the administration. */
export const STAFF: WorkflowRole[] = ['officer', 'supervisor'];

export interface Command<A extends string> {
  action: A;
  actor: Actor;
  now: Date;
  reason?: string;
  /** For a partial revocation: the type the holder keeps (C or S of an AEO-F). */
  keepType?: AeoTypeCode;
  /** Facts the service gathered that decide whether the transition may go ahead. */
  facts?: {
    /** SAQ sections (and what each lacks) that stop a submission. */
    missing?: string[];
    /** Why the operator may not be granted now (e.g. no accepted Code of Conduct). */
    grantBlockedBecause?: string[];
    /** The end of the bar on reapplying after a revocation, when the operator's was revoked. */
    reapplicationBarredUntil?: Date;
  };
}

/** Why a step is refused: its kind (how a transport answers it), a stable code (`workflow.<what>`) and words. */
export type Refusal = { kind: 'forbidden' | 'conflict' | 'invalid'; code: string; message: string };
export type Outcome<C> = { ok: true; from: string; to: string; next: C } | ({ ok: false } & Refusal);

export interface Transition<S extends string, C, A extends string> {
  from: readonly S[];
  /** Where the transition leads; a function where it depends on the case (e.g. back where it was). */
  to: S | ((c: C) => S);
  roles: readonly WorkflowRole[];
  reasonRequired?: boolean;
  /** What must hold first; a refusal says why not. */
  guard?: (c: C, cmd: Command<A>, rules: WorkflowRules) => Refusal | undefined;
  /** The case after the transition (clocks started, stopped or moved). */
  effect?: (c: C, cmd: Command<A>, rules: WorkflowRules) => Partial<C>;
}

export const conflict = (what: string, message: string): Refusal => ({ kind: 'conflict', code: `workflow.${what}`, message });
export const forbidden = (what: string, message: string): Refusal => ({ kind: 'forbidden', code: `workflow.${what}`, message });
export const invalid = (what: string, message: string): Refusal => ({ kind: 'invalid', code: `workflow.${what}`, message });

/** How a life cycle reads and writes the state of its case, and how its refusals name the subject. */
export interface Subject<S extends string, C> {
  /** The subject as a refusal names it: "an application". */
  name: string;
  state: (c: C) => S;
  setState: (s: S) => Partial<C>;
}

/**
 * Applies a command to a case by a table: the action must exist, a role of the actor allow it, the
 * state allow it, a reason be given where one is required and the guard let it through; the case
 * comes back whole, with the effect of the transition and its new state.
 */
export function run<S extends string, C extends object, A extends string>(
  table: Record<A, Transition<S, C, A>>,
  subject: Subject<S, C>,
  c: C,
  cmd: Command<A>,
  rules: WorkflowRules,
): Outcome<C> {
  const t = table[cmd.action];
  if (!t) return { ok: false, ...invalid('unknown_action', `unknown action ${cmd.action}`) };
  if (!t.roles.some((r) => cmd.actor.roles.includes(r))) {
    return { ok: false, ...forbidden('role_required', `${cmd.action.replace(/_/g, ' ')} needs one of the roles: ${t.roles.join(', ')}`) };
  }
  const from = subject.state(c);
  if (!t.from.includes(from)) {
    return { ok: false, ...conflict('wrong_state', `cannot ${cmd.action.replace(/_/g, ' ')} ${subject.name} that is ${from.replace(/_/g, ' ')}`) };
  }
  if (t.reasonRequired && !cmd.reason?.trim()) return { ok: false, ...invalid('reason_required', 'reason is required') };
  const refusal = t.guard?.(c, cmd, rules);
  if (refusal) return { ok: false, ...refusal };
  const to = typeof t.to === 'function' ? t.to(c) : t.to;
  const next = { ...c, ...t.effect?.(c, cmd, rules), ...subject.setState(to) };
  return { ok: true, from, to, next };
}
