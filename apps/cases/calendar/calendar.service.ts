import { Injectable } from '@nestjs/common';
import { OFFICIAL_CALENDARS } from './calendar-data.js';
import { WorkingCalendar } from './working-calendar.js';

/** The working-day calendar the clocks run on (the official years shipped as data). */
@Injectable()
export class CalendarService {
  private calendar = new WorkingCalendar(OFFICIAL_CALENDARS);

  deadline(from: string, days: number): { deadline: string; provisional: boolean } {
    return this.calendar.deadline(from, days);
  }

  workingDaysBetween(from: string, to: string): number {
    return this.calendar.workingDaysBetween(from, to);
  }

  isWorkingDay(date: string): boolean {
    return this.calendar.isWorkingDay(date);
  }
}
