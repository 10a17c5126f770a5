/** Where services read the time, so tests can move it. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: tests set the date and move it by days. */
export class ManualClock extends Clock {
  private at: Date;

  constructor(start: Date = new Date()) {
    super();
    this.at = new Date(start);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date): void {
    this.at = new Date(at);
  }

  advanceDays(days: number): Date {
    this.at = new Date(this.at.getTime() + days * 86_400_000);
    return this.now();
  }
}
