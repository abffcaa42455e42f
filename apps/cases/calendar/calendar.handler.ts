import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import { CalendarSubjects, DeadlineQuery, YearCalendarInput, YearParam } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarService } from './calendar.service.js';

@Controller()
export class CalendarHandler {
  constructor(private readonly calendar: CalendarService) {}

  @PublicHandler()
  @MessagePattern(CalendarSubjects.deadline)
  deadline(@Payload() q: DeadlineQuery) {
    return this.calendar.deadline(q.from, q.days);
  }

  @PublicHandler()
  @MessagePattern(CalendarSubjects.getYear)
  year(@Payload() p: YearParam) {
    return this.calendar.year(p.year);
  }

  @Roles('admin')
  @MessagePattern(CalendarSubjects.putYear)
  load(@CurrentCaller() caller: Caller, @Payload() input: YearCalendarInput) {
    return this.calendar.load(caller, input);
  }
}
