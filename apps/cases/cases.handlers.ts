import { CurrentCaller, PublicHandler, Roles, type Caller } from '@app/auth';
import { CaseActionCommand, CaseIdParam, CasesSubjects, ListCasesQuery, RateRequest, SubmitCaseCommand, TrackRequest } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LifecycleService } from './lifecycle/lifecycle.service.js';
import { QueriesService } from './queries/queries.service.js';
import { SubmissionService } from './submission/submission.service.js';

@Controller()
export class CasesHandler {
  constructor(
    private readonly submission: SubmissionService,
    private readonly lifecycle: LifecycleService,
    private readonly queries: QueriesService,
  ) {}

  /** Agents, window clerks and partners (cases:write); the service tells them apart. */
  @Roles('agent', 'clerk')
  @MessagePattern(CasesSubjects.submit)
  submit(@CurrentCaller() caller: Caller, @Payload() cmd: SubmitCaseCommand) {
    return this.submission.submit(caller, cmd);
  }

  @MessagePattern(CasesSubjects.get)
  get(@CurrentCaller() caller: Caller, @Payload() p: CaseIdParam) {
    return this.queries.get(caller, p.id);
  }

  @MessagePattern(CasesSubjects.list)
  list(@CurrentCaller() caller: Caller, @Payload() q: ListCasesQuery) {
    return this.queries.list(caller, q);
  }

  @PublicHandler()
  @MessagePattern(CasesSubjects.track)
  track(@Payload() req: TrackRequest) {
    return this.queries.track(req);
  }

  @PublicHandler()
  @MessagePattern(CasesSubjects.rate)
  rate(@Payload() req: RateRequest) {
    return this.lifecycle.rate(req);
  }

  @Roles('clerk')
  @MessagePattern(CasesSubjects.action('receive'))
  receive(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'receive', cmd);
  }

  @Roles('clerk')
  @MessagePattern(CasesSubjects.action('accept'))
  accept(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'accept', cmd);
  }

  @Roles('clerk')
  @MessagePattern(CasesSubjects.action('reject'))
  reject(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'reject', cmd);
  }

  @Roles('approver')
  @MessagePattern(CasesSubjects.action('decide'))
  decide(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'decide', cmd);
  }

  @Roles('agent', 'clerk')
  @MessagePattern(CasesSubjects.action('deliver'))
  deliver(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'deliver', cmd);
  }

  @Roles('agent', 'clerk')
  @MessagePattern(CasesSubjects.action('withdraw'))
  withdraw(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'withdraw', cmd);
  }

  @Roles('clerk')
  @MessagePattern(CasesSubjects.action('request-supplement'))
  requestSupplement(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'request-supplement', cmd);
  }

  @Roles('agent', 'clerk')
  @MessagePattern(CasesSubjects.action('supplement'))
  supplement(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'supplement', cmd);
  }

  @Roles('clerk')
  @MessagePattern(CasesSubjects.action('forward'))
  forward(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'forward', cmd);
  }

  @Roles('clerk', 'approver')
  @MessagePattern(CasesSubjects.action('suspend'))
  suspend(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'suspend', cmd);
  }

  @Roles('clerk', 'approver')
  @MessagePattern(CasesSubjects.action('resume'))
  resume(@CurrentCaller() caller: Caller, @Payload() cmd: CaseActionCommand) {
    return this.lifecycle.act(caller, 'resume', cmd);
  }
}
