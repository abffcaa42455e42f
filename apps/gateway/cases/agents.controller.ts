import { AgentsSubjects, CreateAuthorizationRequest, CreateShipmentRequest, FiguresQuery, ReceiveShipmentRequest, ShipmentIdParam } from '@app/contracts';
import { OmitType } from '@nestjs/swagger';
import { BusClient } from '@app/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';

class ReceiveBody extends OmitType(ReceiveShipmentRequest, ['id'] as const) {}

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

  @Post('authorizations')
  @ApiBody({ type: CreateAuthorizationRequest, examples: { example: { value: { residentName: '王五', residentIdNumber: '500117199001010019', itemCode: 'HC-V-0001', consentAt: '2026-11-28T09:30:00+08:00', documentRef: 'scan/2026/11/28/001.pdf' } } } })
  @ApiOperation({ summary: 'Record a resident’s consent for the agent to act (委托) (agent)' })
  authorize(@Body() body: CreateAuthorizationRequest) {
    return this.bus.request(AgentsSubjects.authorize, body);
  }

  @Get('authorizations')
  @ApiOperation({ summary: 'Proxy authorizations: an agent’s own; staff see those in their scope' })
  authorizations() {
    return this.bus.request(AgentsSubjects.listAuthorizations, {});
  }

  @Post('shipments')
  @ApiOperation({ summary: 'Send several cases’ paper materials to the town in one trip (一次送件) (agent); answers the manifest' })
  ship(@Body() body: CreateShipmentRequest) {
    return this.bus.request(AgentsSubjects.ship, body);
  }

  @Get('shipments/:id')
  @ApiOperation({ summary: 'A shipment and its manifest (in scope)' })
  shipment(@Param() p: ShipmentIdParam) {
    return this.bus.request(AgentsSubjects.getShipment, p);
  }

  @Post('shipments/:id/receive')
  @HttpCode(200)
  @ApiOperation({ summary: 'The town receives a shipment; what did not arrive and notes are its discrepancies (clerk of the town)' })
  receive(@Param() p: ShipmentIdParam, @Body() body: ReceiveBody) {
    return this.bus.request(AgentsSubjects.receiveShipment, { ...body, id: p.id });
  }
}
