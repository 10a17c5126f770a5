import fc from 'fast-check';
import { addDays, DAY_MS, DEFAULT_RULES } from './rules';
import {
  Actor,
  APPLICATION_TRANSITIONS,
  ApplicationAction,
  ApplicationCase,
  applyToApplication,
  applyToAuthorisation,
  AUTHORISATION_TRANSITIONS,
  authorisationActionsOpen,
  AuthorisationAction,
  DECISION_CLOCK_STAGES,
  newApplicationCase,
  newAuthorisationCase,
  partnerStatus,
} from './state-machine';

/**
 * Random command sequences, with random roles and clock moves, through the state machine: no
 * sequence reaches a state the rules forbid, and every clock rule holds after every step.
 */
const rules = DEFAULT_RULES;
const START = new Date('2027-01-04T08:00:00Z');
/** Command sequences per property: 3000 in the test tiers; fewer where each mutant runs them (npm run mutation). */
const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);
/**
 * A fixed seed, so that a run (and a failure) is the same on every machine, and "every stage was
 * reached" does not depend on luck; PROPERTY_SEED=<n> explores other sequences.
 */
const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20261129);

const ACTORS: Actor[] = [
  { subject: 'trader-1', roles: ['trader'] },
  { subject: 'officer-1', roles: ['officer'] },
  { subject: 'officer-2', roles: ['officer'] },
  { subject: 'supervisor-1', roles: ['supervisor'] },
  { subject: 'supervisor-2', roles: ['supervisor'] },
  { subject: 'auditor-1', roles: ['auditor'] },
  { subject: 'partner-1', roles: ['partner'] },
  { subject: 'system', roles: ['system'] },
];

const step = <A extends string>(actions: A[]) =>
  fc.record({
    action: fc.constantFrom(...actions),
    actor: fc.constantFrom(...ACTORS),
    // Mostly a step open from the present state by someone allowed to take it, so sequences go deep;
    // otherwise the random action and actor above, so refusals are exercised too.
    aimed: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    actionPick: fc.noBias(fc.nat(1000)),
    actorPick: fc.noBias(fc.nat(1000)),
    // Most steps happen the same day or days apart; some jump past a deadline.
    advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 }).map((d) => d * DAY_MS), fc.integer({ min: 1, max: DAY_MS })),
    reason: fc.oneof({ weight: 6, arbitrary: fc.constant('because') }, fc.constant(undefined), fc.constant('  ')),
    incomplete: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    grantBlocked: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    keepType: fc.constantFrom(undefined, 'C' as const, 'S' as const, 'F' as const),
  });

const draft = newApplicationCase;

/** The step to take: aimed at what is open now, or wild. */
function choose<S extends string, A extends string>(
  table: Record<A, { from: readonly S[]; roles: readonly string[] }>,
  state: S,
  s: { action: A; actor: Actor; aimed: boolean; actionPick: number; actorPick: number },
): { action: A; actor: Actor } {
  if (!s.aimed) return s;
  const open = (Object.keys(table) as A[]).filter((a) => table[a].from.includes(state));
  if (open.length === 0) return s;
  const action = open[s.actionPick % open.length];
  const allowed = ACTORS.filter((x) => x.roles.some((r) => table[action].roles.includes(r)));
  return { action, actor: allowed[s.actorPick % allowed.length] };
}

/** The decision deadline is acceptance + 120 days + the extensions used + the time paused (closed pauses). */
function expectedDecisionDue(c: ApplicationCase): number {
  return (
    c.acceptedAt!.getTime() +
    rules.decisionDays * DAY_MS +
    (c.decisionExtended ? rules.decisionExtensionDays * DAY_MS : 0) +
    (c.informationExtended ? rules.informationExtensionDays * DAY_MS : 0) +
    c.pausedMs
  );
}

describe('the application state machine, driven by random command sequences', () => {
  it('never reaches a forbidden state and keeps every clock rule', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(step(Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[]), { minLength: 10, maxLength: 60, size: 'max' }), (steps) => {
        let c = draft();
        let now = START;
        let everVisitedBy: string | null = null;
        for (const raw of steps) {
          const s = { ...raw, ...choose(APPLICATION_TRANSITIONS, c.stage, raw) };
          now = new Date(now.getTime() + s.advanceMs);
          const facts = { missing: s.incomplete ? ['customs-compliance: answer'] : [], grantBlockedBecause: s.grantBlocked ? ['no accepted Code of Conduct'] : [] };
          const before = c;
          const out = applyToApplication(c, { action: s.action, actor: s.actor, now, reason: s.reason, facts }, rules);
          const t = APPLICATION_TRANSITIONS[s.action];
          if (!out.ok) {
            // A refusal names its kind: the role first, then the stage, then the rest.
            if (!t.roles.some((r) => s.actor.roles.includes(r))) expect(out.kind).toBe('forbidden');
            else if (!t.from.includes(before.stage)) expect(out.kind).toBe('conflict');
            continue;
          }
          c = out.next;
          reached.add(c.stage);
          // Only the transitions of the table, by the roles it names.
          expect(t.from).toContain(before.stage);
          expect(t.roles.some((r) => s.actor.roles.includes(r))).toBe(true);
          expect(['granted', 'withdrawn']).not.toContain(before.stage);
          if (s.action === 'record_visit') everVisitedBy = s.actor.subject;

          switch (s.action) {
            case 'submit':
              expect(s.incomplete).toBe(false);
              expect(c.completenessDue!.getTime() - c.submittedAt!.getTime()).toBe(rules.completenessDays * DAY_MS);
              break;
            case 'grant':
              // Four eyes, a visit on record, and nothing blocking the grant.
              expect(everVisitedBy).not.toBeNull();
              expect(s.actor.subject).not.toBe(c.visitRecordedBy);
              expect(s.grantBlocked).toBe(false);
              break;
            case 'reject':
              // Heard first: the trader answered, or the 30 days passed.
              expect(before.stage).toBe('hearing');
              expect(before.hearingAnsweredAt !== null || now >= before.hearingDue!).toBe(true);
              expect(s.actor.subject).not.toBe(before.visitRecordedBy);
              expect(c.appealDue!.getTime() - now.getTime()).toBe(rules.appealDays * DAY_MS);
              break;
            case 'appeal':
              expect(now <= before.appealDue!).toBe(true);
              break;
            case 'uphold_appeal':
            case 'dismiss_appeal':
              expect(s.actor.subject).not.toBe(before.decidedBy);
              break;
            case 'propose_rejection':
              expect(c.hearingDue!.getTime() - now.getTime()).toBe(rules.hearingDays * DAY_MS);
              break;
            case 'answer_hearing':
              expect(now <= before.hearingDue!).toBe(true);
              break;
            case 'extend_decision':
              expect(before.decisionExtended).toBe(false);
              break;
            case 'extend_for_information':
              expect(before.informationRequested && !before.informationExtended).toBe(true);
              break;
          }
          // The decision clock: 120 days from acceptance, moved only by the extensions and the pauses.
          if (DECISION_CLOCK_STAGES.includes(c.stage)) {
            expect(c.decisionDue!.getTime()).toBe(expectedDecisionDue(c));
            expect(c.stage === 'information_requested').toBe(c.pausedSince !== null);
          }
          // While paused, the deadline stands still (an extension aside).
          if (before.pausedSince && c.pausedSince && !s.action.startsWith('extend')) expect(c.decisionDue!.getTime()).toBe(before.decisionDue!.getTime());
          // Paused time only grows, until an upheld appeal restarts the decision clock.
          if (s.action !== 'uphold_appeal') expect(c.pausedMs).toBeGreaterThanOrEqual(before.pausedMs);
          if (c.stage === 'submitted') expect(c.completenessDue).not.toBeNull();
        }
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
    // The sequences went deep enough to test something: every stage was reached (it takes the full runs).
    if (PROPERTY_RUNS >= 3000) expect([...reached].sort()).toEqual(
      ['submitted', 'returned', 'accepted', 'under_review', 'information_requested', 'visit_planned', 'visit_recorded',
        'decision_proposed', 'hearing', 'granted', 'rejected', 'appealed', 'withdrawn'].sort(),
    );
  });

  it('reaches a grant by the path of DOMAIN.md, and refuses the officer who visited as decision maker', () => {
    const officer = ACTORS[1];
    const trader = ACTORS[0];
    const supervisor = ACTORS[3];
    let c = draft();
    const go = (action: ApplicationAction, actor: Actor, extra: object = {}) => {
      const out = applyToApplication(c, { action, actor, now: START, reason: 'r', facts: {}, ...extra }, rules);
      if (!out.ok) throw new Error(`${action}: ${out.message}`);
      c = out.next;
    };
    go('submit', trader);
    go('accept', officer);
    go('start_review', officer);
    go('plan_visit', officer);
    go('record_visit', officer);
    go('propose_grant', officer);
    const byVisitor = applyToApplication(c, { action: 'grant', actor: { subject: 'officer-1', roles: ['supervisor'] }, now: START, facts: {} }, rules);
    expect(byVisitor).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(/four eyes/) });
    go('grant', supervisor);
    expect(c.stage).toBe('granted');
  });
});

const valid = (aeoType: 'C' | 'S' | 'F' = 'F') => newAuthorisationCase(aeoType, addDays(START, 5 * 365));

describe('the authorisation state machine, driven by random command sequences', () => {
  it('suspends and revokes only after a hearing, expires only when validity ended, and revokes in part only an AEO-F', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom('C' as const, 'S' as const, 'F' as const),
        fc.array(step(Object.keys(AUTHORISATION_TRANSITIONS) as AuthorisationAction[]), { minLength: 10, maxLength: 60, size: 'max' }),
        fc.integer({ min: 0, max: 400 }),
        (type, steps, bigJump) => {
          let c = valid(type);
          let now = START;
          let suspendedAt: Date | null = null;
          for (const [i, raw] of steps.entries()) {
            const s = { ...raw, ...choose(AUTHORISATION_TRANSITIONS, c.status, raw) };
            now = new Date(now.getTime() + s.advanceMs + (i === 5 ? bigJump * 5 * DAY_MS : 0));
            const before = c;
            const out = applyToAuthorisation(c, { action: s.action, actor: s.actor, now, reason: s.reason, keepType: s.keepType as 'C' }, rules);
            if (!out.ok) {
              expect(['forbidden', 'conflict', 'invalid']).toContain(out.kind);
              continue;
            }
            c = out.next;
            reached.add(`${s.action}:${c.status}`);
            const t = AUTHORISATION_TRANSITIONS[s.action];
            expect(t.from).toContain(before.status);
            expect(['withdrawn', 'expired']).not.toContain(before.status);
            // A revocation is final but for its appeal.
            if (before.status === 'revoked') expect(['appeal', 'uphold_appeal', 'dismiss_appeal']).toContain(s.action);
                        // The type changes only by a partial revocation (F to C or S), or back to F when an appeal against it is upheld.
            if (c.aeoType !== before.aeoType) {
              expect(['revoke_partially', 'uphold_appeal']).toContain(s.action);
              if (s.action === 'revoke_partially') {
                expect(before.aeoType).toBe('F');
                expect(['C', 'S']).toContain(c.aeoType);
              } else expect(c.aeoType).toBe('F');
            }
            if (s.action === 'suspend' || s.action === 'revoke' || s.action === 'revoke_partially') {
              expect(before.status).toBe('hearing');
              expect(before.hearingAnsweredAt !== null || now >= before.hearingDue!).toBe(true);
              expect(s.actor.roles).toContain('supervisor');
            }
            if (c.status === 'suspended' && before.status !== 'suspended' && before.status !== 'hearing') {
              expect(s.action).toBe('request_suspension');
            }
            if (c.status === 'suspended' && (s.action === 'suspend' || s.action === 'request_suspension')) suspendedAt = now;
            if (c.status === 'suspended' && suspendedAt && c.cureDue) {
              // The cure period: 30 days, extended once by 30.
              const days = rules.cureDays + (c.cureExtended ? rules.cureExtensionDays : 0);
              expect(c.cureDue.getTime() - suspendedAt.getTime()).toBe(days * DAY_MS);
            }
            if (s.action === 'expire') expect(now >= c.validTo).toBe(true);
            // A renewal: in the 180 days before the end of validity, five more years from that end.
            if (s.action === 'renew') {
              expect(now.getTime()).toBeGreaterThanOrEqual(before.validTo.getTime() - rules.renewalWindowDays * DAY_MS);
              expect(c.validTo.getUTCFullYear() - before.validTo.getUTCFullYear()).toBe(rules.validityYears);
            } else expect(c.validTo).toEqual(before.validTo);
            if (c.status === 'hearing') {
              expect(c.hearingDue!.getTime() - c.hearingOpenedAt!.getTime()).toBe(rules.hearingDays * DAY_MS);
              // Partners keep seeing the status the hearing started from.
              expect(partnerStatus(c)).toBe(c.returnTo);
            }
            if (s.action === 'answer_hearing') expect(now <= before.hearingDue!).toBe(true);
            // Appeals: within 30 days of the decision, decided by someone else; upheld, the decision is undone.
            if (['suspend', 'revoke', 'revoke_partially'].includes(s.action)) {
              expect(c.appealDue!.getTime() - now.getTime()).toBe(rules.appealDays * DAY_MS);
            }
            if (s.action === 'appeal') expect(now <= before.appealDue!).toBe(true);
            if (s.action === 'uphold_appeal' || s.action === 'dismiss_appeal') {
              expect(before.appealPending).toBe(true);
              expect(s.actor.subject).not.toBe(before.lastDecisionBy);
            }
            if (s.action === 'uphold_appeal' && before.lastDecision === 'revoke_partially') expect(c.aeoType).toBe(before.typeBeforePartial);
            if (s.action === 'uphold_appeal' && before.lastDecision !== 'revoke_partially') expect(c.status).toBe('valid');
          }
        },
      ),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
    if (PROPERTY_RUNS < 3000) return; // every step taken: it takes the full runs
    for (const seen of ['suspend:suspended', 'request_suspension:suspended', 'reinstate:valid', 'revoke:revoked', 'expire:expired', 'withdraw:withdrawn', 'extend_cure:suspended', 'appeal:revoked', 'uphold_appeal:valid', 'dismiss_appeal:revoked', 'renew:valid']) {
      expect(reached).toContain(seen);
    }
    expect([...reached].some((r) => r.startsWith('revoke_partially:'))).toBe(true);
  });
});

describe('the steps open to a viewer', () => {
  it('follow the rules the administration configured, not the defaults', () => {
    const supervisor: Actor = { subject: 'supervisor-1', roles: ['supervisor'] };
    const validTo = addDays(START, 300); // 300 days before the end of validity
    const authorisation = newAuthorisationCase('F', validTo);
    expect(authorisationActionsOpen(authorisation, supervisor, START, DEFAULT_RULES)).not.toContain('renew'); // window of 180 days
    expect(authorisationActionsOpen(authorisation, supervisor, START, { ...DEFAULT_RULES, renewalWindowDays: 365 })).toContain('renew');
  });
});
