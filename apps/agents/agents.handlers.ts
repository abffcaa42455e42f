import { CurrentCaller, Roles, type Caller } from '@app/auth';
import { AgentsSubjects, FiguresQuery } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WorkbenchService } from './workbench/workbench.service.js';

@Controller()
export class AgentsHandler {
  constructor(private readonly workbench: WorkbenchService) {}

  @Roles('agent')
  @MessagePattern(AgentsSubjects.workbench)
  desk(@CurrentCaller() caller: Caller) {
    return this.workbench.workbench(caller);
  }

  @Roles('supervisor', 'clerk', 'admin')
  @MessagePattern(AgentsSubjects.figures)
  figures(@CurrentCaller() caller: Caller, @Payload() q: FiguresQuery) {
    return this.workbench.figures(caller, q.unitCode);
  }
}
