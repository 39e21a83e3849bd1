import { Clock } from '@app/common';

/** A clock a test moves by hand: to an instant, to 10:00 in Beijing on a day, or forward. */
export class MovableClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  /** Sets "now" to 10:00 in Beijing on `date` (YYYY-MM-DD). */
  setBeijingDay(date: string): void {
    this.at = new Date(`${date}T02:00:00Z`);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
