import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import { DelegationParam, ForwardCheckRequest, PlanRequest, RoutingSubjects, SetDelegationRequest } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RoutingService } from './routing.service.js';

/** Who handles what is public knowledge, like the org tree and the catalogue it is computed from. */
@Controller()
export class RoutingHandler {
  constructor(private readonly routing: RoutingService) {}

  @PublicHandler()
  @MessagePattern(RoutingSubjects.plan)
  plan(@Payload() req: PlanRequest) {
    return this.routing.plan(req);
  }

  @PublicHandler()
  @MessagePattern(RoutingSubjects.validateForward)
  checkForward(@Payload() req: ForwardCheckRequest) {
    return this.routing.checkForward(req);
  }

  @PublicHandler()
  @MessagePattern(RoutingSubjects.getDelegation)
  delegation(@Payload() p: DelegationParam) {
    return this.routing.delegation(p.itemCode);
  }

  @PublicHandler()
  @MessagePattern(RoutingSubjects.listDelegations)
  delegations() {
    return this.routing.list();
  }

  @Roles('admin')
  @MessagePattern(RoutingSubjects.setDelegation)
  setDelegation(@CurrentCaller() caller: Caller, @Payload() req: SetDelegationRequest) {
    return this.routing.setDelegation(caller, req);
  }
}
