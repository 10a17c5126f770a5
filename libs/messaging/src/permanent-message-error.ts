/** A message that can never be handled, whatever the retries: it goes to the dead letter. */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}
