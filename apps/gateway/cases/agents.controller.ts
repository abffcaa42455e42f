import { AgentsSubjects, FiguresQuery } from '@app/contracts';
import { BusClient } from '@app/messaging';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/v1/agents')
export class AgentsController {
  constructor(private readonly bus: BusClient) {}

  @Get('me/workbench')
  @ApiOperation({ summary: 'A village agent’s desk: my cases by state, awaiting supplement, results ready to hand over, overdue' })
  workbench() {
    return this.bus.request(AgentsSubjects.workbench, {});
  }

  @Get('figures')
  @ApiOperation({ summary: 'Per agent: cases filed, completed and average days (supervisors, clerks, admins; within scope)' })
  figures(@Query() q: FiguresQuery) {
    return this.bus.request(AgentsSubjects.figures, q);
  }
}
