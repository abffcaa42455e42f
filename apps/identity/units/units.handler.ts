import { PublicHandler } from '@app/auth';
import { IdentitySubjects, ListUnitsQuery, UnitCodeParam } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UnitsService } from './units.service.js';

/** The org tree is public (DESIGN §6). */
@Controller()
@PublicHandler()
export class UnitsHandler {
  constructor(private readonly units: UnitsService) {}

  @MessagePattern(IdentitySubjects.listUnits)
  list(@Payload() q: ListUnitsQuery) {
    return this.units.list(q);
  }

  @MessagePattern(IdentitySubjects.getUnit)
  get(@Payload() p: UnitCodeParam) {
    return this.units.get(p.code);
  }
}
