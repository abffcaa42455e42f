import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import { IdentitySubjects, ListUnitsQuery, UnitCodeParam, UpdateUnitRequest } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UnitsService } from './units.service.js';

/** The org tree is public to read (DESIGN §6); admins change it. */
@Controller()
export class UnitsHandler {
  constructor(private readonly units: UnitsService) {}

  @PublicHandler()
  @MessagePattern(IdentitySubjects.listUnits)
  list(@Payload() q: ListUnitsQuery) {
    return this.units.list(q);
  }

  @PublicHandler()
  @MessagePattern(IdentitySubjects.getUnit)
  get(@Payload() p: UnitCodeParam) {
    return this.units.get(p.code);
  }

  @Roles('admin')
  @MessagePattern(IdentitySubjects.updateUnit)
  update(@CurrentCaller() caller: Caller, @Payload() req: UpdateUnitRequest) {
    return this.units.update(caller, req);
  }
}
