import { CurrentCaller, Roles, type Caller } from '@app/auth';
import { AgentsSubjects, CreateAuthorizationRequest, CreateShipmentRequest, FiguresQuery, ReceiveShipmentRequest, ShipmentIdParam } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthorizationsService } from './authorizations/authorizations.service.js';
import { ShipmentsService } from './shipments/shipments.service.js';
import { WorkbenchService } from './workbench/workbench.service.js';

@Controller()
export class AgentsHandler {
  constructor(
    private readonly workbench: WorkbenchService,
    private readonly authorizations: AuthorizationsService,
    private readonly shipments: ShipmentsService,
  ) {}

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

  @Roles('agent')
  @MessagePattern(AgentsSubjects.authorize)
  authorize(@CurrentCaller() caller: Caller, @Payload() req: CreateAuthorizationRequest) {
    return this.authorizations.create(caller, req);
  }

  @Roles('agent', 'supervisor', 'clerk', 'admin')
  @MessagePattern(AgentsSubjects.listAuthorizations)
  authorizationsOf(@CurrentCaller() caller: Caller) {
    return this.authorizations.list(caller);
  }

  @Roles('agent')
  @MessagePattern(AgentsSubjects.ship)
  ship(@CurrentCaller() caller: Caller, @Payload() req: CreateShipmentRequest) {
    return this.shipments.ship(caller, req);
  }

  @MessagePattern(AgentsSubjects.getShipment)
  shipment(@CurrentCaller() caller: Caller, @Payload() p: ShipmentIdParam) {
    return this.shipments.get(caller, p.id);
  }

  @Roles('clerk')
  @MessagePattern(AgentsSubjects.receiveShipment)
  receiveShipment(@CurrentCaller() caller: Caller, @Payload() req: ReceiveShipmentRequest) {
    return this.shipments.receive(caller, req);
  }
}
