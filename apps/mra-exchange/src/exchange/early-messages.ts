/**
 * Parties record and confirm an MRA each at its own moment, days apart in real life. A record or
 * request from a party before the arrangement is active here is early, not wrong: it is held
 * (InboxContext.hold) under its party's key and handled when an arrangement with that party
 * becomes active; one held longer than HELD_MESSAGE_DAYS goes to the dead letter.
 */
export function partnerHoldKey(administration: string): string {
  return `partner:${administration}`;
}
