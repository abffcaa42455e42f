import { CalendarSubjects, DeadlineQuery, YearCalendarInput, YearParam, CASE_ACTIONS, CaseActionBody, CaseIdParam, CasesSubjects, DomainError, ErrorCode, ListCasesQuery, RateRequest, SubmitCaseRequest, type CaseAction, type CaseView, type SubmitCaseReply } from '@app/contracts';
import { BusClient } from '@app/messaging';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { RateLimited } from '../auth/rate-limit.guard.js';

const etag = (v: CaseView) => `"${v.version}"`;

/** The rating body; the tracking number comes from the path. */
class RateBody extends OmitType(RateRequest, ['trackingNo'] as const) {}

@ApiTags('cases')
@Controller('api/v1')
export class CasesController {
  constructor(private readonly bus: BusClient) {}

  @Post('cases')
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per request; a retry with the same key and body gets the original answer' })
  @ApiBody({
    type: SubmitCaseRequest,
    examples: {
      agent: {
        summary: 'A village agent files for a resident',
        value: {
          itemCode: 'HC-T-0001',
          applicant: { name: '张三', idNumber: '500117199001010019', phone: '13800138000' },
          materials: [{ code: 'M1', provided: true }, { code: 'M2', provided: true }, { code: 'M3', provided: true }],
          proxy: { consent: true, authorizationNo: 'WT-20261128-0A1B2C3D' },
        },
      },
    },
  })
  @ApiOperation({ summary: 'File a case (agent for a resident, window clerk, or partner with cases:write)' })
  async submit(@Body() body: SubmitCaseRequest, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!key) throw new DomainError(ErrorCode.BadRequest, 'The Idempotency-Key header is required', { fields: [{ field: 'Idempotency-Key', message: 'header is required' }] });
    const result = await this.bus.request<SubmitCaseReply>(CasesSubjects.submit, { ...body, idempotencyKey: key });
    void reply.status(201).header('etag', etag(result.case));
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.case;
  }

  @Get('cases')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cases in the caller’s scope: by status, unit (its subtree), item' })
  list(@Query() q: ListCasesQuery) {
    return this.bus.request(CasesSubjects.list, q);
  }

  @Get('cases/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A case with its timeline, hops, deadlines and light; ETag is its version' })
  async get(@Param() p: CaseIdParam, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.bus.request<CaseView>(CasesSubjects.get, p);
    void reply.header('etag', etag(view));
    return view;
  }

  @Post('cases/:id/:action')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'action', enum: CASE_ACTIONS })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (version) the caller saw: 428 without it, 412 when stale' })
  @ApiBody({
    type: CaseActionBody,
    examples: {
      accept: { summary: 'accept, with a deferred material (容缺受理)', value: { deferredMaterials: ['M4'] } },
      'request-supplement': { summary: 'request-supplement: every missing material at once', value: { missing: [{ code: 'M2', reason: '复印件不清晰' }] } },
      forward: { summary: 'forward to the unit with authority', value: { toUnitCode: '500117100000', reason: '属钱塘镇管辖' } },
      decide: { summary: 'decide (a parallel item names the department)', value: { decision: 'approve', department: '区税务局' } },
      deliver: { summary: 'deliver the result', value: { channel: 'door' } },
    },
  })
  @ApiOperation({ summary: 'A transition of the lifecycle (DESIGN §5)' })
  async act(@Param('id') id: string, @Param('action') action: string, @Body() body: CaseActionBody, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(CASE_ACTIONS as readonly string[]).includes(action)) throw new DomainError(ErrorCode.NotFound, `There is no action ${action}`);
    if (!ifMatch) throw new DomainError(ErrorCode.PreconditionRequired, 'The If-Match header (the case’s ETag) is required');
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!m) throw new DomainError(ErrorCode.PreconditionFailed, 'If-Match must be the case’s ETag, e.g. "3"');
    const view = await this.bus.request<CaseView>(CasesSubjects.action(action as CaseAction), { ...body, id, expectedVersion: Number(m[1]) });
    void reply.header('etag', etag(view));
    return view;
  }

  @Public()
  @Get('track/:trackingNo')
  @RateLimited('track')
  @ApiOperation({ summary: 'Public tracking with the query code: status, hops, current unit, deadline, light; no personal data' })
  track(@Param('trackingNo') trackingNo: string, @Query('code') code: string) {
    return this.bus.request(CasesSubjects.track, { trackingNo, code: code ?? '' });
  }

  @Public()
  @Post('track/:trackingNo/rating')
  @HttpCode(201)
  @RateLimited('track')
  @ApiBody({ type: RateBody, examples: { example: { value: { code: 'K7Q2XM', level: 5, comment: '代办员上门送件，很方便' } } } })
  @ApiOperation({ summary: 'The resident rates a completed case once (好差评 1–5), with the query code' })
  rate(@Param('trackingNo') trackingNo: string, @Body() body: RateBody) {
    return this.bus.request(CasesSubjects.rate, { ...body, trackingNo });
  }

  @Public()
  @Get('calendar/deadline')
  @ApiOperation({ summary: 'The due date of N working days from a date (the day itself not counted), on the official PRC calendar' })
  deadline(@Query() q: DeadlineQuery) {
    return this.bus.request(CalendarSubjects.deadline, q);
  }

  @Public()
  @Get('calendar/:year')
  @ApiOperation({ summary: 'A loaded year: holidays and make-up workdays with their source; 404 while the year is provisional' })
  year(@Param() p: YearParam) {
    return this.bus.request(CalendarSubjects.getYear, p);
  }

  @Put('calendar/:year')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Load a year from the State Council notice (district admin); provisional deadlines are recomputed' })
  loadYear(@Param() p: YearParam, @Body() body: Omit<YearCalendarInput, 'year'>) {
    return this.bus.request(CalendarSubjects.putYear, { ...body, year: Number(p.year) });
  }
}
