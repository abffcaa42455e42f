import { DelegationParam, ForwardCheckRequest, PlanRequest, RoutingSubjects } from '@app/contracts';
import { BusClient } from '@app/messaging';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { Public } from '../auth/public.decorator.js';

class DelegationTowns {
  /** Checked in full by the routing service (12-digit town codes). */
  @IsArray() towns!: string[];
}

@ApiTags('routing')
@Controller('api/v1/routing')
export class RoutingController {
  constructor(private readonly bus: BusClient) {}

  @Public()
  @Get('plan')
  @ApiOperation({ summary: 'Which center handles an item for an origin, and the route there (public)' })
  plan(@Query() q: PlanRequest) {
    return this.bus.request(RoutingSubjects.plan, q);
  }

  @Public()
  @Get('forward-check')
  @ApiOperation({ summary: 'Whether a center may take a case of an item: it exists, is in service and has authority (public)' })
  forwardCheck(@Query() q: ForwardCheckRequest) {
    return this.bus.request(RoutingSubjects.validateForward, q);
  }

  @Public()
  @Get('delegations')
  @ApiOperation({ summary: 'Every delegation rule: district items handled at listed towns (赋权乡镇)' })
  delegations() {
    return this.bus.request(RoutingSubjects.listDelegations, {});
  }

  @Public()
  @Get('delegations/:itemCode')
  @ApiOperation({ summary: 'The towns an item is delegated to' })
  delegation(@Param() p: DelegationParam) {
    return this.bus.request(RoutingSubjects.getDelegation, p);
  }

  @Put('delegations/:itemCode')
  @ApiBearerAuth()
  @ApiBody({ type: DelegationTowns, examples: { example: { value: { towns: ['500117106000', '500117100000'] } } } })
  @ApiOperation({ summary: 'Set the towns a district item is delegated to (district admin; audited)' })
  setDelegation(@Param() p: DelegationParam, @Body() body: DelegationTowns) {
    return this.bus.request(RoutingSubjects.setDelegation, { itemCode: p.itemCode, towns: body.towns });
  }
}
