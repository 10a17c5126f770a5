import { applicationActionsOpen, applyToApplication, ApplicationCase, newApplicationCase } from './application-lifecycle';
import { applyToAuthorisation, authorisationActionsOpen, AuthorisationCase, newAuthorisationCase, partnerStatus } from './authorisation-lifecycle';
import { Actor, Command } from './engine';
import { addDays, addYears, DAY_MS, DEFAULT_RULES } from './rules';

/**
 * What each step does to a case, field by field, as DOMAIN.md says: the clocks it starts, stops
 * or moves, who it records, what a hearing and an appeal leave behind.
 */
const NOW = new Date('2027-06-01T12:00:00Z');
const trader: Actor = { subject: 'trader-1', roles: ['trader'] };
const officer: Actor = { subject: 'officer-1', roles: ['officer'] };
const supervisor: Actor = { subject: 'supervisor-1', roles: ['supervisor'] };
const supervisor2: Actor = { subject: 'supervisor-2', roles: ['supervisor'] };

function applied(c: ApplicationCase, cmd: Omit<Command<never>, 'action'> & { action: string }) {
  const o = applyToApplication(c, cmd as Command<never>, DEFAULT_RULES);
  if (!o.ok) throw new Error(`refused: ${o.message}`);
  return o.next;
}
function appliedA(c: AuthorisationCase, cmd: Omit<Command<never>, 'action'> & { action: string }) {
  const o = applyToAuthorisation(c, cmd as Command<never>, DEFAULT_RULES);
  if (!o.ok) throw new Error(`refused: ${o.message}`);
  return o.next;
}
const app = (over: Partial<ApplicationCase>): ApplicationCase => ({ ...newApplicationCase(), ...over });
const aut = (over: Partial<AuthorisationCase>): AuthorisationCase => ({ ...newAuthorisationCase('F', addDays(NOW, 1000)), ...over });

describe('an application, step by step', () => {
  it('starts as a draft with no clock running', () => {
    expect(newApplicationCase()).toMatchObject({ stage: 'draft', decisionDue: null, completenessDue: null, pausedSince: null, pausedMs: 0, informationRequested: false });
  });

  it('submission starts the completeness clock; return stops it; acceptance starts the decision clock', () => {
    const submitted = applied(app({}), { action: 'submit', actor: trader, now: NOW });
    expect(submitted).toMatchObject({ stage: 'submitted', submittedAt: NOW, completenessDue: addDays(NOW, 30) });
    expect(applied(submitted, { action: 'return_incomplete', actor: officer, now: NOW, reason: 'r' })).toMatchObject({ stage: 'returned', completenessDue: null });
    expect(applied(submitted, { action: 'accept', actor: officer, now: NOW })).toMatchObject({ stage: 'accepted', completenessDue: null, acceptedAt: NOW, decisionDue: addDays(NOW, 120) });
  });

  it('a request for information pauses the decision clock; the answer resumes it where the review was, the deadline moved by the pause', () => {
    const due = addDays(NOW, 100);
    const asked = applied(app({ stage: 'visit_recorded', decisionDue: due, pausedMs: 5 }), { action: 'request_information', actor: officer, now: NOW, reason: 'r' });
    expect(asked).toMatchObject({ stage: 'information_requested', pausedSince: NOW, resumeStage: 'visit_recorded', informationRequested: true });
    const answered = applied(asked, { action: 'answer_information', actor: trader, now: addDays(NOW, 10), reason: 'here' });
    expect(answered).toMatchObject({ stage: 'visit_recorded', pausedSince: null, resumeStage: null, pausedMs: 5 + 10 * DAY_MS, decisionDue: addDays(due, 10) });
    // Without a stage to resume (a case from before resumeStage was kept), the review goes on.
    expect(applied({ ...asked, resumeStage: null }, { action: 'answer_information', actor: trader, now: NOW, reason: 'here' }).stage).toBe('under_review');
  });

  it('a withdrawal closes a running pause and the completeness clock', () => {
    const paused = app({ stage: 'information_requested', decisionDue: addDays(NOW, 50), pausedSince: addDays(NOW, -3), completenessDue: null });
    expect(applied(paused, { action: 'withdraw', actor: trader, now: NOW })).toMatchObject({ stage: 'withdrawn', pausedSince: null, pausedMs: 3 * DAY_MS, decisionDue: addDays(NOW, 53) });
    expect(applied(app({ stage: 'submitted', completenessDue: addDays(NOW, 5) }), { action: 'withdraw', actor: trader, now: NOW })).toMatchObject({ completenessDue: null, pausedMs: 0 });
  });

  it('records who visited, who proposed, and opens a hearing of 30 days before a rejection', () => {
    expect(applied(app({ stage: 'visit_planned' }), { action: 'record_visit', actor: officer, now: NOW })).toMatchObject({ stage: 'visit_recorded', visitRecordedBy: 'officer-1' });
    expect(applied(app({ stage: 'visit_recorded' }), { action: 'propose_grant', actor: officer, now: NOW })).toMatchObject({ stage: 'decision_proposed', proposal: 'grant', proposedBy: 'officer-1' });
    expect(applied(app({ stage: 'under_review' }), { action: 'propose_rejection', actor: officer, now: NOW, reason: 'arrears' })).toMatchObject({
      stage: 'hearing', proposal: 'reject', proposedBy: 'officer-1', hearingOpenedAt: NOW, hearingDue: addDays(NOW, 30), hearingAnsweredAt: null,
    });
    expect(applied(app({ stage: 'hearing', hearingDue: addDays(NOW, 3) }), { action: 'answer_hearing', actor: trader, now: NOW, reason: 'paid' }).hearingAnsweredAt).toEqual(NOW);
  });

  it('a grant records the decision; a rejection opens 30 days to appeal; a dismissed appeal makes it final', () => {
    expect(applied(app({ stage: 'decision_proposed', visitRecordedBy: 'officer-1' }), { action: 'grant', actor: supervisor, now: NOW })).toMatchObject({ stage: 'granted', decidedAt: NOW, decidedBy: 'supervisor-1' });
    const rejected = applied(app({ stage: 'hearing', hearingDue: NOW }), { action: 'reject', actor: supervisor, now: NOW, reason: 'r' });
    expect(rejected).toMatchObject({ stage: 'rejected', decidedAt: NOW, decidedBy: 'supervisor-1', appealDue: addDays(NOW, 30) });
    const appealed = applied(rejected, { action: 'appeal', actor: trader, now: NOW, reason: 'r' });
    expect(applied(appealed, { action: 'dismiss_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({ stage: 'rejected', appealDue: null });
  });

  it('an upheld appeal reviews the application again with a fresh decision clock, keeping its submission and visit', () => {
    const appealed = app({ stage: 'appealed', submittedAt: addDays(NOW, -200), visitRecordedBy: 'officer-1', decidedBy: 'supervisor-1', pausedMs: 99, decisionExtended: true, proposal: 'reject' });
    expect(applied(appealed, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toEqual({
      ...newApplicationCase(), stage: 'under_review', submittedAt: addDays(NOW, -200), visitRecordedBy: 'officer-1', acceptedAt: NOW, decisionDue: addDays(NOW, 120),
    });
  });

  it('each extension moves the decision deadline once: 60 days, or 30 after a request for information', () => {
    const due = addDays(NOW, 10);
    expect(applied(app({ stage: 'under_review', decisionDue: due }), { action: 'extend_decision', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({ decisionExtended: true, decisionDue: addDays(due, 60) });
    expect(applied(app({ stage: 'under_review', decisionDue: due, informationRequested: true }), { action: 'extend_for_information', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({
      informationExtended: true, decisionDue: addDays(due, 30),
    });
  });

  it('shows a viewer only the steps open to them', () => {
    expect(applicationActionsOpen(app({ stage: 'submitted' }), officer, NOW, DEFAULT_RULES).sort()).toEqual(['accept', 'return_incomplete']);
    expect(applicationActionsOpen(app({ stage: 'submitted' }), trader, NOW, DEFAULT_RULES)).toEqual(['withdraw']);
  });
});

describe('an authorisation, step by step', () => {
  it('a proposal opens a hearing of 30 days and remembers where to return; partners still see the status before', () => {
    const h = appliedA(aut({ status: 'suspended' }), { action: 'propose_revocation', actor: officer, now: NOW, reason: 'r' });
    expect(h).toMatchObject({ status: 'hearing', proposal: 'revoke', proposedBy: 'officer-1', returnTo: 'suspended', keepType: null, hearingOpenedAt: NOW, hearingDue: addDays(NOW, 30), hearingAnsweredAt: null });
    expect(partnerStatus(h)).toBe('suspended');
    const partial = appliedA(aut({}), { action: 'propose_partial_revocation', actor: officer, now: NOW, reason: 'r', keepType: 'S' });
    expect(partial).toMatchObject({ proposal: 'revoke_partially', keepType: 'S', returnTo: 'valid' });
    expect(partnerStatus(partial)).toBe('valid');
    expect(partnerStatus({ status: 'hearing', returnTo: null })).toBe('valid');
  });

  it('dropping the proposal closes the hearing and returns to the status before', () => {
    const hearing = aut({ status: 'hearing', proposal: 'revoke', returnTo: 'suspended', hearingDue: NOW, proposedBy: 'officer-1' });
    expect(appliedA(hearing, { action: 'drop_proposal', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({ status: 'suspended', proposal: null, proposedBy: null, returnTo: null, hearingDue: null });
    expect(appliedA({ ...hearing, returnTo: null }, { action: 'drop_proposal', actor: supervisor, now: NOW, reason: 'r' }).status).toBe('valid');
  });

  it('a suspension starts a cure period of 30 days and 30 days to appeal; one extension adds 30', () => {
    const s = appliedA(aut({ status: 'hearing', proposal: 'suspend', hearingDue: NOW, returnTo: 'valid' }), { action: 'suspend', actor: supervisor, now: NOW, reason: 'r' });
    expect(s).toMatchObject({ status: 'suspended', cureDue: addDays(NOW, 30), cureExtended: false, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1', appealDue: addDays(NOW, 30), appealPending: false, proposal: null, hearingDue: null });
    expect(appliedA(s, { action: 'extend_cure', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({ cureExtended: true, cureDue: addDays(NOW, 60) });
    expect(appliedA(aut({}), { action: 'request_suspension', actor: trader, now: NOW, reason: 'r' })).toMatchObject({ status: 'suspended', cureDue: addDays(NOW, 30), cureExtended: false, lastDecision: null });
  });

  it('reinstating ends the cure period, and an appeal against the suspension with it', () => {
    const suspended = aut({ status: 'suspended', cureDue: NOW, cureExtended: true, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1', appealDue: NOW, appealPending: true });
    expect(appliedA(suspended, { action: 'reinstate', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({
      status: 'valid', cureDue: null, cureExtended: false, lastDecision: null, lastDecisionBy: null, appealDue: null, appealPending: false,
    });
    const afterPartial = { ...suspended, lastDecision: 'revoke_partially' as const };
    expect(appliedA(afterPartial, { action: 'reinstate', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({ lastDecision: 'revoke_partially', appealPending: true });
  });

  it('a revocation records when; a partial one keeps the part chosen and remembers the type before', () => {
    expect(appliedA(aut({ status: 'hearing', proposal: 'revoke', hearingDue: NOW, cureDue: NOW }), { action: 'revoke', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({
      status: 'revoked', revokedAt: NOW, cureDue: null, lastDecision: 'revoke', appealDue: addDays(NOW, 30),
    });
    expect(appliedA(aut({ status: 'hearing', proposal: 'revoke_partially', keepType: 'C', returnTo: 'suspended', hearingDue: NOW }), { action: 'revoke_partially', actor: supervisor, now: NOW, reason: 'r' })).toMatchObject({
      status: 'suspended', aeoType: 'C', typeBeforePartial: 'F', lastDecision: 'revoke_partially', keepType: null,
    });
  });

  it('withdrawal and expiry close a hearing and a cure period', () => {
    const inHearing = aut({ status: 'hearing', proposal: 'suspend', hearingDue: NOW, cureDue: NOW });
    expect(appliedA(inHearing, { action: 'withdraw', actor: trader, now: NOW })).toMatchObject({ status: 'withdrawn', proposal: null, hearingDue: null, cureDue: null });
    expect(appliedA({ ...inHearing, validTo: NOW }, { action: 'expire', actor: { subject: 'system', roles: ['system'] }, now: NOW })).toMatchObject({ status: 'expired', proposal: null, cureDue: null });
  });

  it('a reassessment starts and completes, clearing the flag', () => {
    const started = appliedA(aut({ reassessmentFlaggedAt: NOW }), { action: 'start_reassessment', actor: officer, now: NOW });
    expect(started).toMatchObject({ status: 'valid', reassessmentStartedAt: NOW, reassessmentFlaggedAt: NOW });
    expect(appliedA(started, { action: 'complete_reassessment', actor: officer, now: NOW, reason: 'r' })).toMatchObject({ reassessmentStartedAt: null, reassessmentFlaggedAt: null });
  });

  it('a renewal adds another period of validity from the end of this one', () => {
    const validTo = addDays(NOW, 100);
    expect(appliedA(aut({ validTo }), { action: 'renew', actor: supervisor, now: NOW, reason: 'r' }).validTo).toEqual(addYears(validTo, 5));
  });

  it('an appeal is pending until another supervisor decides it: upheld, the decision is undone; dismissed, it stands', () => {
    const suspended = aut({ status: 'suspended', cureDue: NOW, cureExtended: true, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1', appealDue: NOW });
    const appealed = appliedA(suspended, { action: 'appeal', actor: trader, now: NOW, reason: 'r' });
    expect(appealed).toMatchObject({ status: 'suspended', appealPending: true });
    expect(appliedA(appealed, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({
      status: 'valid', appealPending: false, appealDue: null, lastDecision: null, lastDecisionBy: null, cureDue: null, cureExtended: false, revokedAt: null, aeoType: 'F', typeBeforePartial: null,
    });
    expect(appliedA(appealed, { action: 'dismiss_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({ status: 'suspended', appealPending: false, appealDue: null, lastDecision: 'suspend' });
    const revoked = aut({ status: 'revoked', revokedAt: NOW, lastDecision: 'revoke', lastDecisionBy: 'supervisor-1', appealDue: NOW, appealPending: true });
    expect(appliedA(revoked, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({ status: 'valid', revokedAt: null });
  });

  it('an upheld appeal against a partial revocation gives the type back and keeps the status', () => {
    const partial = aut({ status: 'suspended', aeoType: 'C', typeBeforePartial: 'F', lastDecision: 'revoke_partially', lastDecisionBy: 'supervisor-1', appealDue: NOW, appealPending: true });
    expect(appliedA(partial, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' })).toMatchObject({ status: 'suspended', aeoType: 'F', typeBeforePartial: null });
    expect(appliedA({ ...partial, typeBeforePartial: null }, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' }).aeoType).toBe('C');
  });

  it('shows a viewer only the steps open to them', () => {
    expect(authorisationActionsOpen(aut({}), trader, NOW, DEFAULT_RULES).sort()).toEqual(['request_suspension', 'withdraw']);
  });
});
