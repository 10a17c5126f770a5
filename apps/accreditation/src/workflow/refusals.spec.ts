import { applyToApplication, ApplicationAction, ApplicationCase, newApplicationCase } from './application-lifecycle';
import { applyToAuthorisation, AuthorisationAction, AuthorisationCase, newAuthorisationCase } from './authorisation-lifecycle';
import { Actor, Command } from './engine';
import { addDays, DEFAULT_RULES } from './rules';

/**
 * Every refusal the life cycles give, each where it starts: its kind (how the API answers it),
 * its code (what clients match) and its words; and, beside each deadline, the last moment
 * still allowed. The property test (state-machine.spec.ts) holds the invariants; this holds the
 * rules one by one.
 */
const NOW = new Date('2027-06-01T12:00:00Z');
const trader: Actor = { subject: 'trader-1', roles: ['trader'] };
const officer: Actor = { subject: 'officer-1', roles: ['officer'] };
const supervisor: Actor = { subject: 'supervisor-1', roles: ['supervisor'] };
const supervisor2: Actor = { subject: 'supervisor-2', roles: ['supervisor'] };
const system: Actor = { subject: 'system', roles: ['system'] };

type Expected = { kind: 'forbidden' | 'conflict' | 'invalid'; code: string; message: RegExp } | 'allowed';

const application = (over: Partial<ApplicationCase>): ApplicationCase => ({ ...newApplicationCase(), ...over });
const authorisation = (over: Partial<AuthorisationCase>): AuthorisationCase => ({ ...newAuthorisationCase('F', addDays(NOW, 1000)), ...over });

function outcome(result: { ok: boolean; kind?: string; code?: string; message?: string }) {
  return result.ok ? 'allowed' : { kind: result.kind, code: result.code, message: result.message };
}
const refused = (kind: 'forbidden' | 'conflict' | 'invalid', code: string, message: RegExp): Expected => ({ kind, code: `workflow.${code}`, message });
const check = (result: { ok: boolean; kind?: string; code?: string; message?: string }, expected: Expected) => {
  if (expected === 'allowed') expect(outcome(result)).toBe('allowed');
  else expect(outcome(result)).toEqual({ kind: expected.kind, code: expected.code, message: expect.stringMatching(expected.message) });
};

describe('what any step needs', () => {
  const cmd = (over: Partial<Command<ApplicationAction>>): Command<ApplicationAction> => ({ action: 'accept', actor: officer, now: NOW, reason: 'why', ...over });

  it.each<[string, Partial<ApplicationCase>, Partial<Command<ApplicationAction>>, Expected]>([
    ['an action the life cycle does not have', { stage: 'submitted' }, { action: 'fly' as ApplicationAction }, refused('invalid', 'unknown_action', /^unknown action fly$/)],
    ['a role the step does not name', { stage: 'submitted' }, { actor: trader }, refused('forbidden', 'role_required', /^accept needs one of the roles: officer, supervisor$/)],
    ['a stage the step does not start from', { stage: 'draft' }, {}, refused('conflict', 'wrong_state', /^cannot accept an application that is draft$/)],
    ['words with underscores said plainly', { stage: 'under_review' }, { action: 'propose_grant' }, refused('conflict', 'wrong_state', /^cannot propose grant an application that is under review$/)],
    ['a reason, where one is required', { stage: 'submitted' }, { action: 'return_incomplete', reason: '  ' }, refused('invalid', 'reason_required', /^reason is required$/)],
    ['no reason given at all', { stage: 'submitted' }, { action: 'return_incomplete', reason: undefined }, refused('invalid', 'reason_required', /^reason is required$/)],
    ['with all that, the step', { stage: 'submitted' }, {}, 'allowed'],
  ])('%s', (_what, c, command, expected) => check(applyToApplication(application(c), cmd(command), DEFAULT_RULES), expected));
});

describe('the refusals of an application', () => {
  const heldOn = addDays(NOW, -40);
  const cases: [string, Partial<ApplicationCase>, Command<ApplicationAction>, Expected][] = [
    ['a submission while a revocation bars reapplying', { stage: 'draft' }, { action: 'submit', actor: trader, now: NOW, facts: { reapplicationBarredUntil: addDays(NOW, 1) } },
      refused('conflict', 'reapplication_barred', /was revoked: a new application is refused until 2027-06-02T12:00:00.000Z$/)],
    ['a submission the moment the bar ends', { stage: 'draft' }, { action: 'submit', actor: trader, now: NOW, facts: { reapplicationBarredUntil: NOW } }, 'allowed'],
    ['an incomplete submission', { stage: 'returned' }, { action: 'submit', actor: trader, now: NOW, facts: { missing: ['a: answer', 'b: evidence'] } },
      refused('conflict', 'application_incomplete', /^the application is incomplete: a: answer; b: evidence$/)],
    ['a complete submission', { stage: 'draft' }, { action: 'submit', actor: trader, now: NOW, facts: { missing: [] } }, 'allowed'],
    ['a grant by the officer who visited', { stage: 'decision_proposed', visitRecordedBy: 'supervisor-1' }, { action: 'grant', actor: supervisor, now: NOW },
      refused('forbidden', 'four_eyes_visit', /^four eyes: the officer who recorded the validation visit cannot also decide$/)],
    ['a grant without a visit', { stage: 'decision_proposed', visitRecordedBy: null }, { action: 'grant', actor: supervisor, now: NOW },
      refused('conflict', 'visit_not_recorded', /no validation visit is recorded$/)],
    ['a grant conduct-compliance blocks', { stage: 'decision_proposed', visitRecordedBy: 'officer-1' }, { action: 'grant', actor: supervisor, now: NOW, facts: { grantBlockedBecause: ['no accepted Code of Conduct'] } },
      refused('conflict', 'grant_blocked', /^the operator cannot be granted now: no accepted Code of Conduct$/)],
    ['a grant nothing blocks', { stage: 'decision_proposed', visitRecordedBy: 'officer-1' }, { action: 'grant', actor: supervisor, now: NOW, facts: { grantBlockedBecause: [] } }, 'allowed'],
    ['a rejection before the trader was heard', { stage: 'hearing', hearingDue: addDays(NOW, 1), hearingAnsweredAt: null }, { action: 'reject', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'hearing_open', /^the trader has until 2027-06-02T12:00:00.000Z to answer the grounds/)],
    ['a rejection the moment the hearing period ends', { stage: 'hearing', hearingDue: NOW, hearingAnsweredAt: null }, { action: 'reject', actor: supervisor, now: NOW, reason: 'r' }, 'allowed'],
    ['a rejection after the answer', { stage: 'hearing', hearingDue: addDays(NOW, 10), hearingAnsweredAt: heldOn }, { action: 'reject', actor: supervisor, now: NOW, reason: 'r' }, 'allowed'],
    ['a rejection by the officer who visited', { stage: 'hearing', hearingDue: heldOn, visitRecordedBy: 'supervisor-1' }, { action: 'reject', actor: supervisor, now: NOW, reason: 'r' },
      refused('forbidden', 'four_eyes_visit', /four eyes/)],
    ['an appeal once the appeal was decided', { stage: 'rejected', appealDue: null }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'appeal_decided', /^the decision is final: the appeal was decided$/)],
    ['an appeal after its period', { stage: 'rejected', appealDue: addDays(NOW, -1) }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'appeal_period_ended', /^the appeal period ended on 2027-05-31T12:00:00.000Z$/)],
    ['an appeal on the last moment of its period', { stage: 'rejected', appealDue: NOW }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' }, 'allowed'],
    ['an appeal upheld by the supervisor who decided', { stage: 'appealed', decidedBy: 'supervisor-1' }, { action: 'uphold_appeal', actor: supervisor, now: NOW, reason: 'r' },
      refused('forbidden', 'four_eyes_appeal', /^the supervisor who took the decision cannot decide its appeal$/)],
    ['an appeal dismissed by the supervisor who decided', { stage: 'appealed', decidedBy: 'supervisor-1' }, { action: 'dismiss_appeal', actor: supervisor, now: NOW, reason: 'r' },
      refused('forbidden', 'four_eyes_appeal', /cannot decide its appeal/)],
    ['an appeal decided by another supervisor', { stage: 'appealed', decidedBy: 'supervisor-1' }, { action: 'dismiss_appeal', actor: supervisor2, now: NOW, reason: 'r' }, 'allowed'],
    ['a second extension of the decision deadline', { stage: 'under_review', decisionDue: NOW, decisionExtended: true }, { action: 'extend_decision', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'decision_already_extended', /^the decision deadline was already extended once$/)],
    ['an extension for information never requested', { stage: 'under_review', decisionDue: NOW, informationRequested: false }, { action: 'extend_for_information', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'no_information_requested', /information was requested, and none was$/)],
    ['a second extension for information', { stage: 'under_review', decisionDue: NOW, informationRequested: true, informationExtended: true }, { action: 'extend_for_information', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'information_extension_used', /^the extension for requested information was already used$/)],
    ['an answer to grounds already answered', { stage: 'hearing', hearingDue: addDays(NOW, 5), hearingAnsweredAt: heldOn }, { action: 'answer_hearing', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'grounds_already_answered', /^the grounds were already answered$/)],
    ['an answer after the hearing period', { stage: 'hearing', hearingDue: addDays(NOW, -1), hearingAnsweredAt: null }, { action: 'answer_hearing', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'hearing_period_ended', /^the hearing period ended on 2027-05-31T12:00:00.000Z$/)],
    ['an answer on the last moment of the hearing period', { stage: 'hearing', hearingDue: NOW, hearingAnsweredAt: null }, { action: 'answer_hearing', actor: trader, now: NOW, reason: 'r' }, 'allowed'],
  ];
  it.each(cases)('%s', (_what, c, command, expected) => check(applyToApplication(application(c), command, DEFAULT_RULES), expected));
});

describe('the refusals of an authorisation', () => {
  const cases: [string, Partial<AuthorisationCase>, Command<AuthorisationAction>, Expected][] = [
    ['a partial revocation of an AEO-C', { aeoType: 'C' }, { action: 'propose_partial_revocation', actor: officer, now: NOW, reason: 'r', keepType: 'C' },
      refused('conflict', 'not_aeo_f', /^only an AEO-F can be revoked in part; this is an AEO-C$/)],
    ['a partial revocation keeping F', {}, { action: 'propose_partial_revocation', actor: officer, now: NOW, reason: 'r', keepType: 'F' },
      refused('invalid', 'keep_type_invalid', /^keepType must be C or S/)],
    ['a partial revocation keeping S', {}, { action: 'propose_partial_revocation', actor: officer, now: NOW, reason: 'r', keepType: 'S' }, 'allowed'],
    ['a partial revocation keeping C', {}, { action: 'propose_partial_revocation', actor: officer, now: NOW, reason: 'r', keepType: 'C' }, 'allowed'],
    ['a suspension when the hearing is about a revocation', { status: 'hearing', proposal: 'revoke', hearingDue: addDays(NOW, -1) }, { action: 'suspend', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'proposal_mismatch', /^the hearing is about a proposal to revoke, not this decision$/)],
    ['a revocation when the hearing is about a partial one', { status: 'hearing', proposal: 'revoke_partially', hearingDue: addDays(NOW, -1) }, { action: 'revoke', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'proposal_mismatch', /^the hearing is about a proposal to revoke partially, not this decision$/)],
    ['a suspension before the holder was heard', { status: 'hearing', proposal: 'suspend', hearingDue: addDays(NOW, 2) }, { action: 'suspend', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'hearing_open', /has until 2027-06-03T12:00:00.000Z/)],
    ['a suspension once heard', { status: 'hearing', proposal: 'suspend', hearingDue: NOW }, { action: 'suspend', actor: supervisor, now: NOW, reason: 'r' }, 'allowed'],
    ['a second extension of the cure period', { status: 'suspended', cureDue: NOW, cureExtended: true }, { action: 'extend_cure', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'cure_already_extended', /^the cure period was already extended once$/)],
    ['an expiry before the end of validity', { validTo: addDays(NOW, 1) }, { action: 'expire', actor: system, now: NOW },
      refused('conflict', 'still_valid', /^the authorisation is valid until 2027-06-02T12:00:00.000Z$/)],
    ['an expiry at the end of validity', { validTo: NOW }, { action: 'expire', actor: system, now: NOW }, 'allowed'],
    ['a second reassessment', { reassessmentStartedAt: NOW }, { action: 'start_reassessment', actor: officer, now: NOW },
      refused('conflict', 'reassessment_under_way', /^a reassessment is already under way$/)],
    ['completing a reassessment never started', { reassessmentStartedAt: null }, { action: 'complete_reassessment', actor: officer, now: NOW, reason: 'r' },
      refused('conflict', 'no_reassessment', /^no reassessment is under way$/)],
    ['a renewal before the window', { validTo: addDays(NOW, 181) }, { action: 'renew', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'outside_renewal_window', /^a renewal is decided in the 180 days before the end of validity \(2027-11-29T12:00:00.000Z\)$/)],
    ['a renewal the moment the window opens', { validTo: addDays(NOW, 180) }, { action: 'renew', actor: supervisor, now: NOW, reason: 'r' }, 'allowed'],
    ['a renewal while a reassessment is flagged', { validTo: addDays(NOW, 10), reassessmentFlaggedAt: NOW }, { action: 'renew', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'reassessment_open', /^a reassessment is open: complete it before renewing$/)],
    ['a renewal while a reassessment is under way', { validTo: addDays(NOW, 10), reassessmentStartedAt: NOW }, { action: 'renew', actor: supervisor, now: NOW, reason: 'r' },
      refused('conflict', 'reassessment_open', /reassessment is open/)],
    ['a second appeal', { status: 'suspended', appealPending: true, lastDecision: 'suspend', appealDue: NOW }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'appeal_pending', /^an appeal is already pending$/)],
    ['an appeal with no decision', { lastDecision: null, appealDue: NOW }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'nothing_to_appeal', /^there is no decision open to appeal$/)],
    ['an appeal of a decision whose period is gone', { status: 'suspended', lastDecision: 'suspend', appealDue: null }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'nothing_to_appeal', /no decision open to appeal/)],
    ['an appeal after its period', { status: 'suspended', lastDecision: 'suspend', appealDue: addDays(NOW, -1) }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' },
      refused('conflict', 'appeal_period_ended', /^the appeal period ended on 2027-05-31T12:00:00.000Z$/)],
    ['an appeal on the last moment of its period', { status: 'suspended', lastDecision: 'suspend', appealDue: NOW }, { action: 'appeal', actor: trader, now: NOW, reason: 'r' }, 'allowed'],
    ['an appeal decided while none is pending', { status: 'suspended', appealPending: false, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1' }, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' },
      refused('conflict', 'no_appeal_pending', /^no appeal is pending$/)],
    ['an appeal decided by the supervisor who decided', { status: 'suspended', appealPending: true, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1' }, { action: 'dismiss_appeal', actor: supervisor, now: NOW, reason: 'r' },
      refused('forbidden', 'four_eyes_appeal', /cannot decide its appeal/)],
    ['an appeal decided by another supervisor', { status: 'suspended', appealPending: true, lastDecision: 'suspend', lastDecisionBy: 'supervisor-1' }, { action: 'uphold_appeal', actor: supervisor2, now: NOW, reason: 'r' }, 'allowed'],
    ['a proposed suspension by the system (conduct-compliance)', {}, { action: 'propose_suspension', actor: system, now: NOW, reason: 'critical incident' }, 'allowed'],
    ['a proposed revocation by the system', {}, { action: 'propose_revocation', actor: system, now: NOW, reason: 'r' },
      refused('forbidden', 'role_required', /^propose revocation needs one of the roles: officer, supervisor$/)],
  ];
  it.each(cases)('%s', (_what, c, command, expected) => check(applyToAuthorisation(authorisation(c), command, DEFAULT_RULES), expected));
});
