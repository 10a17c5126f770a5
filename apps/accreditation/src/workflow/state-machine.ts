/**
 * The accreditation life cycle of DOMAIN.md, as explicit state machines, under the one name its
 * importers know. The parts:
 * - engine.ts: actors, commands, refusals (`workflow.<what>`) and the transition engine `run`;
 * - application-lifecycle.ts: the application, from the draft to the decision and its appeal;
 * - authorisation-lifecycle.ts: the authorisation the grant creates, and what partners see of it;
 * - hearing.ts: the hearing both hold before a negative decision.
 *
 * The functions are pure: a workflow service loads a case, applies a command with the time of its
 * clock and stores what comes out, with the history line and the event, in one transaction. The
 * property tests (state-machine.spec.ts) drive the same functions with random commands, roles and
 * clock moves.
 */
export type { Actor, Command, Outcome, Refusal, WorkflowRole } from './engine';
export {
  APPLICATION_STAGES,
  APPLICATION_TRANSITIONS,
  applicationActionsOpen,
  applyToApplication,
  DECISION_CLOCK_STAGES,
  EDITABLE_STAGES,
  newApplicationCase,
} from './application-lifecycle';
export type { ApplicationAction, ApplicationCase, ApplicationStage } from './application-lifecycle';
export {
  applyToAuthorisation,
  AUTHORISATION_STATES,
  AUTHORISATION_TRANSITIONS,
  authorisationActionsOpen,
  IN_FORCE,
  inForceSql,
  newAuthorisationCase,
  partnerStatus,
} from './authorisation-lifecycle';
export type { AuthorisationAction, AuthorisationCase, AuthorisationProposal, AuthorisationState, PartnerStatus } from './authorisation-lifecycle';
